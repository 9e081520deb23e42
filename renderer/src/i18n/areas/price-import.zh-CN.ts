/** Chinese (zh-CN) texts of price-file import: their own section, their field labels, their refusal reasons. */
export const text = {};
export const fields = {};
export const reasons = {};
