export const purchasingRouter = {};
