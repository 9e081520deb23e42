import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowupGridInput } from '../../shared/contract/followup';
import { insertTask } from '../../electron/core/followup/repository';
import { FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * The follow-up screen's two grids (issue 17 item 12): the call queue (followup.grid) and the SMS/letter list
 * (followup.letterGrid) page by due time, either way round, through the (status, channel, contactable, due_at) index
 * for every due and kind choice; nothing else is sorted or filtered.
 */

let t: TestCore;
let csi: SignedIn;
const BLOCK = { startRow: 0, endRow: 100 } as const;
const HOUR = 3_600_000;

/** The plan of the grid's page statement (the one reading followup_tasks). */
async function pagePlan(work: () => Promise<unknown>): Promise<string[]> {
  const statements = await captureStatements(work);
  const page = statements.find((s) => s.sql.includes('from "followup_tasks" as "t"'));
  expect(page, 'the page statement').toBeDefined();
  return planOf(t.core.deps.sqlite, page!.sql, page!.parameters);
}

beforeAll(async () => {
  t = await openTestCore();
  csi = await signIn(t.core, 'csi_agent');
  const advisor = await signIn(t.core, 'advisor');
  // Three open call tasks due an hour apart (overdue) and one letter task, of consenting customers.
  const now = Date.parse(FIXED_NOW);
  for (const [i, channel] of (['call', 'call', 'call', 'sms_letter'] as const).entries()) {
    const customer = await makeCustomer(advisor.client, { consentToContact: true });
    const vehicle = await makeVehicle(advisor.client, customer.id);
    await insertTask(t.core.deps.db, {
      kind: 'lapsed',
      customer_id: customer.id,
      vehicle_id: vehicle.id,
      repair_order_id: null,
      status: 'open',
      channel,
      due_at: new Date(now - (48 + i) * HOUR).toISOString(),
      due_reason: '',
      attempts: 0,
      failed_attempts: 0,
      closed_at: null,
      closed_by: null,
      created_at: FIXED_NOW,
      updated_at: FIXED_NOW,
    });
  }
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('the call queue grid', () => {
  const dues = ['today', 'overdue', 'all'] as const;
  for (const due of dues) {
    for (const kind of [undefined, 'csi_call'] as const) {
      for (const sort of ['asc', 'desc'] as const) {
        it(`due ${due}, ${kind ?? 'every kind'}, due time ${sort}: a walk of the queue index`, async () => {
          const input: FollowupGridInput = { ...BLOCK, due, sortModel: [{ colId: 'dueDay', sort }], ...(kind ? { kind } : {}) };
          const plan = await pagePlan(() => csi.client.followup.grid(input));
          expect(plan[0]).toMatch(
            /^SEARCH t USING INDEX followup_tasks_queue_contactable \(status=\? AND channel=\? AND contactable=\? AND due_at[<>]/,
          );
          expect(planProblems(plan)).toEqual([]);
        });
      }
    }
  }

  it('orders by due time either way round and pages by the block asked for', async () => {
    const oldestFirst = await csi.client.followup.grid({ ...BLOCK, due: 'overdue' });
    expect(oldestFirst.rows).toHaveLength(3);
    const dueAt = oldestFirst.rows.map((r) => r.dueAt);
    expect(dueAt).toEqual([...dueAt].sort());
    const latestFirst = await csi.client.followup.grid({
      ...BLOCK,
      due: 'overdue',
      sortModel: [{ colId: 'dueDay', sort: 'desc' }],
    });
    expect(latestFirst.rows.map((r) => r.id)).toEqual(oldestFirst.rows.map((r) => r.id).reverse());
    const second = await csi.client.followup.grid({ startRow: 1, endRow: 2, due: 'overdue' });
    expect(second).toEqual({ hasMore: true, rows: [oldestFirst.rows[1]] });
    // Nothing due today in this file.
    expect((await csi.client.followup.grid({ ...BLOCK, due: 'today' })).rows).toEqual([]);
  });

  it('refuses a column filter and an unknown sort column', async () => {
    await expectApiError(
      csi.client.followup.grid({ ...BLOCK, filterModel: { dueDay: { filterType: 'text', type: 'equals', filter: 'x' } } }),
      'INVALID_INPUT',
    );
    await expectApiError(
      csi.client.followup.grid({ ...BLOCK, sortModel: [{ colId: 'customer' as 'dueDay', sort: 'asc' }] }),
      'INVALID_INPUT',
    );
  });
});

describe('the SMS/letter grid', () => {
  for (const sort of ['asc', 'desc'] as const) {
    it(`due time ${sort}: a walk of the queue index`, async () => {
      const plan = await pagePlan(() => csi.client.followup.letterGrid({ ...BLOCK, sortModel: [{ colId: 'dueDay', sort }] }));
      expect(plan[0]).toMatch(
        /^SEARCH t USING INDEX followup_tasks_queue_contactable \(status=\? AND channel=\? AND contactable=\?\)/,
      );
      expect(planProblems(plan)).toEqual([]);
    });
  }

  it('lists the letter task with its address', async () => {
    const page = await csi.client.followup.letterGrid(BLOCK);
    expect(page.hasMore).toBe(false);
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toHaveProperty('address');
  });
});
