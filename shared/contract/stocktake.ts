/** Stocktake: frozen count lists by bin, counts, variances, posting (issue 5): parts.* */
export const stocktakeContract = {};
