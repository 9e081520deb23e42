export const comebacksRouter = {};
