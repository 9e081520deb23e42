import { DESK_CREDENTIAL_COOKIE } from '../../../shared/contract/desks';
import { rpc, signedIn } from '../rpc';
import * as desks from './service';

/** A browser desk keeps its credential in a cookie its page scripts cannot read, sent only to this server over HTTPS. */
function credentialCookie(credential: string): string {
  return `${DESK_CREDENTIAL_COOKIE}=${credential}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${10 * 365 * 24 * 3600}`;
}

export const desksRouter = {
  createPairingCode: rpc.desks.createPairingCode.handler(({ context }) =>
    desks.createPairingCode(context.deps, signedIn(context)),
  ),
  pair: rpc.desks.pair.handler(async ({ context, input }) => {
    const paired = await desks.pair(context.deps, input, context.remoteAddress ?? null);
    context.resHeaders?.append('Set-Cookie', credentialCookie(paired.credential));
    return paired;
  }),
  list: rpc.desks.list.handler(({ context }) => desks.list(context.deps)),
  revoke: rpc.desks.revoke.handler(({ context, input }) => desks.revoke(context.deps, signedIn(context), input)),
};
