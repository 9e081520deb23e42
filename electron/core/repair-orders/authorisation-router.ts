export const authorisationRouter = {};
