/** English texts of parts: their own section, their field labels, their refusal reasons. */
export const text = {
  title: 'Parts',
};
export const fields = {};
export const reasons = {};
