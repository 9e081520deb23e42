/** Chinese (zh-CN) texts of part supply (RO part lines, parts counter): their own section, their field labels, their refusal reasons. */
export const text = {};
export const fields = {};
export const reasons = {};
