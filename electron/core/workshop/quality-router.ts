export const qualityRouter = {};
