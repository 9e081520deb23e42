export const csiReportRouter = {};
