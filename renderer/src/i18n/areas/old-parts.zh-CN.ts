/** Chinese (zh-CN) texts of warranty old parts: their own section, their field labels, their refusal reasons. */
export const text = {};
export const fields = {};
export const reasons = {};
