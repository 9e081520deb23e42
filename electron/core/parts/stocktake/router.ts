import { rpc, signedIn } from '../../rpc';
import * as service from './service';

export const stocktakeRouter = {
  startStocktake: rpc.parts.startStocktake.handler(({ context, input }) =>
    service.startStocktake(context.deps, signedIn(context), input),
  ),
  stocktake: rpc.parts.stocktake.handler(({ context, input }) => service.stocktake(context.deps, input)),
  stocktakeLinesGrid: rpc.parts.stocktakeLinesGrid.handler(({ context, input }) =>
    service.stocktakeLinesGrid(context.deps, input),
  ),
  stocktakesGrid: rpc.parts.stocktakesGrid.handler(({ context, input }) => service.stocktakesGrid(context.deps, input)),
  enterCounts: rpc.parts.enterCounts.handler(({ context, input }) => service.enterCounts(context.deps, signedIn(context), input)),
  addStocktakeLine: rpc.parts.addStocktakeLine.handler(({ context, input }) =>
    service.addStocktakeLine(context.deps, signedIn(context), input),
  ),
  postStocktake: rpc.parts.postStocktake.handler(({ context, input }) =>
    service.postStocktake(context.deps, signedIn(context), input),
  ),
  cancelStocktake: rpc.parts.cancelStocktake.handler(({ context, input }) => service.cancelStocktake(context.deps, input)),
};
