/** Parts master and stock (issue 5): parts.* */
export const partsContract = {};
