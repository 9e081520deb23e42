import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as closing from '../../electron/core/reports/daily-closing/service';
import { openTestCore, type TestCore } from '../fixtures/core';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';

/**
 * The daily closing reads one desk day by index at ten years: the day's payments by received_at, the refunds by
 * (state, decided_at), the closings by the status history's (to_status, changed_at), and the balances owed from the
 * ROs still delivered (repair_orders_status) and those closed after the day. With statistics of a large file
 * (ANALYZE on an empty one gives none), each statement SEARCHes; none scans a growing table.
 */
let t: TestCore;
beforeAll(async () => {
  t = await openTestCore();
});
afterAll(async () => {
  await t?.close();
});

describe('query plans of the daily closing', () => {
  it('every statement of a day reads indexes only', async () => {
    const statements = await captureStatements(() => closing.dailyClosing(t.core.deps, { day: '2026-11-24' }));
    expect(statements.length).toBeGreaterThanOrEqual(5);
    const problems = statements.flatMap((s) =>
      planProblems(planOf(t.core.deps.sqlite, s.sql, s.parameters)).map((p) => `${p} <- ${s.sql.slice(0, 160)}`),
    );
    expect(problems).toEqual([]);
    const plans = statements.map((s) => planOf(t.core.deps.sqlite, s.sql, s.parameters).join('\n'));
    expect(plans.join('\n')).toMatch(/SEARCH p USING INDEX repair_order_payments_received/);
    expect(plans.join('\n')).toMatch(/SEARCH f USING INDEX repair_order_refunds_state/);
    expect(plans.join('\n')).toMatch(/SEARCH h USING (?:COVERING )?INDEX repair_order_status_history_to_status/);
  });
});
