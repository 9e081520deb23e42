import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore } from '../fixtures/core';
import { captureStatements, planOf, planProblems, type CapturedStatement } from '../fixtures/query-plan';
import { signIn } from '../fixtures/users';
import { claimOf, deliver, readyWarrantyRo, type ClaimDesk } from '../fixtures/warranty-claims';

/**
 * Query plans of warranty claims (issue 19 item 1): the claims grid (every order and status filter it offers), the
 * claim page and the manager's report. On a fresh file, so they hold at any scale: each walks an index of migration
 * 0042, none scans a growing table or sorts a whole result for a page.
 */

let desk: ClaimDesk;
let claimId: number;
beforeAll(async () => {
  const t = await openTestCore();
  desk = {
    t,
    advisor: await signIn(t.core, 'advisor'),
    foreman: await signIn(t.core, 'foreman'),
    clerk: await signIn(t.core, 'parts_clerk'),
    warranty: await signIn(t.core, 'warranty_admin'),
    manager: await signIn(t.core, 'manager'),
  };
  const ro = await deliver(desk, await readyWarrantyRo(desk));
  const claim = await claimOf(desk, ro);
  claimId = claim.id;
  await desk.warranty.client.warrantyClaims.submitBatch({ claims: [{ id: claim.id, version: claim.version }] });
});
afterAll(async () => {
  await desk?.t.close();
});

function problemsOf(statements: readonly CapturedStatement[], options: { allowTempOrderBy?: boolean } = {}) {
  return statements
    .filter((s) => /^\s*select/i.test(s.sql))
    .map((s) => ({ sql: s.sql, problems: planProblems(planOf(desk.t.core.deps.sqlite, s.sql, s.parameters), options) }))
    .filter((s) => s.problems.length > 0);
}

describe('warranty claim plans', () => {
  it('the grid walks (status, created_at) or created_at in every order it offers', async () => {
    const api = desk.warranty.client.warrantyClaims;
    for (const sort of ['asc', 'desc'] as const) {
      for (const status of [undefined, 'submitted', 'draft'] as const) {
        const statements = await captureStatements(() =>
          api.grid({ startRow: 0, endRow: 50, sortModel: [{ colId: 'createdAt', sort }], ...(status ? { status } : {}) }),
        );
        expect(problemsOf(statements)).toEqual([]);
        const grid = statements.find((s) => s.sql.includes('"warranty_claims" as "c"'))!;
        expect(planOf(desk.t.core.deps.sqlite, grid.sql, grid.parameters).join('\n')).toMatch(
          status ? /USING INDEX warranty_claims_status/ : /USING INDEX warranty_claims_created/,
        );
      }
    }
  });

  it('the claim page reads its parts, tags and history by index', async () => {
    const statements = await captureStatements(() => desk.warranty.client.warrantyClaims.get({ id: claimId }));
    expect(problemsOf(statements)).toEqual([]);
  });

  it('the report reads the status index, the events by day and the approved write-offs by day', async () => {
    const statements = await captureStatements(() =>
      desk.manager.client.warrantyClaims.report({ from: '2026-01-01', to: '2026-12-31' }),
    );
    // The reasons are sorted by their count: a sort of the period's distinct reasons, not of rows.
    const reasons = statements.filter((s) => /group by "note"/.test(s.sql));
    const others = statements.filter((s) => !reasons.includes(s));
    expect(problemsOf(others)).toEqual([]);
    expect(problemsOf(reasons, { allowTempOrderBy: true })).toEqual([]);
    const plans = others.map((s) => planOf(desk.t.core.deps.sqlite, s.sql, s.parameters).join('\n')).join('\n');
    expect(plans).toMatch(/warranty_claims USING (COVERING )?INDEX warranty_claims_status/);
    expect(plans).toMatch(/warranty_claim_events USING INDEX warranty_claim_events_at/);
    expect(plans).toMatch(/warranty_claims USING (COVERING )?INDEX warranty_claims_write_off/);
  });
});
