import { randomBytes } from 'node:crypto';
import type { DemoUser, SessionDto, UserDto } from '../../../shared/contract/users';
import type { Role } from '../../../shared/domain/roles';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import { fail } from '../errors';
import { readSetting } from '../settings/repository';
import { hashPassword, verifyNoPassword, verifyPassword } from './password';
import * as repo from './repository';
import { recordAudit } from '../audit/record';
import {
  clearFailures,
  lockedUntilFor,
  refuseFailedLogin,
  refuseIfLocked,
  refuseLocked,
  sessionStillLive,
} from './sessions/service';
import { hashToken } from './token';

/** A session lasts a long shift; issue "Trust" adds idle expiry and lock-out. */
const SESSION_HOURS = 12;
export const DEMO_SETTING = 'demo';

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;

function toUserDto(row: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'active'>): UserDto {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, active: row.active === 1 };
}

export interface DemoInfo {
  users: DemoUser[];
  password: string;
}

export async function status(deps: CoreDeps): Promise<{ needsSetup: boolean; demo: DemoInfo | null }> {
  const { n } = await repo.countUsers(deps.db);
  const demo = await readSetting(deps.db, DEMO_SETTING);
  return { needsSetup: Number(n) === 0, demo: demo ? (JSON.parse(demo) as DemoInfo) : null };
}

async function openSession(deps: CoreDeps, user: UserDto): Promise<SessionDto> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await repo.insertSession(deps.db, {
    token_hash: hashToken(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: expiresAt,
  });
  return { token, user, expiresAt };
}

export async function createUser(
  deps: CoreDeps,
  actor: Actor | null,
  input: { username: string; displayName: string; password: string; role: Role },
): Promise<UserDto> {
  // Hash before the transaction: nothing slow may hold the one connection.
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.findUserByUsername(trx, input.username)) fail('CONFLICT', 'username.taken', 'username');
    const id = await repo.insertUser(trx, {
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      password_hash: passwordHash,
      now: isoNow(deps.clock),
    });
    const created = { label: input.username, values: { displayName: input.displayName, role: input.role } };
    await recordAudit(trx, actor, {
      entity: 'user',
      entityId: id,
      action: 'user.created',
      at: isoNow(deps.clock),
      details: created,
    });
    return { id, username: input.username, displayName: input.displayName, role: input.role, active: true };
  });
}

export async function setupAdmin(
  deps: CoreDeps,
  input: { username: string; displayName: string; password: string },
): Promise<SessionDto> {
  const passwordHash = await hashPassword(input.password);
  const user = await deps.db.transaction().execute(async (trx) => {
    const { n } = await repo.countUsers(trx);
    if (Number(n) > 0) fail('RULE', 'setup.done');
    const id = await repo.insertUser(trx, {
      username: input.username,
      display_name: input.displayName,
      role: 'admin',
      password_hash: passwordHash,
      now: isoNow(deps.clock),
    });
    return { id, username: input.username, displayName: input.displayName, role: 'admin' as const, active: true };
  });
  return openSession(deps, user);
}

export async function login(deps: CoreDeps, input: { username: string; password: string }): Promise<SessionDto> {
  // Every refusal costs the same work (one look-up, one scrypt, same answer), so neither the answer nor its time
  // tells whether the name has an account, is inactive or is locked (issue 14): an unknown or inactive name, and a
  // locked one, are checked against a dummy hash of the same cost, never against the real one.
  const row = await repo.findUserByUsername(deps.db, input.username);
  const lockedUntil = await lockedUntilFor(deps, input.username);
  const usable = row && row.active === 1 && !lockedUntil ? row : undefined;
  const ok = usable ? await verifyPassword(input.password, usable.password_hash) : await verifyNoPassword(input.password);
  // A locked name is refused whatever the password (known or unknown name alike), with the time to try again.
  if (lockedUntil) refuseLocked(lockedUntil);
  if (!usable || !ok) return refuseFailedLogin(deps, input.username);
  await deps.db.transaction().execute(async (trx) => {
    // Wrong guesses running at the same time may have locked the name while this password was being checked.
    await refuseIfLocked({ ...deps, db: trx }, input.username);
    await clearFailures(trx, input.username);
  });
  await repo.deleteExpiredSessions(deps.db, isoNow(deps.clock));
  return openSession(deps, toUserDto(usable));
}

export async function logout(deps: CoreDeps, token: string): Promise<{ ok: true }> {
  deps.sessions.delete(token);
  await repo.deleteSession(deps.db, hashToken(token));
  deps.events.endStreams({ token });
  return { ok: true };
}

/**
 * Resolves a bearer token to its user. Every call of every desk asks, so live sessions are kept in memory by token
 * (the database holds only the token's hash).
 */
export async function actorForToken(deps: CoreDeps, token: string): Promise<Actor | null> {
  let entry = deps.sessions.get(token);
  if (!entry) {
    const row = await repo.findSession(deps.db, hashToken(token));
    if (!row || row.active !== 1) return null;
    const actor: Actor = { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
    const seen = row.last_seen_at ?? row.created_at;
    entry = { actor, expiresAt: row.expires_at, lastSeenAt: seen, storedSeenAt: seen };
  }
  // The 12-hour end and the idle limit, checked on every call.
  if (!(await sessionStillLive(deps, token, entry))) {
    // Ended for good: a clock set back, or a restart, must not revive it.
    deps.sessions.delete(token);
    await repo.deleteSession(deps.db, hashToken(token));
    return null;
  }
  deps.sessions.set(token, entry);
  return entry.actor;
}

export async function me(deps: CoreDeps, actor: Actor): Promise<UserDto> {
  const row = await repo.findUserById(deps.db, actor.id);
  if (!row) fail('UNAUTHENTICATED', 'session.expired');
  return toUserDto(row);
}

export async function list(deps: CoreDeps): Promise<UserDto[]> {
  return (await repo.listUsers(deps.db)).map(toUserDto);
}
