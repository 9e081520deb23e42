/** RO part lines and the parts counter: reservations, to order, issue and return (issue 5): parts.* */
export const partSupplyContract = {};
