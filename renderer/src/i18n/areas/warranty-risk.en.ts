/** English texts of the 三包 risk radar: its own section, its field labels, its refusal reasons. */
export const text = {};

export const fields = {};

export const reasons = {};
