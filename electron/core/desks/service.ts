import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hostname } from 'node:os';
import {
  PAIRING_CODE_MINUTES,
  PAIRING_LOCK_MINUTES,
  PAIRING_LOCK_THRESHOLD,
  type DeskDto,
  type PairDeskInput,
  type PairedDeskDto,
  type PairingCodeDto,
  type RevokeDeskInput,
} from '../../../shared/contract/desks';
import { formatHm } from '../../../shared/domain/appointment-slots';
import { wallClock } from '../../../shared/domain/desk-time';
import { recordAudit } from '../audit/record';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import { fail, notFound } from '../errors';
import * as repo from './repository';

/**
 * Paired desks (issue 16 item 3, README "Server PC and desks"). A manager makes a 6-digit code (10 minutes, one
 * use); a desk that sends it gets its own credential, shown once; the HTTP shell, served to the network, lets in only
 * requests that carry an unrevoked one (electron/server/http-server.ts). Wrong codes count for the whole server: five
 * in a row lock pairing for 15 minutes, whatever address they come from.
 */

const MINUTE = 60_000;
/** desks.last_seen_at is written again only when a minute behind (or the desk's address changed). */
const SEEN_WRITE_MS = MINUTE;

export interface ServerIdentity {
  /** What a paired desk shows as the server it joined. */
  serverName: string;
  /** SHA-256 of the server's TLS certificate; null when it serves without HTTPS (loopback). */
  certificateFingerprint: string | null;
}

type RevokedListener = (deskId: number) => void;

/** What the shell and the core share about desks, per open core: who serves, who listens for revocations. */
interface DeskHub {
  identity: ServerIdentity | null;
  revoked: Set<RevokedListener>;
  seenWritten: Map<number, { at: number; address: string | null; version: string | null }>;
}

const hubs = new WeakMap<CoreDeps, DeskHub>();

function hub(deps: CoreDeps): DeskHub {
  let found = hubs.get(deps);
  if (!found) {
    found = { identity: null, revoked: new Set(), seenWritten: new Map() };
    hubs.set(deps, found);
  }
  return found;
}

/** The HTTP shell tells the core which certificate it serves with: the pair answer gives it to the desk to pin. */
export function serveDesksAs(deps: CoreDeps, identity: ServerIdentity): void {
  hub(deps).identity = identity;
}

/** Called with a desk's id once its revocation is committed (the shell ends that desk's open requests and streams). */
export function onDeskRevoked(deps: CoreDeps, listener: RevokedListener): () => void {
  const { revoked } = hub(deps);
  revoked.add(listener);
  return () => revoked.delete(listener);
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function lockedTime(until: string): string {
  return formatHm(wallClock(new Date(until)).minutes);
}

export async function createPairingCode(deps: CoreDeps, actor: Actor): Promise<PairingCodeDto> {
  const now = deps.clock.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_MINUTES * MINUTE).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertPairingCode(trx, {
      code_hash: sha256Hex(code),
      created_at: now.toISOString(),
      created_by: actor.id,
      expires_at: expiresAt,
    });
  });
  return { code, expiresAt };
}

type PairOutcome =
  | { kind: 'paired'; deskId: number; credential: string }
  | { kind: 'wrong'; lockedUntil: string | null }
  | { kind: 'locked'; lockedUntil: string };

/**
 * Pairs a desk. A refused attempt is committed (its count and its audit entry) before the refusal is thrown: the
 * refusal itself must not roll back what counts it.
 */
export async function pair(deps: CoreDeps, input: PairDeskInput, address: string | null): Promise<PairedDeskDto> {
  const now = isoNow(deps.clock);
  const name = input.name.trim();
  const outcome = await deps.db.transaction().execute(async (trx): Promise<PairOutcome> => {
    const lock = await repo.readLock(trx);
    if (lock?.locked_until && lock.locked_until > now) {
      await recordAudit(trx, null, {
        entity: 'desk',
        entityId: null,
        action: 'desk.pairingRefused',
        at: now,
        details: { label: name, values: { address, why: 'locked' } },
      });
      return { kind: 'locked', lockedUntil: lock.locked_until };
    }
    const code = await repo.findUsableCode(trx, sha256Hex(input.code), now);
    if (!code) {
      // After a lock ran out the count starts again.
      const before = lock && !lock.locked_until ? lock.failed_count : 0;
      const count = before + 1;
      const lockedUntil =
        count >= PAIRING_LOCK_THRESHOLD ? new Date(Date.parse(now) + PAIRING_LOCK_MINUTES * MINUTE).toISOString() : null;
      await repo.writeLock(trx, { failed_count: lockedUntil ? 0 : count, last_failed_at: now, locked_until: lockedUntil });
      await recordAudit(trx, null, {
        entity: 'desk',
        entityId: null,
        action: 'desk.pairingRefused',
        at: now,
        details: { label: name, values: { address, why: 'wrongCode', failures: count } },
      });
      return { kind: 'wrong', lockedUntil };
    }
    const credential = randomBytes(32).toString('base64url');
    const deskId = await repo.insertDesk(trx, {
      name,
      credential_hash: sha256Hex(credential),
      paired_at: now,
      paired_by: code.created_by,
    });
    await repo.markCodeUsed(trx, code.id, now, deskId);
    if (lock) await repo.writeLock(trx, { failed_count: 0, last_failed_at: lock.last_failed_at, locked_until: null });
    await recordAudit(trx, null, {
      entity: 'desk',
      entityId: deskId,
      action: 'desk.paired',
      at: now,
      details: { label: name, values: { address, codeBy: code.created_by } },
    });
    return { kind: 'paired', deskId, credential };
  });
  if (outcome.kind === 'locked')
    return fail('FORBIDDEN', 'desk.pairingLocked', 'code', { time: lockedTime(outcome.lockedUntil) });
  if (outcome.kind === 'wrong') {
    if (outcome.lockedUntil) return fail('FORBIDDEN', 'desk.pairingLocked', 'code', { time: lockedTime(outcome.lockedUntil) });
    return fail('INVALID_INPUT', 'desk.codeInvalid', 'code');
  }
  const identity = hub(deps).identity ?? { serverName: hostname(), certificateFingerprint: null };
  return { deskId: outcome.deskId, name, credential: outcome.credential, ...identity };
}

export type CredentialCheck = { ok: true; deskId: number } | { ok: false; reason: 'desk.unpaired' | 'desk.revoked' };

/**
 * The shell's check of every request served to the network, before its body is read: the desk's credential must be
 * one the server gave and did not take back. Records when and from where the desk was last seen.
 */
export async function checkDeskCredential(
  deps: CoreDeps,
  credential: string | null,
  address: string | null,
  /** The BayDesk version a desktop desk sends with its credential (electron/main/server-link.ts); null from a browser. */
  version: string | null = null,
): Promise<CredentialCheck> {
  if (!credential || credential.length > 200) return { ok: false, reason: 'desk.unpaired' };
  const desk = await repo.findDeskByCredential(deps.db, sha256Hex(credential));
  if (!desk) return { ok: false, reason: 'desk.unpaired' };
  if (desk.revoked_at) return { ok: false, reason: 'desk.revoked' };
  const now = deps.clock.now();
  const { seenWritten } = hub(deps);
  const written = seenWritten.get(desk.id);
  const safeVersion = version && /^[\w.+-]{1,40}$/.test(version) ? version : null;
  if (
    !written ||
    written.address !== address ||
    (safeVersion !== null && written.version !== safeVersion) ||
    now.getTime() - written.at >= SEEN_WRITE_MS ||
    now.getTime() < written.at
  ) {
    seenWritten.set(desk.id, { at: now.getTime(), address, version: safeVersion ?? written?.version ?? null });
    await repo.markSeen(deps.db, desk.id, { at: now.toISOString(), address, version: safeVersion });
  }
  return { ok: true, deskId: desk.id };
}

function toDto(row: repo.DeskRow): DeskDto {
  return {
    id: row.id,
    name: row.name,
    pairedAt: row.paired_at,
    pairedBy:
      row.paired_by !== null && row.paired_by_name !== null ? { id: row.paired_by, displayName: row.paired_by_name } : null,
    lastSeenAt: row.last_seen_at,
    lastAddress: row.last_address,
    appVersion: row.app_version,
    revokedAt: row.revoked_at,
    revokedBy:
      row.revoked_by !== null && row.revoked_by_name !== null ? { id: row.revoked_by, displayName: row.revoked_by_name } : null,
  };
}

export async function list(deps: CoreDeps): Promise<DeskDto[]> {
  return (await repo.listDesks(deps.db)).map(toDto);
}

/** Revokes a desk (again: nothing changes). Its next request is refused; the shell ends what it has open. */
export async function revoke(deps: CoreDeps, actor: Actor, input: RevokeDeskInput): Promise<DeskDto> {
  const now = isoNow(deps.clock);
  const { row, changed } = await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findDesk(trx, input.deskId);
    if (!before) return notFound('desk');
    const changed = (await repo.revokeDesk(trx, before.id, now, actor.id)) > 0;
    if (changed) {
      await recordAudit(trx, actor, {
        entity: 'desk',
        entityId: before.id,
        action: 'desk.revoked',
        at: now,
        details: { label: before.name, values: { lastAddress: before.last_address } },
      });
    }
    return { row: (await repo.findDesk(trx, before.id))!, changed };
  });
  if (changed) {
    hub(deps).seenWritten.delete(row.id);
    for (const listener of hub(deps).revoked) listener(row.id);
  }
  return toDto(row);
}
