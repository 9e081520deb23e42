import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntity, AuditEntryDto } from '../../shared/contract/audit';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { signIn, type SignedIn } from '../fixtures/users';
import { preparePriceFile } from '../fixtures/price-files';

// FIXED_NOW is 2026-11-24T02:00Z (10:00 in Beijing). Prices include 13% VAT (the default); the discount limit is 10%.
let t: TestCore;
let admin: SignedIn;
let advisor: SignedIn;
let manager: SignedIn;
let foreman: SignedIn;
let technician: SignedIn;
let partsClerk: SignedIn;
let ownerId: number;
beforeAll(async () => {
  t = await openTestCore();
  admin = await signIn(t.core, 'admin');
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  foreman = await signIn(t.core, 'foreman');
  technician = await signIn(t.core, 'technician');
  partsClerk = await signIn(t.core, 'parts_clerk');
  ownerId = (await makeCustomer(advisor.client)).id;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

/** An RO with one labor line: 1 h × ¥200.00 (更换前刹车片). */
async function roWithLine(): Promise<{ ro: RepairOrderDetail; lineId: number }> {
  const vehicle = await makeVehicle(advisor.client, ownerId);
  let ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['刹车异响'] });
  ro = await advisor.client.repairOrders.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId: ro.jobs[0]!.id,
    code: 'BRK-01',
    nameZh: '更换前刹车片',
    hoursMilli: 1000,
    laborRateFen: 20_000,
  });
  return { ro, lineId: ro.jobs[0]!.laborLines[0]!.id };
}

async function trailOf(repairOrderId: number): Promise<AuditEntryDto[]> {
  return (await manager.client.audit.ofRepairOrder({ repairOrderId, limit: 200 })).rows;
}

/** The newest entries about one kind of thing, newest first. */
async function latest(entity: AuditEntity, limit: number): Promise<AuditEntryDto[]> {
  return (await manager.client.audit.list({ entity, limit })).rows;
}

describe('repair orders', () => {
  it('records the creation and each line with who, when and the price', async () => {
    const { ro } = await roWithLine();
    const trail = await trailOf(ro.id);
    expect(trail.map((e) => e.action)).toEqual(['ro.line.added', 'ro.created']);
    expect(trail[1]).toMatchObject({
      at: FIXED_NOW,
      user: { id: advisor.session.user.id, displayName: advisor.session.user.displayName },
      role: 'advisor',
      entity: 'repair_order',
      entityId: ro.id,
      repairOrderId: ro.id,
      details: { label: ro.number },
    });
    expect(trail[0]!.details).toMatchObject({
      label: '更换前刹车片',
      values: { kind: 'labor', code: 'BRK-01', qtyMilli: 1000, unitPriceFen: 20_000, discountBp: 0, totalFen: 20_000 },
    });
  });

  it('records a discount as one price change with the total before and after', async () => {
    const { ro, lineId } = await roWithLine();
    t.clock.set('2026-11-24T02:03:00.000Z');
    await advisor.client.repairOrders.setLineDiscount({
      id: ro.id,
      version: ro.version,
      lineId,
      discountBp: 1000,
      discountReason: '老客户',
    });
    const trail = await trailOf(ro.id);
    expect(trail).toHaveLength(3);
    expect(trail[0]).toMatchObject({
      at: '2026-11-24T02:03:00.000Z',
      user: { id: advisor.session.user.id },
      role: 'advisor',
      action: 'ro.line.priceChanged',
      details: {
        label: '更换前刹车片',
        values: { lineId, reason: '老客户' },
        changes: { discountBp: { from: 0, to: 1000 }, totalFen: { from: 20_000, to: 18_000 } },
      },
    });
  });

  it('writes nothing for a refused discount (stale version, over the limit, bad input)', async () => {
    const { ro, lineId } = await roWithLine();
    const before = countRows(t.core, 'audit_log');
    await expectApiError(
      advisor.client.repairOrders.setLineDiscount({
        id: ro.id,
        version: ro.version - 1,
        lineId,
        discountBp: 500,
        discountReason: 'x',
      }),
      'CONFLICT',
      { reason: 'staleVersion' },
    );
    await expectApiError(
      advisor.client.repairOrders.setLineDiscount({
        id: ro.id,
        version: ro.version,
        lineId,
        discountBp: 3000,
        discountReason: 'x',
      }),
      'RULE',
      { reason: 'discount.needsManager' },
    );
    await expectApiError(
      advisor.client.repairOrders.setLineDiscount({
        id: ro.id,
        version: ro.version,
        lineId,
        discountBp: 20_000,
        discountReason: 'x',
      }),
      'INVALID_INPUT',
    );
    expect(countRows(t.core, 'audit_log')).toBe(before);
    expect(await trailOf(ro.id)).toHaveLength(2);
  });

  it('records a removed line and a status change', async () => {
    const { ro, lineId } = await roWithLine();
    const next = await advisor.client.repairOrders.removeLine({ id: ro.id, version: ro.version, lineId });
    await advisor.client.repairOrders.transition({ id: next.id, version: next.version, to: 'cancelled', note: '客户取消' });
    const [status, removed] = await trailOf(ro.id);
    expect(removed).toMatchObject({
      action: 'ro.line.removed',
      user: { id: advisor.session.user.id },
      details: { label: '更换前刹车片', values: { totalFen: 20_000 } },
    });
    expect(status).toMatchObject({
      action: 'ro.statusChanged',
      details: { changes: { status: { from: 'open', to: 'cancelled' } } },
    });
  });
});

describe('jobs and the promised time', () => {
  it('records who moved a job to another payer and the promised time; findings text stays out', async () => {
    const { ro } = await roWithLine();
    const jobId = ro.jobs[0]!.id;
    let next = await advisor.client.repairOrders.updateJob({
      id: ro.id,
      version: ro.version,
      jobId,
      payer: 'warranty',
      cause: '刹车片磨损',
    });
    next = await advisor.client.repairOrders.updateJob({ id: next.id, version: next.version, jobId, correction: '更换' });
    await advisor.client.repairOrders.setPromisedTime({
      id: next.id,
      version: next.version,
      promisedAt: '2026-11-24T09:00:00.000Z',
    });
    const [promised, changed] = await trailOf(ro.id);
    expect(changed).toMatchObject({
      action: 'ro.job.changed',
      details: { label: '刹车异响', changes: { payer: { from: 'customer', to: 'warranty' } } },
    });
    expect(Object.keys(changed!.details.changes!)).toEqual(['payer']);
    expect(promised).toMatchObject({
      action: 'ro.promisedTimeChanged',
      details: { changes: { promisedAt: { from: null, to: '2026-11-24T09:00:00.000Z' } } },
    });
    // The second updateJob changed only findings text: no entry for it.
    expect((await trailOf(ro.id)).filter((e) => e.action === 'ro.job.changed')).toHaveLength(1);
  });
});

describe('payments and clockings', () => {
  it('puts the clockings and the payment on the RO trail; a refused payment writes nothing', async () => {
    const { ro: opened } = await roWithLine();
    const jobId = opened.jobs[0]!.id;
    let ro = await advisor.client.repairOrders.authorise({
      id: opened.id,
      version: opened.version,
      customerName: '张伟',
      channel: 'phone',
      decisions: [{ jobId, decision: 'approved' }],
    });
    await foreman.client.workshop.assign({ jobId, technicianId: technician.session.user.id, overrideSkills: true });
    ro = await advisor.client.repairOrders.get({ id: ro.id });
    ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
    await technician.client.workshop.clockOn({ jobId });
    t.clock.set('2026-11-24T03:00:00.000Z');
    await technician.client.workshop.clockOff({ jobId, finished: true });
    ro = await advisor.client.repairOrders.get({ id: ro.id });
    ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'qc' });
    await passQualityCheck(foreman, ro.id);
    ro = await advisor.client.repairOrders.get({ id: ro.id });
    ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'ready' });

    const before = countRows(t.core, 'audit_log');
    await expectApiError(
      advisor.client.repairOrders.recordPayment({ id: ro.id, version: ro.version, method: 'cash', amountFen: 20_001 }),
      'RULE',
      { reason: 'payment.tooMuch' },
    );
    expect(countRows(t.core, 'audit_log')).toBe(before);
    await advisor.client.repairOrders.recordPayment({ id: ro.id, version: ro.version, method: 'wechat', amountFen: 15_000 });
    expect(countRows(t.core, 'audit_log')).toBe(before + 1);

    const trail = await trailOf(ro.id);
    expect(trail[0]).toMatchObject({
      action: 'ro.payment.recorded',
      entity: 'payment',
      repairOrderId: ro.id,
      user: { id: advisor.session.user.id },
      details: { label: ro.number, values: { method: 'wechat', amountFen: 15_000, balanceFen: 5_000 } },
    });
    const started = trail.find((e) => e.action === 'clocking.started');
    const stopped = trail.find((e) => e.action === 'clocking.stopped');
    expect(started).toMatchObject({
      entity: 'clocking',
      at: FIXED_NOW,
      user: { id: technician.session.user.id },
      role: 'technician',
    });
    expect(stopped).toMatchObject({
      entityId: started!.entityId,
      at: '2026-11-24T03:00:00.000Z',
      details: { label: '刹车异响', values: { startedAt: FIXED_NOW, endedAt: '2026-11-24T03:00:00.000Z' } },
    });
    expect(trail.filter((e) => e.action === 'clocking.started')).toHaveLength(1);
  });
});

describe('catalogue and parts prices', () => {
  it('records a labor rate change with before and after; a stale save writes nothing', async () => {
    const op = await manager.client.catalog.createLabor({
      code: 'AUD-01',
      nameZh: '更换机油',
      nameEn: 'Oil change',
      concernGroup: 'maintenance',
      hoursMilli: 500,
      laborRateFen: 20_000,
    });
    const before = countRows(t.core, 'audit_log');
    const fields = {
      code: op.code,
      nameZh: op.nameZh,
      nameEn: op.nameEn,
      concernGroup: op.concernGroup,
      hoursMilli: op.hoursMilli,
    };
    await manager.client.catalog.updateLabor({ ...fields, id: op.id, version: op.version, laborRateFen: 22_000 });
    await expectApiError(
      manager.client.catalog.updateLabor({ ...fields, id: op.id, version: op.version, laborRateFen: 30_000 }),
      'CONFLICT',
    );
    expect(countRows(t.core, 'audit_log')).toBe(before + 1);
    const [changed, created] = await latest('labor_operation', 2);
    expect(changed).toMatchObject({
      action: 'labor.changed',
      entity: 'labor_operation',
      entityId: op.id,
      repairOrderId: null,
      user: { id: manager.session.user.id },
      details: { label: '更换机油', changes: { laborRateFen: { from: 20_000, to: 22_000 } } },
    });
    expect(Object.keys(changed!.details.changes!)).toEqual(['laborRateFen']);
    expect(created).toMatchObject({ action: 'labor.created', entityId: op.id });
  });

  it("records a part's list price change", async () => {
    const part = await partsClerk.client.parts.create({
      partNumber: 'AUD-P-01',
      nameZh: '机油滤清器',
      unit: 'piece',
      listPriceFen: 8_000,
      costFen: 5_000,
      defaultBin: 'A-01-01',
      minQtyMilli: 0,
      maxQtyMilli: 0,
    });
    await partsClerk.client.parts.update({
      id: part.id,
      version: part.version,
      partNumber: part.partNumber,
      nameZh: part.nameZh,
      nameEn: part.nameEn,
      brand: part.brand,
      unit: 'piece',
      listPriceFen: 9_500,
      costFen: 5_000,
      taxClass: 'standard',
      defaultBin: 'A-01-01',
      minQtyMilli: 0,
      maxQtyMilli: 0,
      active: true,
    });
    const [changed] = await latest('part', 1);
    expect(changed).toMatchObject({
      action: 'part.changed',
      entity: 'part',
      entityId: part.id,
      role: 'parts_clerk',
      details: { label: part.partNumber, changes: { listPriceFen: { from: 8_000, to: 9_500 } } },
    });
    expect(Object.keys(changed!.details.changes!)).toEqual(['listPriceFen']);
  });
});

describe('the price import', () => {
  it('writes one summary entry for a committed file, none for a check', async () => {
    const csv = [
      '零件号,名称,零售价',
      'AUD-IMP-1,滤清器一,10.00',
      'AUD-IMP-2,滤清器二,20.00',
      'AUD-IMP-3,滤清器三,30.00',
      '',
    ].join('\r\n');
    const prepared = await preparePriceFile(t.core, partsClerk, '价格.csv', csv);
    const run = async (commit: boolean) => {
      const input = { importId: prepared.importId, mapping: prepared.suggestedMapping, onErrors: 'stop' as const, commit };
      for await (const event of await partsClerk.client.parts.importRun(input)) void event;
    };
    const before = countRows(t.core, 'audit_log');
    await run(false);
    expect(countRows(t.core, 'audit_log')).toBe(before);
    await run(true);
    expect(countRows(t.core, 'audit_log')).toBe(before + 1);
    const [imported] = await latest('price_import', 1);
    expect(imported).toMatchObject({
      action: 'part.priceImported',
      entityId: prepared.importId,
      role: 'parts_clerk',
      details: { label: '价格.csv', values: { lines: 3, added: 3, changedPrice: 0, rejected: 0 } },
    });
  });
});

describe('complaints and users', () => {
  it('records a complaint created and advanced', async () => {
    const complaint = await advisor.client.complaints.create({
      source: 'phone',
      customerId: ownerId,
      againstDepartment: 'workshop',
      customerSays: '等太久',
    });
    await manager.client.complaints.advance({
      id: complaint.id,
      version: complaint.version,
      step: 'validity',
      valid: true,
      reason: '属实',
    });
    const [advanced, created] = await latest('complaint', 2);
    expect(created).toMatchObject({
      action: 'complaint.created',
      entity: 'complaint',
      entityId: complaint.id,
      details: { label: complaint.number },
    });
    expect(advanced).toMatchObject({
      action: 'complaint.advanced',
      user: { id: manager.session.user.id },
      details: { label: complaint.number, values: { step: 'validity', valid: true } },
    });
    // Free text (what the customer said, the reasons) stays out of the trail: it could never be anonymised there.
    expect(JSON.stringify(created!.details) + JSON.stringify(advanced!.details)).not.toMatch(/等太久|属实/);
  });

  it('records a user created by the admin; a refused create writes nothing', async () => {
    await admin.client.users.create({
      username: 'audit-user',
      displayName: '王芳',
      password: 'a long password 1',
      role: 'csi_agent',
    });
    const before = countRows(t.core, 'audit_log');
    await expectApiError(
      admin.client.users.create({
        username: 'audit-user',
        displayName: '王芳',
        password: 'a long password 1',
        role: 'csi_agent',
      }),
      'CONFLICT',
    );
    expect(countRows(t.core, 'audit_log')).toBe(before);
    const [created] = await latest('user', 1);
    expect(created).toMatchObject({
      action: 'user.created',
      entity: 'user',
      user: { id: admin.session.user.id },
      role: 'admin',
      details: { label: 'audit-user', values: { displayName: '王芳', role: 'csi_agent' } },
    });
    expect(JSON.stringify(created)).not.toContain('a long password 1');
  });
});

describe('the trail itself', () => {
  it('cannot be changed or deleted, even with SQL on the app connection', async () => {
    const before = countRows(t.core, 'audit_log');
    expect(before).toBeGreaterThan(0);
    expect(() => t.core.deps.sqlite.prepare("UPDATE audit_log SET action = 'forged'").run()).toThrow(/append-only/);
    expect(() => t.core.deps.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(countRows(t.core, 'audit_log')).toBe(before);
    expect(t.core.deps.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'forged'").get()).toEqual({ n: 0 });
  });

  it("reads an RO's trail and a person's entries through their indexes", () => {
    const plan = (sql: string) => JSON.stringify(t.core.deps.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all());
    expect(plan('SELECT * FROM audit_log WHERE repair_order_id = 1 ORDER BY at DESC, id DESC LIMIT 21')).toContain(
      'audit_log_repair_order',
    );
    expect(plan('SELECT * FROM audit_log WHERE user_id = 1 ORDER BY at DESC, id DESC LIMIT 51')).toContain('audit_log_user');
    expect(plan("SELECT * FROM audit_log WHERE entity = 'part' AND entity_id = 1 ORDER BY at DESC")).toContain(
      'audit_log_entity',
    );
  });

  it('is read by managers only', async () => {
    for (const who of [advisor, foreman, technician, partsClerk, admin]) {
      await expectApiError(who.client.audit.ofRepairOrder({ repairOrderId: 1 }), 'FORBIDDEN', { reason: 'role.forbidden' });
      await expectApiError(who.client.audit.list({}), 'FORBIDDEN', { reason: 'role.forbidden' });
    }
  });

  it('filters by kind, person and desk day, and pages', async () => {
    const byKind = await manager.client.audit.list({ entity: 'labor_operation', limit: 50 });
    expect(byKind.rows.length).toBeGreaterThan(0);
    expect(byKind.rows.every((e) => e.entity === 'labor_operation')).toBe(true);
    const byPerson = await manager.client.audit.list({ userId: technician.session.user.id, limit: 50 });
    expect(byPerson.rows.map((e) => e.action).sort()).toEqual(['clocking.started', 'clocking.stopped']);
    // 2026-11-24 in Beijing is 2026-11-23T16:00Z to 2026-11-24T16:00Z: every entry so far; the day after holds none.
    const total = countRows(t.core, 'audit_log');
    expect((await manager.client.audit.list({ from: '2026-11-24', to: '2026-11-24', limit: 200 })).rows).toHaveLength(total);
    expect((await manager.client.audit.list({ from: '2026-11-25', limit: 200 })).rows).toHaveLength(0);
    const first = await manager.client.audit.list({ limit: 2 });
    const second = await manager.client.audit.list({ limit: 2, offset: 2 });
    expect(first.hasMore).toBe(true);
    expect(second.rows[0]!.id).not.toBe(first.rows[1]!.id);
    await expectApiError(manager.client.audit.list({ from: '2026-11-25', to: '2026-11-24' }), 'INVALID_INPUT');
    await expectApiError(manager.client.audit.list({ entity: 'nonsense' as never }), 'INVALID_INPUT');
  });
});
