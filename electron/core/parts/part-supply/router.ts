import { rpc, signedIn } from '../../rpc';
import * as supply from './service';

export const partSupplyRouter = {
  issueToLine: rpc.parts.issueToLine.handler(({ context, input }) => supply.issueToLine(context.deps, signedIn(context), input)),
  returnFromLine: rpc.parts.returnFromLine.handler(({ context, input }) =>
    supply.returnFromLine(context.deps, signedIn(context), input),
  ),
  setExpected: rpc.parts.setExpected.handler(({ context, input }) => supply.setExpected(context.deps, input)),
  counterGrid: rpc.parts.counterGrid.handler(({ context, input }) => supply.counterGrid(context.deps, input)),
};
