export const partSupplyRouter = {};
