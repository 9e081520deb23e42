import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/core/api';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { openTestCore, type TestCore } from '../fixtures/core';
import { apiError, expectApiError } from '../fixtures/errors';
import { makeCustomer } from '../fixtures/factories';
import { signIn } from '../fixtures/users';

const PHONE = '13812345678';
const MASKED = '138****5678';

let t: TestCore;
let server: RunningServer;
let advisor: RouterClient<Router>;
let clerk: RouterClient<Router>;
let admin: RouterClient<Router>;
let customerId: number;

function httpClient(token: string): RouterClient<Router> {
  return createORPCClient(new RPCLink({ url: `${server.url}/rpc`, headers: () => ({ authorization: `Bearer ${token}` }) }));
}

beforeAll(async () => {
  t = await openTestCore();
  server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
  advisor = httpClient((await signIn(t.core, 'advisor')).token);
  clerk = httpClient((await signIn(t.core, 'parts_clerk')).token);
  admin = httpClient((await signIn(t.core, 'admin')).token);
  customerId = (await makeCustomer(advisor, { name: '钱多多', phones: [{ number: PHONE }] })).id;
  for (let i = 0; i < 5; i++) await makeCustomer(advisor, { phones: [{ number: `1390000000${i}` }] });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const phoneFilter = (type: 'startsWith' | 'contains' | 'equals', filter: string) => ({
  startRow: 0,
  endRow: 50,
  sortModel: [],
  filterModel: { phone: { filterType: 'text' as const, type, filter } },
});

/**
 * The attack of the issue: the grid shows 138****5678; guess the hidden digits one at a time with prefix filters and
 * keep the digit for which the customer is still listed. Returns the number it recovered, or null.
 */
async function probe(client: RouterClient<Router>): Promise<string | null> {
  let known = MASKED.slice(0, 3);
  for (let position = 3; position < 7; position++) {
    let next: string | null = null;
    for (let digit = 0; digit <= 9 && next === null; digit++) {
      try {
        const page = await client.customers.grid(phoneFilter('startsWith', `${known}${digit}`));
        if (page.rows.some((row) => row.id === customerId)) next = `${known}${digit}`;
      } catch {
        // A refused probe teaches nothing.
      }
    }
    if (next === null) return null;
    known = next;
  }
  return `${known}${MASKED.slice(-4)}`;
}

describe('roles that see masked phones cannot filter, sort or search on them (over HTTP)', () => {
  it('the parts clerk sees the number masked', async () => {
    const page = await clerk.customers.grid({ startRow: 0, endRow: 50, sortModel: [], filterModel: {} });
    expect(page.rows.find((row) => row.id === customerId)?.phone).toBe(MASKED);
  });

  it('prefix guesses in the grid recover nothing for the parts clerk or the administrator', async () => {
    expect(await probe(advisor)).toBe(PHONE); // the attack works where numbers are shown anyway
    expect(await probe(clerk)).toBeNull();
    expect(await probe(admin)).toBeNull();
  });

  it("the grid refuses the clerk's phone filter and phone sort, naming the field", async () => {
    for (const type of ['startsWith', 'contains', 'equals'] as const) {
      await expectApiError(clerk.customers.grid(phoneFilter(type, PHONE)), 'FORBIDDEN', {
        field: 'filterModel.phone',
        reason: 'phoneMasked.search',
      });
    }
    await expectApiError(
      clerk.customers.grid({ startRow: 0, endRow: 50, sortModel: [{ colId: 'phone', sort: 'asc' }], filterModel: {} }),
      'FORBIDDEN',
      {
        field: 'sortModel',
        reason: 'phoneMasked.search',
      },
    );
    const refused = await apiError(admin.customers.grid(phoneFilter('equals', PHONE)));
    expect(refused.code).toBe('FORBIDDEN');
  });

  it("the clerk's look-up does not match on phone digits; the advisor's does", async () => {
    for (const q of [PHONE, '5678', '12345678', '138 1234 5678']) {
      const rows = (await clerk.customers.lookup({ q, offset: 0, limit: 20 })).rows;
      expect(
        rows.filter((row) => row.customerId === customerId),
        q,
      ).toEqual([]);
      expect(
        rows.some((row) => row.matchedBy === 'phone'),
        q,
      ).toBe(false);
    }
    expect((await clerk.customers.lookup({ q: '钱多', offset: 0, limit: 20 })).rows[0]).toMatchObject({
      customerId,
      phone: MASKED,
    });
    expect((await advisor.customers.lookup({ q: '5678', offset: 0, limit: 20 })).rows[0]).toMatchObject({
      customerId,
      phone: PHONE,
      matchedBy: 'phone',
    });
  });
});
