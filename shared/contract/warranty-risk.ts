/** The 三包 risk radar: vehicles inside the 三包 period showing a signal of DOMAIN.md before it becomes a refund case. */
export const warrantyRiskContract = {};
