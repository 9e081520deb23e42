/** The monthly CSI report: by factor, advisor and technician, a 12-month trend, verbatims and complaints. */
export const csiReportContract = {};
