import { describe, expect, it } from 'vitest';
import type { AuditGridInput } from '../../shared/contract/audit';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import { addPart, clerk, manager, newRo, t, useGridDesk } from '../fixtures/grid-desk';
import { expectApiError } from '../fixtures/errors';

/**
 * Issue 17 item 12: the audit trail's grids (the whole trail, one RO's trail) at ten years. Each filter the trail
 * screen offers, and the block after a block (by key), is one backward walk of an index ending in (at, id); nothing
 * scans the trail, which is the largest table at ten years.
 */
useGridDesk();

async function plansOf(work: () => Promise<unknown>): Promise<{ statement: CapturedStatement; plan: string[] }[]> {
  const statements = await captureStatements(work);
  return statements
    .filter((s) => !/\bsessions\b/.test(s.sql))
    .map((statement) => ({ statement, plan: planOf(t.core.deps.sqlite, statement.sql, statement.parameters) }));
}

function trailPlan(plans: { statement: CapturedStatement; plan: string[] }[]): string {
  for (const { statement, plan } of plans) expect(planProblems(plan, {}), `${statement.sql}\n${plan.join('\n')}`).toEqual([]);
  const found = plans.find(({ statement }) => /from "audit_log/.test(statement.sql));
  expect(found, plans.map((p) => p.statement.sql).join('\n')).toBeDefined();
  return found!.plan.join('\n');
}

const block = { startRow: 0, endRow: 1 } as const;

describe('audit trail grid plans', () => {
  it('every filter of the trail screen, and the block after a block, walks one index ending in (at, id)', async () => {
    // An RO with a few entries, so the busy kinds have a block after the first.
    await addPart(await addPart(await newRo(), 'NEW0011', 1000), 'NEW0011', 1000);
    const userId = clerk.session.user.id;
    const partId = (
      await t.core.deps.db.selectFrom('parts').select('id').where('part_number', '=', 'NEW0011').executeTakeFirstOrThrow()
    ).id;
    const rare = (range = '') => new RegExp(`SEARCH r USING PRIMARY KEY \\(entity=\\?${range}\\)`);
    const dates = ' AND at>\\? AND at<\\?';
    const cases: [Omit<AuditGridInput, 'startRow' | 'endRow'>, RegExp][] = [
      [{}, /SCAN audit_log USING INDEX audit_log_at\b/],
      [{ entity: 'part' }, rare()],
      [{ entity: 'repair_order' }, /SCAN audit_log USING INDEX audit_log_at\b/],
      [{ entity: 'part', entityId: partId }, /SEARCH audit_log USING INDEX audit_log_entity \(entity=\? AND entity_id=\?\)/],
      [{ userId }, /SEARCH audit_log USING INDEX audit_log_user \(user_id=\?\)/],
      [{ userId, entity: 'part' }, rare()],
      [{ userId, entity: 'repair_order' }, /SEARCH audit_log USING INDEX audit_log_user \(user_id=\?\)/],
      [{ from: '2026-11-01', to: '2026-11-30' }, /SEARCH audit_log USING INDEX audit_log_at \(at>\? AND at<\?\)/],
      [{ entity: 'part', from: '2026-11-01', to: '2026-11-30' }, rare(dates)],
      [
        { userId, from: '2026-11-01', to: '2026-11-30' },
        /SEARCH audit_log USING INDEX audit_log_user \(user_id=\? AND at>\? AND at<\?\)/,
      ],
    ];
    let keyed = 0;
    for (const [filter, expected] of cases) {
      const label = JSON.stringify(filter);
      expect(trailPlan(await plansOf(() => manager.client.audit.grid({ ...block, ...filter }))), label).toMatch(expected);
      const first = await manager.client.audit.grid({ ...block, ...filter });
      expect(first.rows.length, label).toBeLessThanOrEqual(1);
      if (!first.next) continue;
      keyed += 1;
      const after = await plansOf(() => manager.client.audit.grid({ startRow: 1, endRow: 2, ...filter, after: first.next! }));
      expect(trailPlan(after), label).toMatch(/SEARCH (?:audit_log|r) USING (?:INDEX \w+|PRIMARY KEY) \(/);
    }
    expect(keyed).toBeGreaterThanOrEqual(3);
  });

  it('one RO’s trail is a search of its own index, by key after a block', async () => {
    let ro = await newRo();
    ro = await addPart(ro, 'NEW0011', 1000);
    ro = await addPart(ro, 'NEW0011', 1000);
    const first = await plansOf(() => manager.client.audit.repairOrderGrid({ ...block, repairOrderId: ro.id }));
    expect(trailPlan(first)).toMatch(/SEARCH audit_log USING INDEX \w+ \(repair_order_id=\?\)/);
    const page = await manager.client.audit.repairOrderGrid({ ...block, repairOrderId: ro.id });
    expect(page.next).not.toBeNull();
    const after = await plansOf(() =>
      manager.client.audit.repairOrderGrid({ startRow: 1, endRow: 2, repairOrderId: ro.id, after: page.next! }),
    );
    expect(trailPlan(after)).toMatch(/SEARCH audit_log USING INDEX \w+ \(repair_order_id=\? AND at<\?\)/);
  });
});

describe('audit trail grid results', () => {
  it('pages by key read the same entries, newest first, as one long page', async () => {
    const whole = await manager.client.audit.grid({ startRow: 0, endRow: 200 });
    expect(whole.rows.length).toBeGreaterThan(6);
    const read: number[] = [];
    let after: string | undefined;
    for (let start = 0; start < whole.rows.length; start += 3) {
      const page = await manager.client.audit.grid({ startRow: start, endRow: start + 3, ...(after ? { after } : {}) });
      read.push(...page.rows.map((row) => row.id));
      after = page.next ?? undefined;
      if (!page.hasMore) break;
    }
    expect(read).toEqual(whole.rows.map((row) => row.id));
    const ro = whole.rows.find((row) => row.repairOrderId !== null)!.repairOrderId!;
    const trail = await manager.client.audit.repairOrderGrid({ startRow: 0, endRow: 200, repairOrderId: ro });
    const old = await manager.client.audit.ofRepairOrder({ repairOrderId: ro, limit: 200 });
    expect(trail.rows).toEqual(old.rows);
  });

  it('refuses column filters, a reversed range and other roles, as the list does', async () => {
    await expectApiError(
      manager.client.audit.grid({ ...block, filterModel: { at: { filterType: 'text', type: 'contains', filter: '2026' } } }),
      'INVALID_INPUT',
      { reason: 'filter.unsupported' },
    );
    await expectApiError(manager.client.audit.grid({ ...block, from: '2026-11-25', to: '2026-11-24' }), 'INVALID_INPUT');
    await expectApiError(clerk.client.audit.grid(block), 'FORBIDDEN', { reason: 'role.forbidden' });
    await expectApiError(clerk.client.audit.repairOrderGrid({ ...block, repairOrderId: 1 }), 'FORBIDDEN');
  });
});
