export const oldPartsRouter = {};
