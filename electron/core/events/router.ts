import { rpc, signedIn, toTypedError } from '../rpc';
import { AppError } from '../errors';
import * as service from './service';

/** Errors raised while the stream runs come after the gate: typed here as the gate types the others. */
async function* typedErrors<T>(stream: AsyncGenerator<T, void, void>): AsyncGenerator<T, void, void> {
  try {
    yield* stream;
  } catch (error) {
    throw toTypedError(error);
  }
}

export const eventsRouter = {
  changes: rpc.events.changes.handler(({ context, signal }) => {
    const actor = signedIn(context);
    if (!context.token) throw toTypedError(new AppError('UNAUTHENTICATED', [{ reason: 'session.required' }]));
    return typedErrors(service.changes(context.deps, signal, { token: context.token, userId: actor.id }));
  }),
};
