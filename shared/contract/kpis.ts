/** The manager's KPI dashboard: every figure of DOMAIN.md "KPIs" for a period, its monthly trend, the ROs behind it. */
export const kpisContract = {};
