/** Warranty old parts (旧件) held until the claim is settled (issue 5): parts.* */
export const oldPartsContract = {};
