export const stocktakeRouter = {};
