export const appointmentsRouter = {};
