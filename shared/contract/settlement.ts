/** Settlement, payments and delivery (issue 4); part of the repairOrders area (procedures repairOrders.*). */
export const settlementContract = {};
