import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignGridColumn } from '../../shared/contract/campaigns';
import type { GridInput } from '../../shared/contract/paging';
import { openTestCore, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle, validVin } from '../fixtures/factories';
import { captureStatements, planOf, planProblems } from '../fixtures/query-plan';
import { csvOf } from '../fixtures/sheets';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * The campaign screens' queries (issue 19 item 2): the list, each sort and filter, reads an index; a campaign's months
 * read its done rows by the partial index; a car's open campaigns seek the VIN in the index of rows not done.
 */
let t: TestCore;
let manager: SignedIn;
let advisor: SignedIn;
let vehicleId = 0;
let campaignId = 0;

beforeAll(async () => {
  t = await openTestCore();
  manager = await signIn(t.core, 'manager');
  advisor = await signIn(t.core, 'advisor');
  const owner = await makeCustomer(advisor.client);
  const car = await makeVehicle(advisor.client, owner.id, { vin: validVin('LSVAU218', 'P0000001') });
  vehicleId = car.id;
  const laborOperationId = (await manager.client.catalog.laborGrid({ startRow: 0, endRow: 1 })).rows[0]!.id;
  for (let i = 0; i < 3; i += 1) {
    const vins = [car.vin, ...Array.from({ length: 50 }, (_, n) => validVin('LSGKB54H', `P${i}${String(n).padStart(6, '0')}`))];
    const imported = await manager.client.campaigns.import({
      code: `RC-P${i}`,
      title: `召回 ${i}`,
      kind: i === 0 ? 'recall' : 'service',
      mandatory: i === 0,
      laborOperationId,
      laborHoursMilli: 500,
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      fileName: 'vins.csv',
      fileBase64: Buffer.from(csvOf([['VIN'], ...vins.map((vin) => [vin])])).toString('base64'),
    });
    campaignId = imported.campaign.id;
  }
  t.core.deps.sqlite.exec('ANALYZE');
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const GRIDS: Omit<GridInput<CampaignGridColumn>, 'startRow' | 'endRow'>[] = [
  { sortModel: [], filterModel: {} },
  { sortModel: [{ colId: 'startsOn', sort: 'asc' }], filterModel: {} },
  { sortModel: [{ colId: 'code', sort: 'desc' }], filterModel: {} },
  { sortModel: [], filterModel: { code: { filterType: 'text', type: 'startsWith', filter: 'RC' } } },
  { sortModel: [{ colId: 'code', sort: 'asc' }], filterModel: { code: { filterType: 'text', type: 'contains', filter: 'P1' } } },
];

describe('campaigns.grid', () => {
  for (const grid of GRIDS) {
    it(`reads an index: ${JSON.stringify(grid)}`, async () => {
      const statements = await captureStatements(() => advisor.client.campaigns.grid({ startRow: 0, endRow: 2, ...grid }));
      const reads = statements.filter((s) => s.sql.includes('from "campaigns"'));
      expect(reads).toHaveLength(1);
      const plan = planOf(t.core.deps.sqlite, reads[0]!.sql, reads[0]!.parameters);
      expect(planProblems(plan), plan.join('\n')).toEqual([]);
    });
  }
});

describe('a campaign and a car', () => {
  it('the months of a campaign read its done rows by index', async () => {
    const statements = await captureStatements(() => manager.client.campaigns.progress({ id: campaignId }));
    const months = statements.find((s) => s.sql.includes('+8 hours'))!;
    const plan = planOf(t.core.deps.sqlite, months.sql, months.parameters);
    expect(
      plan.some((line) => /INDEX campaign_vehicles_done \(campaign_id=\? AND done_at>\?\)/.test(line)),
      plan.join('\n'),
    ).toBe(true);
    expect(planProblems(plan), plan.join('\n')).toEqual([]);
  });

  it("a car's open campaigns seek its VIN among the rows not done", async () => {
    const statements = await captureStatements(() => advisor.client.campaigns.openForVehicle({ vehicleId }));
    const open = statements.find((s) => s.sql.includes('"campaign_vehicles" as "cv"'))!;
    const plan = planOf(t.core.deps.sqlite, open.sql, open.parameters);
    expect(
      plan.some((line) => /INDEX campaign_vehicles_open_vin \(vin=\?\)/.test(line)),
      plan.join('\n'),
    ).toBe(true);
    // The few open campaigns of one car are sorted in memory.
    expect(planProblems(plan, { allowTempOrderBy: true }), plan.join('\n')).toEqual([]);
  });
});
