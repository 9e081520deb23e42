import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/core/api';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * Issue 14 item 5: the discount limit by the side door. An advisor may give at most 10% off, but could type a
 * free-text labor line at ¥0.01/h or ¥0/h. A free-text labor line below the lowest rate of the catalogue is a discount
 * under the same limit (refused to an advisor beyond it, as a discount is: RULE discount.needsManager); a catalogue
 * line's own discount keeps its limit; the manager may do either.
 */
let t: TestCore;
let server: RunningServer;
let advisor: SignedIn;
let manager: SignedIn;
let vehicleId: number;
let operationId: number;

/** The lowest catalogue rate: ¥180.00/h (another operation is dearer). */
const FLOOR_FEN = 18_000;

function overHttp(who: SignedIn): RouterClient<Router> {
  return createORPCClient(new RPCLink({ url: `${server.url}/rpc`, headers: () => ({ authorization: `Bearer ${who.token}` }) }));
}

function translated(reason: string): void {
  for (const catalogue of [en, zhCN] as const) {
    const message = reason
      .split('.')
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[key],
        (catalogue as { reasons: unknown }).reasons,
      );
    expect(typeof message === 'string' && message.length > 0, `reasons.${reason}`).toBe(true);
  }
}

async function newRo(): Promise<RepairOrderDetail> {
  return overHttp(advisor).repairOrders.create({ vehicleId, concerns: ['刹车异响'] });
}

function freeLine(
  ro: RepairOrderDetail,
  laborRateFen: number,
  discount: { discountBp: number; discountReason: string } = { discountBp: 0, discountReason: '' },
) {
  return {
    id: ro.id,
    version: ro.version,
    jobId: ro.jobs[0]!.id,
    nameZh: '检查制动系统',
    hoursMilli: 1000,
    laborRateFen,
    ...discount,
  };
}

beforeAll(async () => {
  t = await openTestCore();
  server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  const owner = await makeCustomer(advisor.client);
  vehicleId = (await makeVehicle(advisor.client, owner.id)).id;
  const common = { concernGroup: 'brakes' as const, hoursMilli: 1000 };
  operationId = (
    await manager.client.catalog.createLabor({
      code: 'BRK-CHK',
      nameZh: '制动检查',
      nameEn: 'Brake check',
      laborRateFen: 22_000,
      ...common,
    })
  ).id;
  await manager.client.catalog.createLabor({
    code: 'BRK-PAD',
    nameZh: '更换刹车片',
    nameEn: 'Brake pads',
    laborRateFen: FLOOR_FEN,
    ...common,
  });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('a price below the floor is a discount (over HTTP, as an advisor)', () => {
  it('a free-text labor line at ¥0.01/h or ¥0/h is refused with the discount rule, nothing written', async () => {
    const ro = await newRo();
    const lines = countRows(t.core, 'repair_order_lines');
    for (const rate of [1, 0]) {
      const error = await expectApiError(overHttp(advisor).repairOrders.addLaborLine(freeLine(ro, rate)), 'RULE', {
        field: 'laborRateFen',
        reason: 'discount.needsManager',
        params: { limit: 10 },
      });
      translated(error.issues[0]!.reason);
    }
    expect(countRows(t.core, 'repair_order_lines')).toBe(lines);
    expect((await advisor.client.repairOrders.get({ id: ro.id })).version).toBe(ro.version);
  });

  it('10% below the lowest catalogue rate is accepted, below that refused; a typed rate and a discount add up', async () => {
    let ro = await newRo();
    await expectApiError(overHttp(advisor).repairOrders.addLaborLine(freeLine(ro, FLOOR_FEN * 0.9 - 100)), 'RULE', {
      reason: 'discount.needsManager',
    });
    // ¥162/h is 10% below ¥180/h, and 5% off it more on top: 14.5% in all.
    await expectApiError(
      overHttp(advisor).repairOrders.addLaborLine(freeLine(ro, FLOOR_FEN * 0.9, { discountBp: 500, discountReason: '老客户' })),
      'RULE',
      { reason: 'discount.needsManager' },
    );
    ro = await overHttp(advisor).repairOrders.addLaborLine(freeLine(ro, FLOOR_FEN * 0.9));
    // Above the floor the typed rate is the advisor's to choose, with the usual 10%.
    ro = await overHttp(advisor).repairOrders.addLaborLine(freeLine(ro, 30_000, { discountBp: 1000, discountReason: '老客户' }));
    expect(ro.jobs[0]!.laborLines.map((l) => l.unitPriceFen)).toEqual([FLOOR_FEN * 0.9, 30_000]);
  });

  it('a catalogue line: more than 10% off refused, 10% accepted', async () => {
    let ro = await newRo();
    const base = { id: ro.id, version: ro.version, jobId: ro.jobs[0]!.id, operationId };
    await expectApiError(
      overHttp(advisor).repairOrders.addLaborLine({ ...base, discountBp: 1500, discountReason: '老客户' }),
      'RULE',
      {
        field: 'discountBp',
        reason: 'discount.needsManager',
      },
    );
    ro = await overHttp(advisor).repairOrders.addLaborLine({ ...base, discountBp: 1000, discountReason: '老客户' });
    expect(ro.jobs[0]!.laborLines).toHaveLength(1);
  });

  it('the manager may give it: a free-text line at ¥0/h and a catalogue line 50% off', async () => {
    let ro = await newRo();
    ro = await overHttp(manager).repairOrders.addLaborLine(freeLine(ro, 0));
    ro = await overHttp(manager).repairOrders.addLaborLine({
      id: ro.id,
      version: ro.version,
      jobId: ro.jobs[0]!.id,
      operationId,
      discountBp: 5000,
      discountReason: '质量返修',
    });
    expect(ro.jobs[0]!.laborLines.map((l) => l.totalFen)).toEqual([0, 11_000]);
  });
});
