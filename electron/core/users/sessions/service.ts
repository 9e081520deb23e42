import type { AuditAction } from '../../../../shared/contract/audit';
import type { LockoutDto } from '../../../../shared/contract/users/sessions';
import { wallClock } from '../../../../shared/domain/desk-time';
import { formatHm } from '../../../../shared/domain/appointment-slots';
import { passwordWeakness } from '../../../../shared/domain/password-strength';
import type { Db } from '../../db/connection';
import { recordAudit } from '../../audit/record';
import { isoNow } from '../../clock';
import type { Actor, CoreDeps, SessionEntry } from '../../context';
import { fail, notFound } from '../../errors';
import { hashPassword, verifyPassword } from '../password';
import * as repo from '../repository';
import * as sessionsRepo from './repository';
import { hashToken } from '../token';

/**
 * Five wrong passwords in a row lock the name for fifteen minutes: enough to stop guessing at a shared desk (at most
 * 480 guesses a day), short enough that a colleague who mistyped is back before the customer gives up. A manager
 * can unlock sooner from the users screen.
 */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
/**
 * Two hours without a call end a session: a desk left open over lunch asks for the password again, a desk in use
 * never does (every screen calls the core). Both shells start with it (startCore); scripts and most tests have none.
 */
export const DEFAULT_IDLE_MINUTES = 120;
/** sessions.last_seen_at is written again only when a minute behind, not on every key press of the look-up. */
const SEEN_WRITE_MS = 60_000;
/** Failures on a name are forgotten after a day without another one (and no lock running). */
const FORGET_FAILURES_MS = 24 * 3600_000;

type LoginFailure = NonNullable<Awaited<ReturnType<typeof sessionsRepo.findFailure>>>;

function lockedAt(row: LoginFailure | undefined, now: string): string | null {
  return row?.locked_until && row.locked_until > now ? row.locked_until : null;
}

export function refuseLocked(lockedUntil: string): never {
  // The same answer for a known and an unknown name; the time on the desk's wall clock.
  return fail('UNAUTHENTICATED', 'lockout.until', undefined, { time: formatHm(wallClock(new Date(lockedUntil)).minutes) });
}

/** When the name's lock-out ends, if one is running now. */
export async function lockedUntilFor(deps: CoreDeps, username: string): Promise<string | null> {
  return lockedAt(await sessionsRepo.findFailure(deps.db, username), deps.clock.now().toISOString());
}

/** A locked name is refused without looking at the password. */
export async function refuseIfLocked(deps: CoreDeps, username: string): Promise<void> {
  const lockedUntil = await lockedUntilFor(deps, username);
  if (lockedUntil) refuseLocked(lockedUntil);
}

/**
 * A wrong password (or an unknown name): counted in one transaction, then refused. The 5th failure in a row is
 * answered with the lock-out itself, so the screen tells the person when to try again.
 */
export async function refuseFailedLogin(deps: CoreDeps, username: string): Promise<never> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const lockedUntil = await deps.db.transaction().execute(async (trx) => {
    await sessionsRepo.pruneFailures(trx, new Date(now.getTime() - FORGET_FAILURES_MS).toISOString(), nowIso);
    const row = await sessionsRepo.findFailure(trx, username);
    const running = lockedAt(row, nowIso);
    if (running) return running;
    // A lock that has run out starts the count again.
    const before = row && !row.locked_until ? row.failed_count : 0;
    const count = before + 1;
    const until = count >= LOCKOUT_THRESHOLD ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    await sessionsRepo.saveFailure(trx, {
      username: row?.username ?? username,
      failed_count: until ? 0 : count,
      last_failed_at: nowIso,
      locked_until: until,
    });
    return until;
  });
  if (lockedUntil) refuseLocked(lockedUntil);
  return fail('UNAUTHENTICATED', 'login.failed');
}

/** A right password: the count starts again (inside the transaction that opens the session). */
export async function clearFailures(db: Db, username: string): Promise<void> {
  await sessionsRepo.deleteFailure(db, username);
}

export async function lockouts(deps: CoreDeps): Promise<LockoutDto[]> {
  const rows = await sessionsRepo.listLockedUsers(deps.db, deps.clock.now().toISOString());
  return rows.map((r) => ({ userId: r.id, username: r.username, failedCount: r.failed_count, lockedUntil: r.locked_until! }));
}

export async function unlock(deps: CoreDeps, actor: Actor, input: { userId: number }): Promise<{ unlocked: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await repo.findUserById(trx, input.userId);
    if (!user) notFound('user');
    const unlocked = (await sessionsRepo.deleteFailure(trx, user.username)) > 0;
    if (unlocked) await auditUser(trx, actor, user, 'user.unlocked', isoNow(deps.clock));
    return { unlocked };
  });
}

/** One audit entry about a user account (never a password or its hash). */
async function auditUser(
  trx: Db,
  actor: Actor,
  user: { id: number; username: string },
  action: AuditAction,
  at: string,
): Promise<void> {
  await recordAudit(trx, actor, { entity: 'user', entityId: user.id, action, at, details: { label: user.username } });
}

/** Drops the in-memory entries of a user's sessions, but `keepToken`'s, and ends their live streams. */
function forgetCachedSessions(deps: CoreDeps, userId: number, keepToken: string | null): void {
  for (const [token, entry] of deps.sessions) if (entry.actor.id === userId && token !== keepToken) deps.sessions.delete(token);
  deps.events.endStreams({ userId, keepToken });
}

/**
 * The contract's schema has judged the new password without the person's names (the input does not carry them):
 * the same rule again with their username and name (shared/domain/password-strength.ts).
 */
async function refuseWeakPassword(user: { username: string; display_name: string }, newPassword: string): Promise<void> {
  const weakness = await passwordWeakness(newPassword, [user.username, user.display_name]);
  if (weakness) fail('INVALID_INPUT', `password.${weakness}`, 'newPassword');
}

export async function changePassword(
  deps: CoreDeps,
  actor: Actor,
  token: string,
  input: { currentPassword: string; newPassword: string },
): Promise<{ ok: true }> {
  const row = await repo.findUserById(deps.db, actor.id);
  if (!row) notFound('user');
  if (!(await verifyPassword(input.currentPassword, row.password_hash)))
    fail('INVALID_INPUT', 'password.wrong', 'currentPassword');
  await refuseWeakPassword(row, input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await repo.setPasswordHash(trx, actor.id, passwordHash, deps.clock.now().toISOString());
    await sessionsRepo.deleteSessionsOfUser(trx, actor.id, hashToken(token));
    await auditUser(trx, actor, row, 'user.passwordChanged', isoNow(deps.clock));
  });
  forgetCachedSessions(deps, actor.id, token);
  return { ok: true };
}

export async function resetPassword(
  deps: CoreDeps,
  actor: Actor,
  input: { userId: number; newPassword: string },
): Promise<{ ok: true }> {
  const target = await repo.findUserById(deps.db, input.userId);
  if (!target) notFound('user');
  await refuseWeakPassword(target, input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    const user = await repo.findUserById(trx, input.userId);
    if (!user) notFound('user');
    await repo.setPasswordHash(trx, user.id, passwordHash, deps.clock.now().toISOString());
    await sessionsRepo.deleteSessionsOfUser(trx, user.id, null);
    await sessionsRepo.deleteFailure(trx, user.username);
    await auditUser(trx, actor, user, 'user.passwordReset', isoNow(deps.clock));
  });
  forgetCachedSessions(deps, input.userId, null);
  return { ok: true };
}

/**
 * Whether a live session may serve this call: the 12-hour end and, when the core has one, the idle limit. Moves
 * the last-seen time forward (a clock set back in a test never moves it back) and writes it once a minute.
 */
export async function sessionStillLive(deps: CoreDeps, token: string, entry: SessionEntry): Promise<boolean> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  if (entry.expiresAt <= nowIso) return false;
  // Entries not read from the sessions table (the demo history's scripted desks) have no idle limit.
  if (entry.storedSeenAt === undefined || entry.lastSeenAt === undefined) return true;
  const idleMs = deps.sessionIdleMs;
  if (idleMs && now.getTime() - Date.parse(entry.lastSeenAt) >= idleMs) return false;
  if (nowIso > entry.lastSeenAt) entry.lastSeenAt = nowIso;
  if (Date.parse(entry.lastSeenAt) - Date.parse(entry.storedSeenAt) >= SEEN_WRITE_MS) {
    entry.storedSeenAt = entry.lastSeenAt;
    await sessionsRepo.touchSession(deps.db, hashToken(token), entry.lastSeenAt);
  }
  return true;
}

/**
 * Whether the session behind a token still stands, asked without counting as a call (a live stream telling changes
 * must not keep an idle desk signed in): its row is still there (not signed out, not ended by a password change or
 * reset or a restore), the account is active, and it is within its 12 hours and the idle limit.
 */
export async function sessionStillOpen(deps: CoreDeps, token: string): Promise<boolean> {
  const nowIso = deps.clock.now().toISOString();
  const cached = deps.sessions.get(token);
  // The demo history's scripted desks live in memory only.
  if (cached && cached.storedSeenAt === undefined) return cached.expiresAt > nowIso;
  const row = await repo.findSession(deps.db, hashToken(token));
  if (!row || row.active !== 1 || row.expires_at <= nowIso) return false;
  const idleMs = deps.sessionIdleMs;
  if (!idleMs) return true;
  const seen = cached?.lastSeenAt ?? row.last_seen_at ?? row.created_at;
  return Date.parse(nowIso) - Date.parse(seen) < idleMs;
}
