export const priceImportRouter = {};
