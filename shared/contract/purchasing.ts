/** Purchasing: suppliers, suggested order, purchase orders and receipts (issue 5): parts.* */
export const purchasingContract = {};
