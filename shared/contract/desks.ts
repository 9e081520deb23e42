import { type } from '@orpc/contract';
import { z } from 'zod';
import { procedure } from './base';
import { reasonIssue, type ApiErrorCode, type ApiIssue } from './errors';
import { id, singleLine } from './fields';

/**
 * Paired desks (issue 16 item 3). Served to the dealership's network (HTTPS), every desk carries its own credential,
 * given once when it pairs with a 6-digit code a manager or the administrator made on Settings → Desks. The desk
 * credential only lets the desk reach the server: the user still signs in on every desk.
 */
const MANAGERS = ['manager', 'admin'] as const;

/** The HTTP shell reads a desk's credential from this header (desktop desks, scripts) or this cookie (browser desks). */
export const DESK_CREDENTIAL_HEADER = 'x-baydesk-desk';
export const DESK_CREDENTIAL_COOKIE = 'baydesk_desk';
/** A desktop desk's BayDesk version, sent with its credential: the Desks screen shows which version each desk runs. */
export const DESK_VERSION_HEADER = 'x-baydesk-version';

/** A pairing code is good for this long, once. */
export const PAIRING_CODE_MINUTES = 10;
/** This many wrong codes in a row lock pairing (for every desk) for PAIRING_LOCK_MINUTES. */
export const PAIRING_LOCK_THRESHOLD = 5;
export const PAIRING_LOCK_MINUTES = 15;

export interface PairingCodeDto {
  /** Six digits, shown once to the manager, typed at the new desk. */
  code: string;
  expiresAt: string;
}

export interface PairedDeskDto {
  deskId: number;
  name: string;
  /** The desk's own credential: given only in this answer (the server keeps its SHA-256). */
  credential: string;
  /** What the desk shows as the server it joined. */
  serverName: string;
  /** SHA-256 of the server's certificate (upper-case hex pairs with colons), for the desk to pin; null without HTTPS. */
  certificateFingerprint: string | null;
}

export interface DeskDto {
  id: number;
  name: string;
  pairedAt: string;
  pairedBy: { id: number; displayName: string } | null;
  lastSeenAt: string | null;
  lastAddress: string | null;
  /** The BayDesk version the desk last said it runs (desktop desks), null if it never said (browser desks). */
  appVersion: string | null;
  revokedAt: string | null;
  revokedBy: { id: number; displayName: string } | null;
}

const none = z.strictObject({}).optional();

export const pairingCode = z.string().superRefine((value, ctx) => {
  if (!/^\d{6}$/.test(value)) ctx.addIssue(reasonIssue('desk.codeFormat'));
});

export const pairDeskInput = z.strictObject({
  code: pairingCode,
  /** What the list calls the desk: "Reception 1", "Parts counter". */
  name: singleLine().min(1).max(60),
});
export type PairDeskInput = z.input<typeof pairDeskInput>;

export const revokeDeskInput = z.strictObject({ deskId: id });
export type RevokeDeskInput = z.input<typeof revokeDeskInput>;

export const desksContract = {
  /** A new 6-digit code, valid PAIRING_CODE_MINUTES, one use. */
  createPairingCode: procedure.meta({ access: MANAGERS }).input(none).output(type<PairingCodeDto>()),
  /** A desk pairs with a code (no session: nobody has signed in on a new desk). Refused codes count towards the lock. */
  pair: procedure.meta({ access: 'public' }).input(pairDeskInput).output(type<PairedDeskDto>()),
  /** Every desk ever paired, revoked ones too, newest first. */
  list: procedure.meta({ access: MANAGERS }).input(none).output(type<DeskDto[]>()),
  /** The desk is refused from its next request on and its open live-update streams end. */
  revoke: procedure.meta({ access: MANAGERS }).input(revokeDeskInput).output(type<DeskDto>()),
};

/**
 * A desktop app's first run (issue 16 item 4): "Connect to the service department's server" with its address, a
 * pairing code and a name for the desk. Not a procedure of the core: the desk's main process pairs (it pins the
 * server's certificate before it sends the code), but the form and the main process check the same schema.
 */
export const serverAddress = z.string().superRefine((value, ctx) => {
  const text = value.trim();
  if (!text) ctx.addIssue(reasonIssue('required'));
  else if (/\s/.test(text) || text.length > 200) ctx.addIssue(reasonIssue('desk.address'));
});

export const connectDeskInput = z.strictObject({
  serverAddress,
  code: pairingCode,
  name: singleLine().min(1).max(60),
});
export type ConnectDeskInput = z.input<typeof connectDeskInput>;

/** The desk's answer to the first-run form: joined, or the issues that name what to correct. */
export type ConnectDeskAnswer =
  { ok: true; serverName: string; fingerprint: string } | { ok: false; error: { code: ApiErrorCode; issues: ApiIssue[] } };

/** What a desktop desk's preload tells the page about the desk it runs on (absent in a browser). */
export type DeskInfo =
  | { mode: 'first-run' }
  | { mode: 'standalone' }
  /** Joined to a server; `reachable` false while the desk waits for it (the page is then the desk's own). */
  | { mode: 'server'; serverName: string; origin: string; fingerprint: string; reachable: boolean };
