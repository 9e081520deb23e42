import { createHash, randomBytes } from 'node:crypto';
import type { DemoUser, SessionDto, UserDto } from '../../../shared/contract/users';
import type { Role } from '../../../shared/domain/roles';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import { fail } from '../errors';
import { readSetting } from '../settings/repository';
import { hashPassword, verifyPassword } from './password';
import * as repo from './repository';

/** A session lasts a long shift; issue "Trust" adds idle expiry and lock-out. */
const SESSION_HOURS = 12;
export const DEMO_SETTING = 'demo';

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;

function toUserDto(row: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'active'>): UserDto {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role, active: row.active === 1 };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
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
  await repo.insertSession(deps.db, { token_hash: hashToken(token), user_id: user.id, created_at: now.toISOString(), expires_at: expiresAt });
  return { token, user, expiresAt };
}

export async function createUser(
  deps: CoreDeps,
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
  const row = await repo.findUserByUsername(deps.db, input.username);
  // Same answer for an unknown user and a wrong password: the screen must not reveal which usernames exist.
  const ok = row ? await verifyPassword(input.password, row.password_hash) : false;
  if (!row || !ok) fail('UNAUTHENTICATED', 'login.failed');
  if (row.active !== 1) fail('FORBIDDEN', 'login.inactive');
  await repo.deleteExpiredSessions(deps.db, isoNow(deps.clock));
  return openSession(deps, toUserDto(row));
}

export async function logout(deps: CoreDeps, token: string): Promise<{ ok: true }> {
  deps.sessions.delete(token);
  await repo.deleteSession(deps.db, hashToken(token));
  return { ok: true };
}

/**
 * Resolves a bearer token to its user. Every call of every desk asks, so live sessions are kept in memory by token
 * (the database holds only the token's hash).
 */
export async function actorForToken(deps: CoreDeps, token: string): Promise<Actor | null> {
  const now = isoNow(deps.clock);
  const cached = deps.sessions.get(token);
  if (cached) {
    if (cached.expiresAt > now) return cached.actor;
    deps.sessions.delete(token);
    return null;
  }
  const row = await repo.findSession(deps.db, hashToken(token));
  if (!row || row.expires_at <= now || row.active !== 1) return null;
  const actor: Actor = { id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role };
  deps.sessions.set(token, { actor, expiresAt: row.expires_at });
  return actor;
}

export async function me(deps: CoreDeps, actor: Actor): Promise<UserDto> {
  const row = await repo.findUserById(deps.db, actor.id);
  if (!row) fail('UNAUTHENTICATED', 'session.expired');
  return toUserDto(row);
}

export async function list(deps: CoreDeps): Promise<UserDto[]> {
  return (await repo.listUsers(deps.db)).map(toUserDto);
}
