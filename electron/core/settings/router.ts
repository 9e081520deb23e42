export const settingsRouter = {};
