import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

let t: TestCore;
let advisor: SignedIn;
let clerk: SignedIn;
let foreman: SignedIn;
let technician: SignedIn;
let ownerId: number;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  clerk = await signIn(t.core, 'parts_clerk');
  foreman = await signIn(t.core, 'foreman');
  technician = await signIn(t.core, 'technician');
  ownerId = (await makeCustomer(advisor.client)).id;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

/** An RO whose first job the customer pays and whose second the warranty pays, each with a free-text part line. */
async function roWithWarrantyJob(): Promise<{
  ro: RepairOrderDetail;
  customerJob: number;
  warrantyJob: number;
  warrantyLine: number;
  customerLine: number;
}> {
  const vehicle = await makeVehicle(advisor.client, ownerId);
  let ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['雨刮片老化'], promisedAt: null });
  ro = await advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '水泵漏水', payer: 'warranty' });
  const customerJob = ro.jobs[0]!.id;
  const warrantyJob = ro.jobs[1]!.id;
  ro = await advisor.client.repairOrders.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId: warrantyJob,
    partNumber: 'wp-06h121026',
    nameZh: '水泵总成',
    qtyMilli: 1_000,
    unitPriceFen: 68_000,
  });
  ro = await advisor.client.repairOrders.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId: customerJob,
    partNumber: 'WIPER-1',
    nameZh: '雨刮片',
    qtyMilli: 2_000,
    unitPriceFen: 9_000,
  });
  return {
    ro,
    customerJob,
    warrantyJob,
    warrantyLine: ro.jobs[1]!.partLines[0]!.id,
    customerLine: ro.jobs[0]!.partLines[0]!.id,
  };
}

describe('warranty old parts (旧件)', () => {
  it('lists an untagged warranty part line, tags it from the line and takes it off the to-do list', async () => {
    const { ro, warrantyJob, warrantyLine, customerLine } = await roWithWarrantyJob();
    const todo = await clerk.client.parts.untaggedWarrantyLinesGrid({ startRow: 0, endRow: 200 });
    const lineIds = todo.rows.map((row) => row.lineId);
    expect(lineIds).toContain(warrantyLine);
    expect(lineIds).not.toContain(customerLine);
    expect(todo.rows.find((row) => row.lineId === warrantyLine)).toMatchObject({
      roNumber: ro.number,
      partNumber: 'WP-06H121026',
      nameZh: '水泵总成',
      qtyMilli: 1_000,
      concern: '水泵漏水',
    });

    const tag = await clerk.client.parts.tagOldPart({
      repairOrderId: ro.id,
      jobId: warrantyJob,
      lineId: warrantyLine,
      location: '旧件架 A-3',
    });
    expect(tag).toMatchObject({
      tagNumber: 'JJ2026-000001',
      roNumber: ro.number,
      partNumber: 'WP-06H121026',
      nameZh: '水泵总成',
      qtyMilli: 1_000,
      status: 'held',
      location: '旧件架 A-3',
      ageDays: 0,
    });
    const after = await clerk.client.parts.untaggedWarrantyLinesGrid({ startRow: 0, endRow: 200 });
    expect(after.rows.map((row) => row.lineId)).not.toContain(warrantyLine);
    // Tagging the same line again is refused.
    await expectApiError(
      clerk.client.parts.tagOldPart({ repairOrderId: ro.id, jobId: warrantyJob, lineId: warrantyLine, location: 'X' }),
      'RULE',
      { reason: 'oldPart.alreadyTagged', field: 'lineId' },
    );
  });

  it('refuses a tag on a job the customer pays, and a typed tag without its part; nothing is written', async () => {
    const { ro, customerJob, customerLine, warrantyJob } = await roWithWarrantyJob();
    const before = countRows(t.core, 'warranty_old_parts');
    await expectApiError(
      clerk.client.parts.tagOldPart({ repairOrderId: ro.id, jobId: customerJob, lineId: customerLine, location: '旧件架 A-1' }),
      'RULE',
      { reason: 'oldPart.notWarranty', field: 'jobId' },
    );
    await expectApiError(
      clerk.client.parts.tagOldPart({ repairOrderId: ro.id, jobId: warrantyJob, location: '旧件架 A-1' }),
      'INVALID_INPUT',
      {
        field: 'partNumber',
        reason: 'required',
      },
    );
    // A line of the other job is not this job's line.
    await expectApiError(
      clerk.client.parts.tagOldPart({ repairOrderId: ro.id, jobId: warrantyJob, lineId: customerLine, location: '旧件架 A-1' }),
      'NOT_FOUND',
      { field: 'lineId' },
    );
    await expectApiError(
      technician.client.parts.tagOldPart({
        repairOrderId: ro.id,
        jobId: warrantyJob,
        partNumber: 'X1',
        nameZh: '某件',
        qtyMilli: 1_000,
        location: 'A',
      }),
      'FORBIDDEN',
    );
    expect(countRows(t.core, 'warranty_old_parts')).toBe(before);
  });

  it('holds a typed tag until the claim is settled, then returns it; disposing earlier is refused', async () => {
    // Tagged three days ago (sessions outlive a clock set back, not one moved days ahead).
    t.clock.set('2026-11-21T03:00:00.000Z');
    const { ro, warrantyJob } = await roWithWarrantyJob();
    const tag = await clerk.client.parts.tagOldPart({
      repairOrderId: ro.id,
      jobId: warrantyJob,
      partNumber: 'tp-thermostat',
      nameZh: '节温器',
      qtyMilli: 1_000,
      location: '旧件架 B-1',
      claimNumber: '',
    });
    expect(tag.status).toBe('held');

    await expectApiError(
      clerk.client.parts.disposeOldPart({ id: tag.id, version: tag.version, disposition: 'returned', note: '' }),
      'RULE',
      { reason: 'oldPart.notSettled' },
    );
    expect((await clerk.client.parts.oldPartsGrid({ startRow: 0, endRow: 50, text: tag.tagNumber })).rows[0]!.status).toBe(
      'held',
    );

    // Three days on the shelf.
    t.clock.set(FIXED_NOW);
    const settled = await clerk.client.parts.settleOldPartClaim({
      id: tag.id,
      version: tag.version,
      claimNumber: 'WC-2026-0815',
    });
    expect(settled).toMatchObject({ status: 'claim_settled', claimNumber: 'WC-2026-0815', ageDays: 3 });
    await expectApiError(
      clerk.client.parts.settleOldPartClaim({ id: tag.id, version: settled.version, claimNumber: 'X' }),
      'RULE',
      {
        reason: 'oldPart.notHeld',
      },
    );
    // Still on the shelf until it is gone: the foreman sees it among what is held.
    const held = await foreman.client.parts.oldPartsGrid({ startRow: 0, endRow: 200, view: 'stillHeld' });
    expect(held.rows.map((row) => row.tagNumber)).toContain(tag.tagNumber);
    await expectApiError(
      clerk.client.parts.disposeOldPart({ id: tag.id, version: tag.version, disposition: 'returned', note: '' }),
      'CONFLICT',
      { reason: 'staleVersion' },
    );

    const returned = await clerk.client.parts.disposeOldPart({
      id: tag.id,
      version: settled.version,
      disposition: 'returned',
      note: '顺丰 SF123',
    });
    expect(returned).toMatchObject({ status: 'returned', note: '顺丰 SF123' });
    const stillHeld = await advisor.client.parts.oldPartsGrid({ startRow: 0, endRow: 200 });
    expect(stillHeld.rows.map((row) => row.tagNumber)).not.toContain(tag.tagNumber);
    const gone = await advisor.client.parts.oldPartsGrid({ startRow: 0, endRow: 50, view: 'returned', text: ro.number });
    expect(gone.rows.map((row) => row.tagNumber)).toEqual([tag.tagNumber]);
    await expectApiError(
      advisor.client.parts.disposeOldPart({ id: tag.id, version: returned.version, disposition: 'scrapped', note: '' }),
      'FORBIDDEN',
    );
  });

  it('finds held parts by plate and claim number, oldest first', async () => {
    const first = await roWithWarrantyJob();
    const second = await roWithWarrantyJob();
    t.clock.set('2026-11-23T02:00:00.000Z');
    const a = await clerk.client.parts.tagOldPart({
      repairOrderId: first.ro.id,
      jobId: first.warrantyJob,
      lineId: first.warrantyLine,
      location: 'C-1',
      claimNumber: 'CLM-777',
    });
    t.clock.set(FIXED_NOW);
    const b = await clerk.client.parts.tagOldPart({
      repairOrderId: second.ro.id,
      jobId: second.warrantyJob,
      lineId: second.warrantyLine,
      location: 'C-2',
    });
    expect(
      (await clerk.client.parts.oldPartsGrid({ startRow: 0, endRow: 50, text: 'CLM-777' })).rows.map((row) => row.id),
    ).toEqual([a.id]);
    const plate = (await clerk.client.parts.oldPartsGrid({ startRow: 0, endRow: 50, text: b.plate })).rows;
    expect(plate.map((row) => row.id)).toEqual([b.id]);
    const all = (await clerk.client.parts.oldPartsGrid({ startRow: 0, endRow: 200 })).rows.map((row) => row.id);
    expect(all.indexOf(a.id)).toBeLessThan(all.indexOf(b.id));
  });
});
