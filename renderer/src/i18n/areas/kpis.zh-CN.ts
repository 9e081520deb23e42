/** Chinese texts of the KPI dashboard: its own section, its field labels, its refusal reasons. */
export const text = {};

export const fields = {};

export const reasons = {};
