export const eventsRouter = {};
