/** Chinese texts of the monthly CSI report: its own section, its field labels, its refusal reasons. */
export const text = {};

export const fields = {};

export const reasons = {};
