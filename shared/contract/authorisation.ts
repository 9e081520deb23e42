/** The customer's authorisation of an estimate and the declined work it leaves (issue 3 item 5); part of repairOrders. */
export const authorisationContract = {};
