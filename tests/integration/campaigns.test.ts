import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planLookup } from '../../electron/core/customers/lookup-plan';
import { lookupQuery } from '../../electron/core/customers/lookup-repository';
import type { importInput } from '../../shared/contract/campaigns';
import type { z } from 'zod';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle, validVin, vinWithWrongCheck } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { beijing, openRo } from '../fixtures/repair-orders';
import { csvOf, xlsxOf } from '../fixtures/sheets';
import { signIn, type SignedIn } from '../fixtures/users';

// FIXED_NOW is 2026-11-24 10:00 in Beijing: the campaigns below run through November and December 2026.

let t: TestCore;
let advisor: SignedIn;
let manager: SignedIn;
let foreman: SignedIn;
let technician: SignedIn;
let operationId: number;
let seq = 0;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  foreman = await signIn(t.core, 'foreman');
  technician = await signIn(t.core, 'technician');
  operationId = (await manager.client.catalog.laborGrid({ startRow: 0, endRow: 1 })).rows[0]!.id;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

type ImportFields = z.input<typeof importInput>;

function campaign(file: string | Buffer, overrides: Partial<ImportFields> = {}): ImportFields {
  seq += 1;
  return {
    code: `RC-${seq}`,
    title: `更换气囊模块 ${seq}`,
    kind: 'recall',
    mandatory: true,
    laborOperationId: operationId,
    laborHoursMilli: 800,
    parts: [{ partNumber: 'AIRBAG-X1', qtyMilli: 1000 }],
    startsOn: '2026-11-01',
    endsOn: '2026-12-31',
    fileName: 'vins.csv',
    fileBase64: Buffer.from(file).toString('base64'),
    ...overrides,
  };
}

async function carWithVin(vin: string) {
  const owner = await makeCustomer(advisor.client);
  return makeVehicle(advisor.client, owner.id, { vin });
}

describe('importing a campaign', () => {
  it('takes the good VINs, refuses the bad ones with their reasons and resolves known cars', async () => {
    const car = await carWithVin(validVin('LSVAU218', 'C1000001'));
    const good = validVin('LSGKB54H', 'C1000002');
    const foreign = vinWithWrongCheck(validVin('WVWZZZ1K', 'C1000003'));
    const file = csvOf([
      ['车架号', '车型'],
      [car.vin, '朗逸'],
      [good.toLowerCase(), '君威'],
      ['LSGKB54H12345', '短'],
      ['LSGKB54HIC1000004', 'I'],
      [vinWithWrongCheck(good), '校验位'],
      [good, '重复'],
      [foreign, '进口'],
    ]);
    const result = await manager.client.campaigns.import(campaign(file));
    expect(result.imported).toBe(3);
    expect(result.checkDigitWarnings).toBe(1);
    expect(result.refused).toBe(4);
    expect(result.refusals).toEqual([
      { line: 4, vin: 'LSGKB54H12345', reason: 'vin.length' },
      { line: 5, vin: 'LSGKB54HIC1000004', reason: 'vin.characters' },
      { line: 6, vin: vinWithWrongCheck(good), reason: 'vin.checkDigit' },
      { line: 7, vin: good, reason: 'vin.duplicate' },
    ]);
    expect(result.campaign).toMatchObject({ affected: 3, done: 0, outstanding: 3, status: 'active', kind: 'recall' });
    const resolved = t.core.deps.sqlite
      .prepare('SELECT vin, vehicle_id FROM campaign_vehicles WHERE campaign_id = ? ORDER BY id')
      .all(result.campaign.id);
    expect(resolved).toEqual([
      { vin: car.vin, vehicle_id: car.id },
      { vin: good, vehicle_id: null },
      { vin: foreign, vehicle_id: null },
    ]);
  });

  it('reads an XLSX list and a bare CSV of VINs without a header', async () => {
    const xlsx = await xlsxOf([['VIN'], [validVin('LSGKB54H', 'C2000001')], [validVin('LSGKB54H', 'C2000002')]]);
    expect((await manager.client.campaigns.import(campaign(xlsx, { fileName: 'vins.xlsx' }))).imported).toBe(2);
    const bare = `${validVin('LSGKB54H', 'C2000003')}\n${validVin('LSGKB54H', 'C2000004')}\n`;
    expect((await manager.client.campaigns.import(campaign(bare))).imported).toBe(2);
  });

  it('refuses a taken code, a file without a good VIN and a non-manager, writing nothing', async () => {
    const file = csvOf([['VIN'], [validVin('LSGKB54H', 'C3000001')]]);
    const first = await manager.client.campaigns.import(campaign(file));
    const before = countRows(t.core, 'campaigns');
    await expectApiError(manager.client.campaigns.import(campaign(file, { code: first.campaign.code })), 'RULE', {
      field: 'code',
      reason: 'campaign.codeTaken',
    });
    await expectApiError(manager.client.campaigns.import(campaign(csvOf([['VIN'], ['nonsense']]))), 'RULE', {
      field: 'fileBase64',
      reason: 'campaign.noVins',
    });
    await expectApiError(advisor.client.campaigns.import(campaign(file)), 'FORBIDDEN');
    await expectApiError(manager.client.campaigns.import(campaign(file, { endsOn: '2026-10-01' })), 'INVALID_INPUT', {
      field: 'endsOn',
    });
    expect(countRows(t.core, 'campaigns')).toBe(before);
  });
});

describe('a campaign on the RO', () => {
  it('flags the car, adds the job in one click, and is done when the RO is delivered', async () => {
    const car = await carWithVin(validVin('LSVAU218', 'C4000001'));
    const imported = await manager.client.campaigns.import(campaign(csvOf([['VIN'], [car.vin]]), { title: '召回:更换气囊' }));
    const id = imported.campaign.id;
    const flagged = await advisor.client.customers.lookup({ q: car.plate });
    expect(flagged.rows.map((row) => [row.vehicleId, row.openCampaign])).toEqual([[car.id, true]]);
    expect(await advisor.client.campaigns.openForVehicle({ vehicleId: car.id })).toEqual([
      { campaignId: id, code: imported.campaign.code, title: '召回:更换气囊', kind: 'recall', mandatory: true, onRoId: null },
    ]);

    let ro = await openRo({
      advisor,
      inspector: foreman,
      clock: t.clock,
      dispatch: { by: foreman, technician },
      vehicleId: car.id,
      openDay: '2026-11-24',
      group: 'maintenance',
    });
    ro = await advisor.client.campaigns.addJob({ id: ro.id, version: ro.version, campaignId: id });
    const job = ro.jobs.find((j) => j.concern === '召回:更换气囊')!;
    expect(job.payer).toBe('warranty');
    expect(job.laborLines).toHaveLength(1);
    expect(job.laborLines[0]!.qtyMilli).toBe(800);
    expect(job.partLines.map((line) => [line.code, line.qtyMilli])).toEqual([['AIRBAG-X1', 1000]]);
    expect((await advisor.client.campaigns.openForVehicle({ vehicleId: car.id }))[0]!.onRoId).toBe(ro.id);
    await expectApiError(advisor.client.campaigns.addJob({ id: ro.id, version: ro.version, campaignId: id }), 'RULE', {
      reason: 'campaign.alreadyOnRo',
    });

    const c = advisor.client.repairOrders;
    ro = await c.authorise({
      id: ro.id,
      version: ro.version,
      customerName: ro.customer.name,
      channel: 'phone',
      decisions: [{ jobId: job.id, decision: 'approved' }],
    });
    ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
    await passQualityCheck(foreman, ro.id);
    ro = await c.get({ id: ro.id });
    for (const to of ['qc', 'ready'] as const) ro = await c.transition({ id: ro.id, version: ro.version, to });
    t.clock.set(beijing('2026-11-24', '10:30'));
    await c.deliver({ id: ro.id, version: ro.version, explanation: '已说明', collectedBy: '车主' });

    expect(await advisor.client.campaigns.openForVehicle({ vehicleId: car.id })).toEqual([]);
    expect((await advisor.client.customers.lookup({ q: car.plate })).rows[0]!.openCampaign).toBe(false);
    const progress = await manager.client.campaigns.progress({ id });
    expect(progress.campaign).toMatchObject({ affected: 1, done: 1, outstanding: 0 });
    expect(progress.byMonth).toEqual([{ month: '2026-11', done: 1 }]);
    const page = await advisor.client.campaigns.grid({
      startRow: 0,
      endRow: 50,
      filterModel: { code: { filterType: 'text', type: 'equals', filter: imported.campaign.code } },
    });
    expect(page.rows).toEqual([expect.objectContaining({ id, affected: 1, done: 1, outstanding: 0 })]);
  });

  it('shows no campaign outside its dates and refuses its job then', async () => {
    const car = await carWithVin(validVin('LSVAU218', 'C5000001'));
    const later = await manager.client.campaigns.import(
      campaign(csvOf([['VIN'], [car.vin]]), { startsOn: '2027-01-01', endsOn: '2027-06-30' }),
    );
    expect(await advisor.client.campaigns.openForVehicle({ vehicleId: car.id })).toEqual([]);
    const ro = await advisor.client.repairOrders.create({ vehicleId: car.id, concerns: ['保养'] });
    await expectApiError(
      advisor.client.campaigns.addJob({ id: ro.id, version: ro.version, campaignId: later.campaign.id }),
      'RULE',
      {
        field: 'campaignId',
        reason: 'campaign.notOpen',
      },
    );
    await manager.client.campaigns.import(
      campaign(csvOf([['VIN'], [car.vin]]), { startsOn: '2026-10-01', endsOn: '2026-11-23' }),
    );
    expect(await advisor.client.campaigns.openForVehicle({ vehicleId: car.id })).toEqual([]);
    await manager.client.campaigns.import(
      campaign(csvOf([['VIN'], [car.vin]]), { startsOn: '2026-11-24', endsOn: '2026-11-24' }),
    );
    expect(await advisor.client.campaigns.openForVehicle({ vehicleId: car.id })).toHaveLength(1);
  });
});

describe('the look-up flag (EXPLAIN QUERY PLAN)', () => {
  it('probes the open rows of the VIN by index and scans no campaign table', () => {
    const plan = { ...planLookup('5Y123456'), today: '2026-11-24' };
    const { sql, parameters } = lookupQuery(t.core.deps.db, plan, 0, 20)!.compile();
    const lines = (
      t.core.deps.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as { detail: string }[]
    ).map((row) => row.detail);
    expect(
      lines.some((line) => /INDEX campaign_vehicles_open_vin \(vin=\?\)/.test(line)),
      lines.join('\n'),
    ).toBe(true);
    expect(
      lines.filter((line) => /^SCAN (cv|cg|campaign)/.test(line)),
      lines.join('\n'),
    ).toEqual([]);
  });
});

describe('outstanding owners into the follow-up queue', () => {
  it('queues a campaign call per consenting owner of an outstanding car, once', async () => {
    const willing = await makeCustomer(advisor.client, { consentToContact: true });
    const unwilling = await makeCustomer(advisor.client, { consentToContact: false });
    const a = await makeVehicle(advisor.client, willing.id, { vin: validVin('LSVAU218', 'C6000001') });
    const b = await makeVehicle(advisor.client, unwilling.id, { vin: validVin('LSVAU218', 'C6000002') });
    const unknown = validVin('LSGKB54H', 'C6000003');
    const imported = await manager.client.campaigns.import(campaign(csvOf([['VIN'], [a.vin], [b.vin], [unknown]])));
    await expectApiError(advisor.client.campaigns.queueCalls({ id: imported.campaign.id }), 'FORBIDDEN');
    expect(await manager.client.campaigns.queueCalls({ id: imported.campaign.id })).toEqual({
      queued: 1,
      alreadyQueued: 0,
      noConsent: 1,
      notOnFile: 1,
    });
    const tasks = t.core.deps.sqlite
      .prepare("SELECT customer_id, vehicle_id, status FROM followup_tasks WHERE kind = 'campaign'")
      .all();
    expect(tasks).toEqual([{ customer_id: willing.id, vehicle_id: a.id, status: 'open' }]);
    expect((await manager.client.campaigns.queueCalls({ id: imported.campaign.id })).alreadyQueued).toBe(1);
    expect(t.core.deps.sqlite.prepare("SELECT count(*) AS n FROM followup_tasks WHERE kind = 'campaign'").get()).toEqual({
      n: 1,
    });
  });
});
