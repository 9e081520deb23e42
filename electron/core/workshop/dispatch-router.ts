export const dispatchRouter = {};
