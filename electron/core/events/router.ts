import { rpc } from '../rpc';
import * as service from './service';

export const eventsRouter = {
  changes: rpc.events.changes.handler(({ context, signal }) => service.changes(context.deps, signal)),
};
