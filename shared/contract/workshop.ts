/** The workshop (issue 4): dispatch board, technicians' jobs, clocking, skills, attendance, additional work. Procedures workshop.*. */
export const dispatchContract = {};
