import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/core/api';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { ADMIN, PASSWORD } from '../fixtures/users';

/**
 * Issue 14 item 7: a new password needs 10 characters and must not be common or guessable (zxcvbn-ts, the person's
 * names counted against it), wherever one is set: first-run set-up, a new user, one's own change, the admin's reset.
 * Over real HTTP, as the set-up screen or an attacker would call it.
 */
let t: TestCore;
let server: RunningServer;

function http(token?: string): RouterClient<Router> {
  return createORPCClient(
    new RPCLink({ url: `${server.url}/rpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) }),
  );
}

/** The issue's three: accepted before, each shorter than 10 characters. */
const ISSUE_EXAMPLES = ['12345678', 'password', '        '];
/** Long enough, and still among the first guesses of any attacker. */
const COMMON = ['1234567890', 'qwertyuiop', 'password12', 'iloveyou12'];

beforeAll(async () => {
  t = await openTestCore();
  server = await startHttpServer({ core: t.core, port: 0 });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('new passwords must be long and hard to guess', () => {
  it("set-up refuses the issue's three passwords, common ones and the admin's own name, and writes nothing", async () => {
    for (const password of ISSUE_EXAMPLES) {
      await expectApiError(http().users.setupAdmin({ ...ADMIN, password }), 'INVALID_INPUT', {
        field: 'password',
        reason: 'tooShort',
        params: { min: 10 },
      });
    }
    for (const password of COMMON) {
      await expectApiError(http().users.setupAdmin({ ...ADMIN, password }), 'INVALID_INPUT', {
        field: 'password',
        reason: 'password.common',
      });
    }
    await expectApiError(http().users.setupAdmin({ ...ADMIN, password: ' '.repeat(12) }), 'INVALID_INPUT', {
      field: 'password',
      reason: 'password.guessable',
    });
    await expectApiError(
      http().users.setupAdmin({ username: 'wangwei', displayName: 'Wang Wei', password: 'wangwei2026' }),
      'INVALID_INPUT',
      { field: 'password', reason: 'password.personal' },
    );
    expect(countRows(t.core, 'users')).toBe(0);
    expect((await http().users.status()).needsSetup).toBe(true);
  });

  it('a strong password sets the admin up, who signs in with it', async () => {
    const session = await http().users.setupAdmin({ ...ADMIN });
    expect(session.user.role).toBe('admin');
    expect((await http().users.login({ username: ADMIN.username, password: ADMIN.password })).user.username).toBe(ADMIN.username);
  });

  it('a new user gets the same rule, with their own names counted against the password', async () => {
    const admin = http((await http().users.login({ username: ADMIN.username, password: ADMIN.password })).token);
    const user = { username: 'zhaolei', displayName: 'Zhao Lei', role: 'advisor' as const };
    const before = countRows(t.core, 'users');
    for (const password of ISSUE_EXAMPLES) {
      await expectApiError(admin.users.create({ ...user, password }), 'INVALID_INPUT', { field: 'password', reason: 'tooShort' });
    }
    await expectApiError(admin.users.create({ ...user, password: '1234567890' }), 'INVALID_INPUT', {
      field: 'password',
      reason: 'password.common',
    });
    await expectApiError(admin.users.create({ ...user, password: 'zhaolei12345' }), 'INVALID_INPUT', {
      field: 'password',
      reason: 'password.personal',
    });
    expect(countRows(t.core, 'users')).toBe(before);
    await admin.users.create({ ...user, password: PASSWORD });
    expect((await http().users.login({ username: user.username, password: PASSWORD })).user.displayName).toBe('Zhao Lei');
  });

  it("one's own new password and the admin's reset get the same rule; the old password keeps working until then", async () => {
    const admin = http((await http().users.login({ username: ADMIN.username, password: ADMIN.password })).token);
    const created = await admin.users.create({
      username: 'ouyangxiu',
      displayName: 'Ouyang Xiu',
      password: PASSWORD,
      role: 'csi_agent',
    });
    const me = http((await http().users.login({ username: 'ouyangxiu', password: PASSWORD })).token);
    for (const newPassword of ISSUE_EXAMPLES) {
      await expectApiError(me.users.changePassword({ currentPassword: PASSWORD, newPassword }), 'INVALID_INPUT', {
        field: 'newPassword',
        reason: 'tooShort',
      });
      await expectApiError(admin.users.resetPassword({ userId: created.id, newPassword }), 'INVALID_INPUT', {
        field: 'newPassword',
        reason: 'tooShort',
      });
    }
    await expectApiError(me.users.changePassword({ currentPassword: PASSWORD, newPassword: 'qwertyuiop' }), 'INVALID_INPUT', {
      field: 'newPassword',
      reason: 'password.common',
    });
    // The input carries no name and the word alone is no common one: the core counts the person's own name against it.
    await expectApiError(me.users.changePassword({ currentPassword: PASSWORD, newPassword: 'ouyangxiu2026' }), 'INVALID_INPUT', {
      field: 'newPassword',
      reason: 'password.personal',
    });
    await expectApiError(admin.users.resetPassword({ userId: created.id, newPassword: 'ouyangxiu2026' }), 'INVALID_INPUT', {
      field: 'newPassword',
      reason: 'password.personal',
    });
    // Nothing was changed by the refusals.
    expect((await http().users.login({ username: 'ouyangxiu', password: PASSWORD })).user.id).toBe(created.id);

    await me.users.changePassword({ currentPassword: PASSWORD, newPassword: 'Kite-Lantern-47' });
    expect((await http().users.login({ username: 'ouyangxiu', password: 'Kite-Lantern-47' })).user.id).toBe(created.id);
    await admin.users.resetPassword({ userId: created.id, newPassword: 'plum orbit 58 cellar' });
    expect((await http().users.login({ username: 'ouyangxiu', password: 'plum orbit 58 cellar' })).user.id).toBe(created.id);
  });
});
