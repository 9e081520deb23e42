/** Check-in of a repair order (issue 3 item 3); part of the repairOrders area (procedures repairOrders.*). */
export const checkInContract = {};
