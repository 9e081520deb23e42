import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PersonalDataExport } from '../../shared/contract/privacy';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { FIXED_NOW, countRows, openTestCore, type TestCore } from '../fixtures/core';
import { answersByPosition } from '../fixtures/delivered';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { beijing, openRo } from '../fixtures/repair-orders';
import { signIn, type SignedIn } from '../fixtures/users';

let t: TestCore;
let advisor: SignedIn;
let agent: SignedIn;
let manager: SignedIn;
let foreman: SignedIn;
let technician: SignedIn;
let clerk: SignedIn;

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  agent = await signIn(t.core, 'csi_agent');
  manager = await signIn(t.core, 'manager');
  foreman = await signIn(t.core, 'foreman');
  technician = await signIn(t.core, 'technician');
  clerk = await signIn(t.core, 'parts_clerk');
});

afterAll(async () => {
  await t.close();
});

beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

const SATISFIED = { 1: 9, 3: 9, 5: 9, 6: 9, 8: 9, 9: 9, 10: true } as const;

/** The rows of one customer in a table, straight from the file. */
function rowsOf(table: string, customerId: number): Record<string, unknown>[] {
  if (!/^[a-z_]+$/.test(table)) throw new Error(table);
  return t.core.deps.sqlite.prepare(`SELECT * FROM ${table} WHERE customer_id = ? ORDER BY id`).all(customerId) as Record<
    string,
    unknown
  >[];
}

function decode(file: PersonalDataExport): Record<string, never> {
  return JSON.parse(Buffer.from(file.dataBase64, 'base64').toString('utf8')) as Record<string, never>;
}

/**
 * A consenting customer with a car, a note, an RO delivered on 2026-11-10 and paid in full (closed), a survey whose
 * verbatim names them, and a complaint that quotes their name and phone.
 */
async function customerWithHistory() {
  const customer = await makeCustomer(advisor.client, {
    consentToContact: true,
    email: 'wang@example.cn',
    address: '北京市朝阳区望京街 8 号',
  });
  const phone = customer.phones[0]!.number;
  const vehicle = await makeVehicle(advisor.client, customer.id);
  await advisor.client.customers.addNote({ customerId: customer.id, body: '喜欢周末来店' });
  // deliveredRo's steps, with a priced labor line so the RO has money on it.
  let ro: RepairOrderDetail = await openRo({
    advisor,
    inspector: foreman,
    dispatch: { by: foreman, technician },
    clock: t.clock,
    vehicleId: vehicle.id,
    openDay: '2026-11-10',
    group: 'maintenance',
    concern: '保养',
  });
  const c = advisor.client.repairOrders;
  ro = await c.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId: ro.jobs[0]!.id,
    code: 'MAINT1',
    nameZh: '保养工时',
    hoursMilli: 1000,
    laborRateFen: 20_000,
  });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  await passQualityCheck(foreman, ro.id);
  ro = await c.get({ id: ro.id });
  for (const to of ['qc', 'ready'] as const) ro = await c.transition({ id: ro.id, version: ro.version, to });
  t.clock.set(beijing('2026-11-10', '17:00'));
  ro = await c.deliver({ id: ro.id, version: ro.version, explanation: '已说明', collectedBy: '车主' });
  const settlement = await c.settlement({ id: ro.id });
  ro = await c.recordPayment({ id: ro.id, version: ro.version, method: 'cash', amountFen: settlement.balanceFen });
  expect(ro.status).toBe('closed');
  t.clock.set(beijing('2026-11-12', '10:00'));
  const template = await agent.client.followup.surveyTemplate();
  await agent.client.followup.recordSurvey({
    repairOrderId: ro.id,
    answers: answersByPosition(template, { ...SATISFIED, 11: `${customer.name}说服务很好` }),
  });
  const complaint = await agent.client.complaints.create({
    source: 'phone',
    customerId: customer.id,
    vehicleId: vehicle.id,
    againstDepartment: 'workshop',
    customerSays: `${customer.name}来电（${phone}）：保养后有异响`,
    customerWants: '免费重新检查',
  });
  t.clock.set(FIXED_NOW);
  return { customer, phone, vehicle, ro: await advisor.client.repairOrders.get({ id: ro.id }), complaint };
}

describe('consent records', () => {
  it('keeps every change with who, when and how: the customer form, then a withdrawal on the phone', async () => {
    t.clock.set('2026-11-20T03:00:00.000Z');
    const customer = await makeCustomer(advisor.client, { consentToContact: true });
    t.clock.set(FIXED_NOW);
    const after = await agent.client.privacy.recordConsent({
      customerId: customer.id,
      granted: false,
      method: 'phone',
      note: '客户来电要求不再回访',
    });
    expect(after.consentToContact).toBe(false);
    expect(after.history.map((h) => [h.granted, h.method, h.recordedByName, h.recordedAt, h.note])).toEqual([
      [false, 'phone', agent.session.user.displayName, FIXED_NOW, '客户来电要求不再回访'],
      [true, 'form', advisor.session.user.displayName, '2026-11-20T03:00:00.000Z', ''],
    ]);
    const file = await advisor.client.customers.get({ id: customer.id });
    expect([file.consentToContact, file.consentChangedAt]).toEqual([false, FIXED_NOW]);

    // Given again by ticking the form: the edit writes its own history row in the same save.
    t.clock.set('2026-11-24T05:00:00.000Z');
    await advisor.client.customers.update({
      id: file.id,
      version: file.version,
      kind: file.kind,
      name: file.name,
      phones: file.phones,
      consentToContact: true,
    });
    const read = await foreman.client.privacy.consents({ customerId: customer.id });
    expect(read.history.map((h) => [h.granted, h.method, h.recordedAt])[0]).toEqual([true, 'form', '2026-11-24T05:00:00.000Z']);
    expect(read.history).toHaveLength(3);
  });

  it('refuses a method nobody may choose, and a technician, writing nothing', async () => {
    const customer = await makeCustomer(advisor.client);
    const before = countRows(t.core, 'customer_consents');
    await expectApiError(
      advisor.client.privacy.recordConsent({ customerId: customer.id, granted: true, method: 'earlier' as never }),
      'INVALID_INPUT',
    );
    await expectApiError(
      technician.client.privacy.recordConsent({ customerId: customer.id, granted: true, method: 'paper' }),
      'FORBIDDEN',
    );
    expect(countRows(t.core, 'customer_consents')).toBe(before);
    expect((await advisor.client.customers.get({ id: customer.id })).consentToContact).toBe(false);
  });
});

describe('export of everything held', () => {
  it('holds the file, phones, notes, car with ownership and mileage, the RO with jobs, lines and payments, follow-up, survey, complaint, consents', async () => {
    const { customer, phone, vehicle, ro, complaint } = await customerWithHistory();
    const file = await advisor.client.privacy.exportCustomer({ customerId: customer.id });
    expect(file.fileName).toBe(`customer-${customer.id}-personal-data-2026-11-24.json`);
    const data = decode(file) as unknown as {
      customer: { name: string; email: string; address: string };
      phones: { number: string }[];
      notes: { body: string }[];
      consents: { granted: number; method: string }[];
      vehicles: { vin: string; ownerships: unknown[]; mileage: unknown[] }[];
      repairOrders: { number: string; jobs: { concern: string; lines: unknown[] }[]; payments: { amountFen: number }[] }[];
      appointments: unknown[];
      followupTasks: { kind: string }[];
      surveys: { answers: { valueText: string | null }[] }[];
      complaints: { number: string; customerSays: string; steps: unknown[] }[];
    };
    expect(data.customer).toMatchObject({ name: customer.name, email: 'wang@example.cn', address: '北京市朝阳区望京街 8 号' });
    expect(data.phones.map((p) => p.number)).toEqual([phone]);
    expect(data.notes.map((n) => n.body)).toEqual(['喜欢周末来店']);
    expect(data.consents.map((c) => [c.granted, c.method])).toEqual([[1, 'form']]);
    expect(data.vehicles.map((v) => v.vin)).toEqual([vehicle.vin]);
    expect(data.vehicles[0]!.ownerships).toHaveLength(1);
    expect(Array.isArray(data.vehicles[0]!.mileage)).toBe(true);
    expect(data.repairOrders.map((r) => r.number)).toEqual([ro.number]);
    expect(data.repairOrders[0]!.jobs.map((j) => j.concern)).toEqual(['保养']);
    const paid = (await advisor.client.repairOrders.settlement({ id: ro.id })).paidFen;
    expect(data.repairOrders[0]!.payments.reduce((sum, p) => sum + p.amountFen, 0)).toBe(paid);
    expect(data.followupTasks.map((task) => task.kind)).toContain('csi_call');
    expect(data.surveys).toHaveLength(1);
    expect(data.surveys[0]!.answers.some((a) => a.valueText === `${customer.name}说服务很好`)).toBe(true);
    expect(data.complaints.map((c) => c.number)).toEqual([complaint.number]);
    expect(data.complaints[0]!.steps.length).toBeGreaterThan(0);
    expect(data.appointments).toEqual([]);
  });

  it('is refused to a technician and a parts clerk', async () => {
    const customer = await makeCustomer(advisor.client);
    await expectApiError(technician.client.privacy.exportCustomer({ customerId: customer.id }), 'FORBIDDEN');
    await expectApiError(clerk.client.privacy.exportCustomer({ customerId: customer.id }), 'FORBIDDEN');
  });
});

describe('erasure on request', () => {
  it('anonymises the file, keeps the RO and its money, and takes the customer out of look-up and follow-up', async () => {
    const { customer, phone, vehicle, ro, complaint } = await customerWithHistory();
    const settlementBefore = await advisor.client.repairOrders.settlement({ id: ro.id });
    expect(settlementBefore.paidFen).toBeGreaterThan(0);
    // Before: the look-up finds them by phone and name, and their CSI call is in the queue.
    expect((await advisor.client.customers.lookup({ q: phone, offset: 0, limit: 10 })).rows.map((r) => r.customerId)).toContain(
      customer.id,
    );
    const queued = async () =>
      (await agent.client.followup.queue({ due: 'all', offset: 0, limit: 100 })).rows.filter(
        (row) => row.customer.id === customer.id,
      );
    expect(await queued()).not.toHaveLength(0);

    const result = await manager.client.privacy.eraseCustomer({
      customerId: customer.id,
      confirmName: customer.name,
      reason: '客户 11 月 23 日书面申请',
    });
    expect(result).toEqual({ customerId: customer.id, erasedAt: FIXED_NOW, keptRepairOrders: 1 });

    const file = await manager.client.customers.get({ id: customer.id });
    expect(file).toMatchObject({
      name: `已删除客户 #${customer.id}`,
      phones: [],
      email: '',
      address: '',
      notes: [],
      consentToContact: false,
      erasedAt: FIXED_NOW,
    });
    expect(file.vehicles).toEqual([]);
    // The RO, its jobs, lines and payments are kept whole.
    const kept = await advisor.client.repairOrders.get({ id: ro.id });
    expect([kept.number, kept.status, kept.jobs.length]).toEqual([ro.number, 'closed', ro.jobs.length]);
    const settlementAfter = await advisor.client.repairOrders.settlement({ id: ro.id });
    expect([settlementAfter.owedFen, settlementAfter.paidFen, settlementAfter.payments.length]).toEqual([
      settlementBefore.owedFen,
      settlementBefore.paidFen,
      settlementBefore.payments.length,
    ]);
    // Not found by phone, old name, the new name or the car; gone from the grid and the queue.
    for (const q of [phone, phone.slice(-4), customer.name, '已删除', vehicle.vin]) {
      const rows = (await advisor.client.customers.lookup({ q, offset: 0, limit: 10 })).rows;
      expect(
        rows.map((r) => r.customerId),
        q,
      ).not.toContain(customer.id);
    }
    const grid = await advisor.client.customers.grid({ startRow: 0, endRow: 100, sortModel: [], filterModel: {} });
    expect(grid.rows.map((r) => r.id)).not.toContain(customer.id);
    expect(await queued()).toEqual([]);
    // Free text that named them is scrubbed; the complaint itself stays.
    const kept2 = rowsOf('complaints', customer.id);
    expect(kept2.map((c) => c.number)).toEqual([complaint.number]);
    expect(String(kept2[0]!.customer_says)).not.toContain(customer.name);
    expect(String(kept2[0]!.customer_says)).not.toContain(phone);
    const verbatims = t.core.deps.sqlite
      .prepare(
        'SELECT a.value_text FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.customer_id = ? AND a.value_text IS NOT NULL',
      )
      .all(customer.id) as { value_text: string }[];
    expect(verbatims.map((v) => v.value_text)).toEqual(['***说服务很好']);
    // The history shows the withdrawal; nothing can be written back.
    const consents = await manager.client.privacy.consents({ customerId: customer.id });
    expect(consents.history[0]).toMatchObject({
      granted: false,
      method: 'erasure',
      recordedByName: manager.session.user.displayName,
    });
    await expectApiError(
      advisor.client.privacy.recordConsent({ customerId: customer.id, granted: true, method: 'paper' }),
      'RULE',
      {
        reason: 'privacy.erased',
      },
    );
    await expectApiError(advisor.client.customers.addNote({ customerId: customer.id, body: '又来了' }), 'RULE', {
      reason: 'privacy.erased',
    });
  });

  it('refuses while an RO is open, a wrong confirmation and anyone but the manager, writing nothing', async () => {
    const customer = await makeCustomer(advisor.client, { consentToContact: true });
    const vehicle = await makeVehicle(advisor.client, customer.id);
    await openRo({ advisor, inspector: foreman, vehicleId: vehicle.id, openDay: '2026-11-24', group: 'maintenance' });
    t.clock.set(FIXED_NOW);
    const snapshot = () => ({
      customer: t.core.deps.sqlite.prepare('SELECT * FROM customers WHERE id = ?').get(customer.id),
      phones: rowsOf('customer_phones', customer.id),
      ownerships: rowsOf('vehicle_ownerships', customer.id),
      consents: rowsOf('customer_consents', customer.id),
    });
    const before = snapshot();
    await expectApiError(
      manager.client.privacy.eraseCustomer({ customerId: customer.id, confirmName: customer.name, reason: '书面申请' }),
      'RULE',
      {
        reason: 'privacy.openRepairOrder',
        params: { count: 1 },
      },
    );
    await expectApiError(
      manager.client.privacy.eraseCustomer({ customerId: customer.id, confirmName: `${customer.name}x`, reason: '书面申请' }),
      'RULE',
      {
        reason: 'privacy.confirmName',
        field: 'confirmName',
      },
    );
    await expectApiError(
      advisor.client.privacy.eraseCustomer({ customerId: customer.id, confirmName: customer.name, reason: '书面申请' }),
      'FORBIDDEN',
    );
    await expectApiError(
      manager.client.privacy.eraseCustomer({ customerId: customer.id, confirmName: customer.name, reason: '' }),
      'INVALID_INPUT',
    );
    expect(snapshot()).toEqual(before);
    expect(
      (await advisor.client.customers.lookup({ q: customer.name, offset: 0, limit: 10 })).rows.map((r) => r.customerId),
    ).toContain(customer.id);
  });
});

describe('phone masking', () => {
  it('shows full numbers to the advisor and masked ones to the parts clerk, who cannot find the customer by phone', async () => {
    const customer = await makeCustomer(advisor.client);
    const phone = customer.phones[0]!.number;
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;

    expect((await advisor.client.customers.get({ id: customer.id })).phones[0]!.number).toBe(phone);
    expect((await advisor.client.customers.lookup({ q: phone, offset: 0, limit: 5 })).rows[0]).toMatchObject({
      customerId: customer.id,
      phone,
    });

    expect((await clerk.client.customers.get({ id: customer.id })).phones[0]!.number).toBe(masked);
    // A role that sees masked numbers cannot search on them (issue 14: prefix guesses recovered the hidden digits).
    const found = await clerk.client.customers.lookup({ q: phone, offset: 0, limit: 5 });
    expect(found.rows.map((r) => r.customerId)).not.toContain(customer.id);
    const grid = clerk.client.customers.grid({
      startRow: 0,
      endRow: 5,
      sortModel: [],
      filterModel: { phone: { filterType: 'text', type: 'equals', filter: phone } },
    });
    await expectApiError(grid, 'FORBIDDEN', { field: 'filterModel.phone', reason: 'phoneMasked.search' });
    const byName = await clerk.client.customers.lookup({ q: customer.name, offset: 0, limit: 5 });
    expect(byName.rows[0]).toMatchObject({ customerId: customer.id, phone: masked });
    expect(JSON.stringify(await clerk.client.customers.get({ id: customer.id }))).not.toContain(phone);
  });

  it('gives a technician no customer phone at all: the customer file is closed to them', async () => {
    const customer = await makeCustomer(advisor.client);
    await expectApiError(technician.client.customers.get({ id: customer.id }), 'FORBIDDEN');
    await expectApiError(technician.client.customers.lookup({ q: customer.phones[0]!.number, offset: 0, limit: 5 }), 'FORBIDDEN');
  });
});
