export const kpisRouter = {};
