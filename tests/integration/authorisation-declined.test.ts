import { describe, expect, it } from 'vitest';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { openDeclinedWork } from '../../electron/core/repair-orders/authorisation/declined-work-repository';
import { writeSetting } from '../../electron/core/settings/repository';
import { PRICING_KEYS } from '../../electron/core/settings/service';
import { expectApiError } from '../fixtures/errors';
import { MINUTE, t, advisor, technician, csi, counts, twoJobRo, inPerson, useAuthorisationCore } from '../fixtures/authorisation';

// Declined work at the next visit, roles, and the declined-work query plan. repairOrders.authorise and starting work
// are in authorisation-authorise.test.ts; the shared core is tests/fixtures/authorisation.ts.

useAuthorisationCore();

describe('declined work at the next visit', () => {
  it('is offered on the vehicle’s next RO, added as a pending job with its lines priced again, and then no longer offered', async () => {
    const first = await twoJobRo();
    const [brakes, ac] = first.jobs;
    await advisor.client.repairOrders.authorise(
      inPerson(first, [
        { jobId: brakes!.id, decision: 'declined' },
        { jobId: ac!.id, decision: 'approved' },
      ]),
    );
    // Another car's declined work is never offered here.
    const elsewhere = await twoJobRo();
    await advisor.client.repairOrders.authorise(inPerson(elsewhere, [{ jobId: elsewhere.jobs[0]!.id, decision: 'declined' }]));

    t.clock.advance(60 * MINUTE);
    let next = await advisor.client.repairOrders.create({ vehicleId: first.vehicle.id, concerns: ['保养'] });
    const offered = await advisor.client.repairOrders.declinedWork({ vehicleId: first.vehicle.id });
    expect(
      offered.rows.map((item) => [item.concern, item.concernGroup, item.payer, item.totalFen, item.repairOrder.number]),
    ).toEqual([['刹车异响', 'brakes', 'customer', 67_800, first.number]]);
    const item = offered.rows[0]!;
    const otherItem = (await advisor.client.repairOrders.declinedWork({ vehicleId: elsewhere.vehicle.id })).rows[0]!;
    const before = counts();
    await expectApiError(
      advisor.client.repairOrders.addDeclinedWork({ id: next.id, version: next.version, declinedWorkId: otherItem.id }),
      'RULE',
      { field: 'declinedWorkId', reason: 'declinedWork.otherVehicle' },
    );
    await expectApiError(
      advisor.client.repairOrders.addDeclinedWork({ id: next.id, version: next.version, declinedWorkId: 999_999 }),
      'NOT_FOUND',
      { field: 'declinedWorkId' },
    );
    expect(counts()).toEqual(before);

    // Prices now exclude VAT: the same unit prices and discounts, priced again with today's setting.
    await writeSetting(t.core.deps.db, PRICING_KEYS.pricesIncludeTax, 'false');
    try {
      next = await advisor.client.repairOrders.addDeclinedWork({ id: next.id, version: next.version, declinedWorkId: item.id });
    } finally {
      await writeSetting(t.core.deps.db, PRICING_KEYS.pricesIncludeTax, 'true');
    }
    const added = next.jobs[1]!;
    expect(added).toMatchObject({ concern: '刹车异响', concernGroup: 'brakes', payer: 'customer', authorization: 'pending' });
    const copy = (lines: RepairOrderDetail['jobs'][number]['laborLines']) =>
      lines.map((line) => [
        line.kind,
        line.code,
        line.nameZh,
        line.qtyMilli,
        line.unitPriceFen,
        line.discountBp,
        line.discountReason,
      ]);
    expect(copy([...added.laborLines, ...added.partLines])).toEqual(copy([...brakes!.laborLines, ...brakes!.partLines]));
    // Labor 33000 - 3300 = 29700 + 13% = 3861 -> 33561; pads 38100 + 4953 = 43053.
    expect(
      [...added.laborLines, ...added.partLines].map((line) => [line.taxIncluded, line.netFen, line.taxFen, line.totalFen]),
    ).toEqual([
      [false, 29_700, 3_861, 33_561],
      [false, 38_100, 4_953, 43_053],
    ]);
    expect(next.totals.all.totalFen).toBe(76_614);
    expect((await advisor.client.repairOrders.declinedWork({ vehicleId: first.vehicle.id })).rows).toEqual([]);
    const again = await expectApiError(
      advisor.client.repairOrders.addDeclinedWork({ id: next.id, version: next.version, declinedWorkId: item.id }),
      'RULE',
      { field: 'declinedWorkId', reason: 'declinedWork.taken' },
    );
    expect(again.issues).toHaveLength(1);
    const taken = t.core.deps.sqlite
      .prepare('SELECT status, taken_job_id, taken_by FROM declined_work WHERE id = ?')
      .get(item.id);
    expect(taken).toEqual({ status: 'taken', taken_job_id: added.id, taken_by: advisor.session.user.id });

    // Taken back off the RO while it is still open: the item is offered again.
    next = await advisor.client.repairOrders.removeJob({ id: next.id, version: next.version, jobId: added.id });
    expect((await advisor.client.repairOrders.declinedWork({ vehicleId: first.vehicle.id })).rows.map((row) => row.id)).toEqual([
      item.id,
    ]);
  });

  it('is dismissed with a reason (done elsewhere) and then no longer offered', async () => {
    const ro = await twoJobRo();
    await advisor.client.repairOrders.authorise(inPerson(ro, [{ jobId: ro.jobs[1]!.id, decision: 'declined' }]));
    const [item] = (await advisor.client.repairOrders.declinedWork({ vehicleId: ro.vehicle.id })).rows;
    await expectApiError(
      advisor.client.repairOrders.dismissDeclinedWork({ declinedWorkId: item!.id, reason: ' ' }),
      'INVALID_INPUT',
      {
        field: 'reason',
        reason: 'required',
      },
    );
    const dismissed = await advisor.client.repairOrders.dismissDeclinedWork({ declinedWorkId: item!.id, reason: '已在外面修好' });
    expect(dismissed).toMatchObject({ id: item!.id, status: 'dismissed', dismissedReason: '已在外面修好' });
    expect((await advisor.client.repairOrders.declinedWork({ vehicleId: ro.vehicle.id })).rows).toEqual([]);
    await expectApiError(advisor.client.repairOrders.dismissDeclinedWork({ declinedWorkId: item!.id, reason: 'x' }), 'RULE', {
      reason: 'declinedWork.dismissed',
    });
  });
});

describe('roles', () => {
  it('the workshop and the call desk read; only advisors and managers write; nothing is written by a refused call', async () => {
    const ro = await twoJobRo();
    await advisor.client.repairOrders.authorise(inPerson(ro, [{ jobId: ro.jobs[1]!.id, decision: 'declined' }]));
    const fresh = await advisor.client.repairOrders.get({ id: ro.id });
    const [item] = (await advisor.client.repairOrders.declinedWork({ vehicleId: ro.vehicle.id })).rows;
    const before = counts();
    for (const who of [technician, csi]) {
      await expectApiError(
        who.client.repairOrders.authorise(inPerson(fresh, [{ jobId: ro.jobs[0]!.id, decision: 'approved' }])),
        'FORBIDDEN',
      );
      await expectApiError(
        who.client.repairOrders.addDeclinedWork({ id: fresh.id, version: fresh.version, declinedWorkId: item!.id }),
        'FORBIDDEN',
      );
      await expectApiError(who.client.repairOrders.dismissDeclinedWork({ declinedWorkId: item!.id, reason: 'x' }), 'FORBIDDEN');
      expect(await who.client.repairOrders.authorisations({ id: ro.id })).toHaveLength(1);
      expect((await who.client.repairOrders.declinedWork({ vehicleId: ro.vehicle.id })).rows).toHaveLength(1);
    }
    expect(counts()).toEqual(before);
    await expectApiError(advisor.client.repairOrders.authorisations({ id: 999_999 }), 'NOT_FOUND');
    await expectApiError(advisor.client.repairOrders.declinedWork({ vehicleId: 999_999 }), 'NOT_FOUND');
  });
});

describe('declined work: query plan', () => {
  it('a vehicle’s open declined work is read through the (vehicle_id, status, declined_at) index, without sorting', () => {
    const compiled = openDeclinedWork(t.core.deps.db, 1, { offset: 0, limit: 20 }).compile();
    const details = (
      t.core.deps.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as {
        detail: string;
      }[]
    ).map((row) => row.detail);
    expect(details.join('\n')).toMatch(/SEARCH d USING INDEX declined_work_vehicle \(vehicle_id=\? AND status=\?\)/);
    expect(details.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
