/** The manager's and foreman's figures (issue 4: first-time fix, comebacks, efficiency); procedures reports.*. */
export const reportsContract = {};
