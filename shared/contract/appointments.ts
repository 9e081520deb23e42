/** Appointments (issue 3 item 1): the advisor's booking board. */
export const appointmentsContract = {};
