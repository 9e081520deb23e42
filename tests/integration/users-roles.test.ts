import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAll, countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { customerData } from '../fixtures/factories';
import { ADMIN, adminSession, PASSWORD, signIn, type SignedIn } from '../fixtures/users';

const HOUR = 3600_000;

describe('first run and sign-in', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await openTestCore();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a new database asks for set-up; set-up creates the admin and signs them in; a second set-up is refused', async () => {
    const anonymous = t.core.client();
    expect(await anonymous.users.status()).toEqual({ needsSetup: true, demo: null });

    const session = await anonymous.users.setupAdmin({ ...ADMIN });
    expect(session.user).toMatchObject({ username: ADMIN.username, displayName: ADMIN.displayName, role: 'admin', active: true });
    expect(session.expiresAt).toBe(new Date(Date.parse(t.clock.now().toISOString()) + 12 * HOUR).toISOString());
    expect(await t.core.client(session.token).users.me()).toMatchObject({ username: ADMIN.username, role: 'admin' });
    expect(await anonymous.users.status()).toMatchObject({ needsSetup: false });

    // Nobody can take over an installed desk by running set-up again.
    await expectApiError(
      anonymous.users.setupAdmin({ username: 'intruder', displayName: 'X', password: 'Intruder-Pass-2026' }),
      'RULE',
      {
        reason: 'setup.done',
      },
    );
    expect(countRows(t.core, 'users')).toBe(1);
    await expectApiError(anonymous.users.login({ username: 'intruder', password: 'Intruder-Pass-2026' }), 'UNAUTHENTICATED');
  });

  it('set-up refuses a short password with the field named', async () => {
    await expectApiError(
      t.core.client().users.setupAdmin({ username: 'x', displayName: 'X', password: 'short' }),
      'INVALID_INPUT',
      {
        field: 'password',
        reason: 'tooShort',
        params: { min: 10 },
      },
    );
  });

  it('a wrong password and an unknown user get the same answer, and no session is opened', async () => {
    await adminSession(t.core);
    const sessions = countRows(t.core, 'sessions');
    const wrong = await expectApiError(
      t.core.client().users.login({ username: ADMIN.username, password: 'not-the-password' }),
      'UNAUTHENTICATED',
      {
        reason: 'login.failed',
      },
    );
    const unknown = await expectApiError(
      t.core.client().users.login({ username: 'nobody', password: 'not-the-password' }),
      'UNAUTHENTICATED',
    );
    expect(unknown).toEqual(wrong);
    expect(countRows(t.core, 'sessions')).toBe(sessions);
  });

  it('the right password opens a session for the user', async () => {
    const session = await t.core.client().users.login({ username: ADMIN.username, password: ADMIN.password });
    expect(session.user.role).toBe('admin');
    expect(session.token.length).toBeGreaterThanOrEqual(32);
    expect(await t.core.client(session.token).users.me()).toMatchObject({ username: ADMIN.username });
  });

  it('a procedure called without a token, or with a made-up one, is UNAUTHENTICATED', async () => {
    await expectApiError(t.core.client().customers.lookup({ q: '京A' }), 'UNAUTHENTICATED', { reason: 'session.required' });
    await expectApiError(t.core.client().users.me(), 'UNAUTHENTICATED');
    await expectApiError(t.core.client('forged-token').customers.lookup({ q: '京A' }), 'UNAUTHENTICATED');
    const before = countAll(t.core);
    await expectApiError(t.core.client().customers.create(customerData(1)), 'UNAUTHENTICATED');
    expect(countAll(t.core)).toEqual(before);
  });

  it('users.create refuses a username that is taken, with the field named', async () => {
    const admin = await adminSession(t.core);
    await t.core
      .client(admin.token)
      .users.create({ username: 'li.na', displayName: 'Li Na', password: PASSWORD, role: 'advisor' });
    await expectApiError(
      t.core
        .client(admin.token)
        .users.create({ username: 'li.na', displayName: 'Other', password: PASSWORD, role: 'technician' }),
      'CONFLICT',
      { field: 'username', reason: 'username.taken' },
    );
  });

  it('users.create refuses a username that differs only in case (CONFLICT, not INTERNAL)', async () => {
    const admin = await adminSession(t.core);
    await t.core
      .client(admin.token)
      .users.create({ username: 'wang.fang', displayName: 'Wang Fang', password: PASSWORD, role: 'advisor' });
    await expectApiError(
      t.core
        .client(admin.token)
        .users.create({ username: 'WANG.FANG', displayName: 'Other', password: PASSWORD, role: 'advisor' }),
      'CONFLICT',
      { field: 'username', reason: 'username.taken' },
    );
  });

  it('login does not care about the case of the username', async () => {
    await adminSession(t.core);
    const session = await t.core.client().users.login({ username: ADMIN.username.toUpperCase(), password: ADMIN.password });
    expect(session.user.username).toBe(ADMIN.username);
  });
});

describe('roles', () => {
  let t: TestCore;
  let technician: SignedIn;
  let partsClerk: SignedIn;
  let advisor: SignedIn;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await openTestCore();
    technician = await signIn(t.core, 'technician');
    partsClerk = await signIn(t.core, 'parts_clerk');
    advisor = await signIn(t.core, 'advisor');
    manager = await signIn(t.core, 'manager');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signIn gives each user the role asked for', async () => {
    expect((await technician.client.users.me()).role).toBe('technician');
    expect((await partsClerk.client.users.me()).role).toBe('parts_clerk');
    expect(technician.session.user.role).toBe('technician');
  });

  it('a technician may not create a customer: FORBIDDEN, and nothing is written', async () => {
    const before = countAll(t.core);
    await expectApiError(technician.client.customers.create(customerData(1)), 'FORBIDDEN', {
      reason: 'role.forbidden',
      params: { role: 'technician' },
    });
    expect(countAll(t.core)).toEqual(before);
    // The same call from an advisor goes through: the refusal was about the role, not the input.
    await advisor.client.customers.create(customerData(1));
    expect(countRows(t.core, 'customers')).toBe(before.customers + 1);
  });

  it('a parts clerk may not create users: FORBIDDEN, and no user is added', async () => {
    const users = countRows(t.core, 'users');
    await expectApiError(
      partsClerk.client.users.create({ username: 'sneaky', displayName: 'Sneaky', password: PASSWORD, role: 'admin' }),
      'FORBIDDEN',
      { params: { role: 'parts_clerk' } },
    );
    expect(countRows(t.core, 'users')).toBe(users);
    await expectApiError(t.core.client().users.login({ username: 'sneaky', password: PASSWORD }), 'UNAUTHENTICATED');
  });

  it('the user list is for the admin and the manager only', async () => {
    const list = await manager.client.users.list();
    expect(list.map((u) => u.role)).toEqual(expect.arrayContaining(['admin', 'technician', 'parts_clerk', 'advisor', 'manager']));
    expect(list.every((u) => !('passwordHash' in u) && !('password_hash' in u))).toBe(true);
    await expectApiError(advisor.client.users.list(), 'FORBIDDEN');
  });

  it('a technician may read vehicles but not search customers', async () => {
    await expectApiError(technician.client.customers.lookup({ q: '京A' }), 'FORBIDDEN');
    await expectApiError(technician.client.vehicles.get({ id: 1 }), 'NOT_FOUND');
  });
});

describe('sessions end', () => {
  let t: TestCore;
  let advisor: SignedIn;
  beforeAll(async () => {
    t = await openTestCore();
    advisor = await signIn(t.core, 'advisor');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logout ends the session: the token no longer works and its row is gone', async () => {
    const session = await t.core.client().users.login({ username: advisor.session.user.username, password: PASSWORD });
    const client = t.core.client(session.token);
    expect((await client.users.me()).username).toBe(advisor.session.user.username);
    const sessions = countRows(t.core, 'sessions');
    expect(await client.users.logout()).toEqual({ ok: true });
    await expectApiError(client.users.me(), 'UNAUTHENTICATED');
    await expectApiError(client.customers.lookup({ q: '京A' }), 'UNAUTHENTICATED');
    expect(countRows(t.core, 'sessions')).toBe(sessions - 1);
    // Other sessions of the same user are untouched.
    expect((await advisor.client.users.me()).username).toBe(advisor.session.user.username);
  });

  it('a session lasts a 12-hour shift: still valid after 11 hours, refused after 13', async () => {
    const session = await t.core.client().users.login({ username: advisor.session.user.username, password: PASSWORD });
    const client = t.core.client(session.token);
    await client.customers.lookup({ q: '京A' });
    t.clock.advance(11 * HOUR);
    expect((await client.customers.lookup({ q: '京A' })).rows).toEqual([]);
    t.clock.advance(2 * HOUR);
    await expectApiError(client.customers.lookup({ q: '京A' }), 'UNAUTHENTICATED', { reason: 'session.expired' });
    await expectApiError(client.users.me(), 'UNAUTHENTICATED');
  });

  it('an expired session is refused even when this core never saw it (read from the file)', async () => {
    // A token issued and never used here lives only in the sessions table, not in the in-memory cache.
    const session = await t.core.client().users.login({ username: advisor.session.user.username, password: PASSWORD });
    t.core.deps.sessions.clear();
    t.clock.advance(13 * HOUR);
    await expectApiError(t.core.client(session.token).users.me(), 'UNAUTHENTICATED');
  });
});
