/** Chinese (zh-CN) texts of parts: their own section, their field labels, their refusal reasons. */
export const text = {
  title: '配件',
};
export const fields = {};
export const reasons = {};
