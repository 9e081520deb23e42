export const checkInRouter = {};
