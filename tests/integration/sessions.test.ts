import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { openCore, type Core } from '../../electron/core/core';
import { DEFAULT_IDLE_MINUTES, LOCKOUT_MINUTES, LOCKOUT_THRESHOLD } from '../../electron/core/users/sessions/service';
import { countRows, FIXED_NOW, makeTempDir, removeDir } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { adminSession, PASSWORD, signIn, type SignedIn } from '../fixtures/users';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A core as both shells open it: with the idle limit (openTestCore has none, so other tests may move the clock). */
async function openShellLikeCore(): Promise<{ core: Core; clock: ManualClock; close(): Promise<void> }> {
  const dir = makeTempDir();
  const clock = new ManualClock(FIXED_NOW);
  const core = await openCore({ file: join(dir, 'data', 'baydesk.sqlite'), clock, sessionIdleMinutes: DEFAULT_IDLE_MINUTES });
  return {
    core,
    clock,
    async close() {
      await core.close();
      removeDir(dir);
    },
  };
}

describe('sign-in lock-out', () => {
  let t: Awaited<ReturnType<typeof openShellLikeCore>>;
  let manager: SignedIn;
  let advisor: SignedIn;
  beforeAll(async () => {
    t = await openShellLikeCore();
    manager = await signIn(t.core, 'manager');
    advisor = await signIn(t.core, 'advisor');
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (username: string, password: string) => t.core.client().users.login({ username, password });

  it('the 5th wrong password in a row locks the name for 15 minutes; even the right password is refused meanwhile', async () => {
    t.clock.set(FIXED_NOW);
    const name = advisor.session.user.username;
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++)
      await expectApiError(login(name, 'wrong-password'), 'UNAUTHENTICATED', { reason: 'login.failed' });
    // 02:00Z is 10:00 in Beijing: locked until 10:15 on the desk's clock.
    await expectApiError(login(name, 'wrong-password'), 'UNAUTHENTICATED', {
      reason: 'lockout.until',
      params: { time: '10:15' },
    });
    const sessions = countRows(t.core, 'sessions');
    await expectApiError(login(name, PASSWORD), 'UNAUTHENTICATED', { reason: 'lockout.until', params: { time: '10:15' } });
    // Upper case is the same name (usernames are case-insensitive).
    await expectApiError(login(name.toUpperCase(), PASSWORD), 'UNAUTHENTICATED', { reason: 'lockout.until' });
    expect(countRows(t.core, 'sessions')).toBe(sessions);
    // Sessions opened before the lock-out keep working: the lock is on signing in.
    expect((await advisor.client.users.me()).username).toBe(name);

    t.clock.advance(LOCKOUT_MINUTES * MINUTE - 1000);
    await expectApiError(login(name, PASSWORD), 'UNAUTHENTICATED', { reason: 'lockout.until' });
    t.clock.advance(1000);
    expect((await login(name, PASSWORD)).user.username).toBe(name);
  });

  it('4 failures then a success start the count again', async () => {
    t.clock.set(FIXED_NOW);
    const name = manager.session.user.username;
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++)
      await expectApiError(login(name, 'wrong-password'), 'UNAUTHENTICATED', { reason: 'login.failed' });
    await login(name, PASSWORD);
    // Without the reset this would be the 5th failure in a row.
    await expectApiError(login(name, 'wrong-password'), 'UNAUTHENTICATED', { reason: 'login.failed' });
    await login(name, PASSWORD);
  });

  it('an unknown name gets exactly the answers a real one gets, lock-out included', async () => {
    t.clock.set('2026-11-24T03:00:00.000Z');
    const real = await signIn(t.core, 'foreman');
    const answers = async (name: string) => {
      const got = [];
      for (let i = 0; i < LOCKOUT_THRESHOLD + 1; i++) {
        try {
          await login(name, 'wrong-password');
          got.push('signed in');
        } catch (error) {
          const e = error as { code: string; data?: unknown };
          got.push(JSON.stringify([e.code, e.data]));
        }
      }
      return got;
    };
    const forReal = await answers(real.session.user.username);
    const forUnknown = await answers('nobody-here');
    expect(forUnknown).toEqual(forReal);
    expect(forReal.at(-1)).toContain('lockout.until');
    expect(forReal.at(-1)).toContain('11:15');
  });

  it('a manager sees the locked user and unlocks them; the user signs in at once', async () => {
    // Within the idle limit of the manager's last call (02:00Z).
    t.clock.set('2026-11-24T03:30:00.000Z');
    const victim = await signIn(t.core, 'technician');
    const name = victim.session.user.username;
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await expectApiError(login(name, 'wrong-password'), 'UNAUTHENTICATED');
    const locked = await manager.client.users.lockouts();
    expect(locked).toContainEqual({
      userId: victim.session.user.id,
      username: name,
      failedCount: 0,
      lockedUntil: '2026-11-24T03:45:00.000Z',
    });
    // Only managers and the administrator may unlock.
    await expectApiError(advisor.client.users.unlock({ userId: victim.session.user.id }), 'FORBIDDEN');
    await expectApiError(login(name, PASSWORD), 'UNAUTHENTICATED', { reason: 'lockout.until' });

    expect(await manager.client.users.unlock({ userId: victim.session.user.id })).toEqual({ unlocked: true });
    expect((await manager.client.users.lockouts()).map((l) => l.username)).not.toContain(name);
    expect((await login(name, PASSWORD)).user.username).toBe(name);
    expect(await manager.client.users.unlock({ userId: victim.session.user.id })).toEqual({ unlocked: false });
    await expectApiError(manager.client.users.unlock({ userId: 999_999 }), 'NOT_FOUND');
    // The one lift is in the audit trail, by the manager; the refused and the empty unlocks are not.
    const trail = (await manager.client.audit.list({ entity: 'user' })).rows.filter((row) => row.action === 'user.unlocked');
    expect(trail.map((row) => [row.entityId, row.user?.id])).toEqual([[victim.session.user.id, manager.session.user.id]]);
  });
});

describe('sessions end', () => {
  let t: Awaited<ReturnType<typeof openShellLikeCore>>;
  let advisorName: string;
  beforeAll(async () => {
    t = await openShellLikeCore();
    advisorName = (await signIn(t.core, 'advisor')).session.user.username;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function freshSession() {
    t.clock.set(FIXED_NOW);
    const session = await t.core.client().users.login({ username: advisorName, password: PASSWORD });
    return t.core.client(session.token);
  }

  it('two hours without a call end a session; calls in between keep it alive', async () => {
    const client = await freshSession();
    t.clock.advance(DEFAULT_IDLE_MINUTES * MINUTE - MINUTE);
    expect((await client.users.me()).username).toBe(advisorName);
    t.clock.advance(DEFAULT_IDLE_MINUTES * MINUTE - MINUTE);
    expect((await client.customers.lookup({ q: '京A' })).rows).toEqual([]);
    t.clock.advance(DEFAULT_IDLE_MINUTES * MINUTE);
    await expectApiError(client.customers.lookup({ q: '京A' }), 'UNAUTHENTICATED', { reason: 'session.expired' });
    // Ended for good: coming back to the same time does not revive it.
    t.clock.set(FIXED_NOW);
    await expectApiError(client.users.me(), 'UNAUTHENTICATED', { reason: 'session.expired' });
  });

  it('the idle limit holds after the core restarts (last call read from the file)', async () => {
    const client = await freshSession();
    t.clock.advance(HOUR);
    await client.users.me();
    // A restart forgets the in-memory sessions; the last call was written to the sessions table.
    t.core.deps.sessions.clear();
    t.clock.advance(HOUR + 30 * MINUTE);
    expect((await client.users.me()).username).toBe(advisorName);
    t.core.deps.sessions.clear();
    t.clock.advance(DEFAULT_IDLE_MINUTES * MINUTE + MINUTE);
    await expectApiError(client.users.me(), 'UNAUTHENTICATED', { reason: 'session.expired' });
  });

  it('a session in use still ends 12 hours after sign-in', async () => {
    const client = await freshSession();
    for (let h = 1; h < 12; h++) {
      t.clock.advance(HOUR);
      await client.users.me();
    }
    t.clock.advance(HOUR);
    await expectApiError(client.users.me(), 'UNAUTHENTICATED', { reason: 'session.expired' });
  });

  it('no token at all is "please sign in", not "expired"', async () => {
    await expectApiError(t.core.client().users.me(), 'UNAUTHENTICATED', { reason: 'session.required' });
  });

  it('sign-out ends the session on the core: its row is gone and the token opens nothing', async () => {
    const session = await (async () => {
      t.clock.set(FIXED_NOW);
      return t.core.client().users.login({ username: advisorName, password: PASSWORD });
    })();
    const client = t.core.client(session.token);
    const before = countRows(t.core, 'sessions');
    await client.users.logout();
    expect(countRows(t.core, 'sessions')).toBe(before - 1);
    t.core.deps.sessions.clear();
    await expectApiError(client.users.me(), 'UNAUTHENTICATED', { reason: 'session.expired' });
  });

  it("changing one's password ends one's other sessions, not this one; the old password no longer works", async () => {
    const me = await signIn(t.core, 'csi_agent');
    const name = me.session.user.username;
    const other = t.core.client((await t.core.client().users.login({ username: name, password: PASSWORD })).token);
    await other.users.me();
    await expectApiError(
      me.client.users.changePassword({ currentPassword: 'not-mine-at-all', newPassword: 'a-new-password-2' }),
      'INVALID_INPUT',
      { field: 'currentPassword', reason: 'password.wrong' },
    );
    await other.users.me();
    expect(await me.client.users.changePassword({ currentPassword: PASSWORD, newPassword: 'a-new-password-2' })).toEqual({
      ok: true,
    });
    expect((await me.client.users.me()).username).toBe(name);
    await expectApiError(other.users.me(), 'UNAUTHENTICATED', { reason: 'session.expired' });
    await expectApiError(t.core.client().users.login({ username: name, password: PASSWORD }), 'UNAUTHENTICATED', {
      reason: 'login.failed',
    });
    expect((await t.core.client().users.login({ username: name, password: 'a-new-password-2' })).user.username).toBe(name);
  });

  it("an administrator's password reset ends every session of that user", async () => {
    const admin = t.core.client((await adminSession(t.core)).token);
    const user = await signIn(t.core, 'parts_clerk');
    await user.client.users.me();
    await expectApiError(
      user.client.users.resetPassword({ userId: user.session.user.id, newPassword: 'reset-password-3' }),
      'FORBIDDEN',
    );
    expect(await admin.users.resetPassword({ userId: user.session.user.id, newPassword: 'reset-password-3' })).toEqual({
      ok: true,
    });
    await expectApiError(user.client.users.me(), 'UNAUTHENTICATED', { reason: 'session.expired' });
    expect(
      (await t.core.client().users.login({ username: user.session.user.username, password: 'reset-password-3' })).user.id,
    ).toBe(user.session.user.id);
  });
});
