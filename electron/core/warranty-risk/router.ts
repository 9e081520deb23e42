export const warrantyRiskRouter = {};
