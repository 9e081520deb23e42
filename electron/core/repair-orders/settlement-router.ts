export const settlementRouter = {};
