import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomerVisitRow } from '../../shared/contract/customers/visits';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { expectApiError } from '../fixtures/errors';
import { signIn, type SignedIn } from '../fixtures/users';
import {
  SATISFIED,
  advisorA,
  advisorB,
  agent,
  answers,
  beijing,
  manager,
  roFor,
  t,
  techX,
  useSurveysCore,
} from '../fixtures/surveys';

// The customer file's history (issue 17 item 8): open ROs, past visits with their totals and survey scores, declined
// work and complaints, each paged by key, newest first, through the API as the customer page calls it.
useSurveysCore();

let clerk: SignedIn;
let delivered: RepairOrderDetail;
let open: RepairOrderDetail;
let customerId: number;

beforeAll(async () => {
  clerk = await signIn(t.core, 'parts_clerk');
  delivered = await roFor(advisorA, techX, '2026-11-10');
  customerId = delivered.customer.id;
  const template = await agent.client.followup.surveyTemplate();
  t.clock.set(beijing('2026-11-12', '10:00'));
  await agent.client.followup.recordSurvey({ repairOrderId: delivered.id, answers: answers(template, SATISFIED) });
  // A second visit of the same car: the brakes approved, the wipers declined.
  t.clock.set(beijing('2026-11-20', '09:00'));
  open = await advisorA.client.repairOrders.create({ vehicleId: delivered.vehicle.id, concerns: ['刹车异响', '雨刮器刮不干净'] });
  open = await advisorA.client.repairOrders.addLaborLine({
    id: open.id,
    version: open.version,
    jobId: open.jobs[0]!.id,
    nameZh: '检查制动系统',
    hoursMilli: 1000,
    laborRateFen: 30_000,
  });
  open = await advisorA.client.repairOrders.addLaborLine({
    id: open.id,
    version: open.version,
    jobId: open.jobs[1]!.id,
    nameZh: '更换雨刮片',
    hoursMilli: 500,
    laborRateFen: 20_000,
  });
  open = await advisorA.client.repairOrders.authorise({
    id: open.id,
    version: open.version,
    customerName: open.customer.name,
    channel: 'phone',
    decisions: [
      { jobId: open.jobs[0]!.id, decision: 'approved' },
      { jobId: open.jobs[1]!.id, decision: 'declined' },
    ],
  });
  await agent.client.complaints.create({
    source: 'phone',
    customerId,
    vehicleId: delivered.vehicle.id,
    repairOrderId: delivered.id,
    againstDepartment: 'workshop',
    customerSays: '保养后还是有异响',
  });
});

describe('customers.visits', () => {
  it('lists the open ROs and the past visits apart, with totals, concerns and the survey’s scores', async () => {
    const openPage = await manager.client.customers.visits({ customerId, state: 'open', startRow: 0, endRow: 10 });
    expect(openPage).toMatchObject({ hasMore: false, next: null });
    expect(openPage.rows).toEqual([
      expect.objectContaining({
        id: open.id,
        number: open.number,
        status: 'open',
        concerns: ['刹车异响', '雨刮器刮不干净'],
        jobCount: 2,
        // The declined job is not owed.
        totalFen: 30_000,
        vehicle: { id: delivered.vehicle.id, plate: delivered.vehicle.plate, makeModel: delivered.vehicle.makeModel },
        survey: null,
      }),
    ]);
    expect(open.totals.all.totalFen).toBe(30_000);

    const past = await manager.client.customers.visits({ customerId, state: 'past', startRow: 0, endRow: 10 });
    const stored = await manager.client.repairOrders.get({ id: delivered.id });
    expect(['delivered', 'closed']).toContain(stored.status);
    expect(past.rows.map((row) => [row.id, row.status, row.totalFen])).toEqual([
      [delivered.id, stored.status, stored.totals.all.totalFen],
    ]);
    // Every factor answered 9: CSI 900; the recommend question 9.
    expect(past.rows[0]!.survey).toEqual({
      answeredAt: beijing('2026-11-12', '10:00'),
      csi: 900,
      recommend: 9,
      dissatisfied: false,
    });
  });

  it('shows survey scores to the CSI desk, the manager and the RO’s own advisor only', async () => {
    const surveyOf = async (who: SignedIn) =>
      (await who.client.customers.visits({ customerId, state: 'past', startRow: 0, endRow: 10 })).rows[0]!.survey;
    expect(await surveyOf(agent)).not.toBeNull();
    expect(await surveyOf(advisorA)).not.toBeNull();
    expect(await surveyOf(advisorB)).toBeNull();
    expect(await surveyOf(clerk)).toBeNull();
  });

  it('pages by key, newest first, with no row twice or left out', async () => {
    const vehicleId = delivered.vehicle.id;
    // Thirty closed visits written straight into the file, ten of them at the very same instant (the id decides).
    const insert = t.core.deps.sqlite.prepare(
      `INSERT INTO repair_orders (number, customer_id, vehicle_id, advisor_id, status, opened_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'closed', ?, ?, ?)`,
    );
    for (let i = 0; i < 30; i++) {
      const at = i < 10 ? '2025-06-01T02:00:00.000Z' : new Date(Date.UTC(2025, 0, 1 + i)).toISOString();
      insert.run(`RO2025-${String(900 + i).padStart(6, '0')}`, customerId, vehicleId, advisorA.session.user.id, at, at, at);
    }
    const seen: CustomerVisitRow[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await manager.client.customers.visits({
        customerId,
        state: 'past',
        startRow: pages * 7,
        endRow: pages * 7 + 7,
        after,
      });
      seen.push(...page.rows);
      if (!page.next) {
        expect(page.hasMore).toBe(false);
        break;
      }
      after = page.next;
    }
    expect(seen).toHaveLength(31);
    expect(new Set(seen.map((row) => row.id)).size).toBe(31);
    const keys = seen.map((row) => `${row.openedAt}#${String(row.id).padStart(9, '0')}`);
    expect(keys).toEqual([...keys].sort().reverse());
    // A block asked for without the one before it (the grid's scrollbar dragged down) is read by offset: the same rows.
    const jumped = await manager.client.customers.visits({ customerId, state: 'past', startRow: 7, endRow: 14 });
    expect(jumped.rows.map((row) => row.id)).toEqual(seen.slice(7, 14).map((row) => row.id));
  });

  it('refuses an unknown customer', async () => {
    await expectApiError(
      manager.client.customers.visits({ customerId: 999_999, state: 'open', startRow: 0, endRow: 10 }),
      'NOT_FOUND',
    );
    await expectApiError(manager.client.customers.declinedWork({ customerId: 999_999, startRow: 0, endRow: 10 }), 'NOT_FOUND');
  });
});

describe('customers.declinedWork and customers.complaints', () => {
  it('lists the work the customer declined with its RO and total', async () => {
    const page = await clerk.client.customers.declinedWork({ customerId, startRow: 0, endRow: 10 });
    expect(page.rows).toEqual([
      expect.objectContaining({
        repairOrder: { id: open.id, number: open.number },
        vehicle: { id: delivered.vehicle.id, plate: delivered.vehicle.plate },
        concern: '雨刮器刮不干净',
        totalFen: 10_000,
        status: 'open',
      }),
    ]);
  });

  it('lists the customer’s complaints for those who handle complaints', async () => {
    const page = await advisorB.client.customers.complaints({ customerId, startRow: 0, endRow: 10 });
    expect(page.rows).toEqual([
      expect.objectContaining({
        customerSays: '保养后还是有异响',
        status: 'open',
        repairOrder: { id: delivered.id, number: delivered.number },
      }),
    ]);
    await expectApiError(clerk.client.customers.complaints({ customerId, startRow: 0, endRow: 10 }), 'FORBIDDEN');
  });
});
