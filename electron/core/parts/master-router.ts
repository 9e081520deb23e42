export const partsMasterRouter = {};
