import { describe, expect, it } from 'vitest';
import type { BookInput } from '../../shared/contract/appointments';
import { countRows, FIXED_NOW, openTestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn } from '../fixtures/users';
import {
  MINUTE,
  HOUR,
  beijing,
  t,
  advisor,
  advisor2,
  manager,
  technician,
  foreman,
  csi,
  ownerId,
  newVehicle,
  bookingFor,
  book,
  appointmentRows,
  useAppointmentsCore,
} from '../fixtures/appointments';

// Appointments: arrival, no-show, cancel, turning into an RO, reminders, roles and query plans. Booking, the board and
// capacity are in appointments-booking.test.ts; the shared core is tests/fixtures/appointments.ts.

useAppointmentsCore();

describe('appointments: arrival, no-show, cancel', () => {
  it('moves booked -> arrived once; other changes are refused naming the status', async () => {
    const a = await book('2026-11-24', '12:00');
    const arrived = await advisor.client.appointments.arrive({ id: a.id, version: a.version });
    expect(arrived).toMatchObject({ status: 'arrived', arrivedAt: FIXED_NOW, version: a.version + 1 });
    await expectApiError(advisor.client.appointments.arrive({ id: a.id, version: arrived.version }), 'RULE', {
      reason: 'appointment.status',
      params: { status: 'arrived' },
    });
    await expectApiError(advisor.client.appointments.noShow({ id: a.id, version: arrived.version }), 'RULE', {
      reason: 'appointment.status',
      params: { status: 'arrived' },
    });
    // Stale version: another desk saved first.
    await expectApiError(advisor.client.appointments.cancel({ id: a.id, version: a.version, reason: 'x' }), 'CONFLICT');
    expect(await advisor.client.appointments.get({ id: a.id })).toEqual(arrived);
  });

  it('a no-show only once the start time has passed', async () => {
    const a = await book('2026-11-24', '13:00');
    await expectApiError(advisor.client.appointments.noShow({ id: a.id, version: a.version }), 'RULE', {
      reason: 'appointment.notYet',
      params: { time: '13:00' },
    });
    expect((await advisor.client.appointments.get({ id: a.id })).status).toBe('booked');
    t.clock.advance(3 * HOUR + MINUTE); // 13:01
    const gone = await advisor.client.appointments.noShow({ id: a.id, version: a.version });
    expect(gone.status).toBe('no_show');
    await expectApiError(advisor.client.appointments.arrive({ id: a.id, version: gone.version }), 'RULE', {
      reason: 'appointment.status',
      params: { status: 'no_show' },
    });
  });

  it('cancel needs a reason and keeps it; a cancelled appointment cannot be cancelled again', async () => {
    const a = await book('2026-11-25', '15:00');
    await expectApiError(advisor.client.appointments.cancel({ id: a.id, version: a.version, reason: '  ' }), 'INVALID_INPUT', {
      field: 'reason',
      reason: 'required',
    });
    const cancelled = await advisor.client.appointments.cancel({ id: a.id, version: a.version, reason: '客户车辆已卖' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '客户车辆已卖' });
    await expectApiError(advisor.client.appointments.cancel({ id: a.id, version: cancelled.version, reason: 'again' }), 'RULE', {
      reason: 'appointment.status',
      params: { status: 'cancelled' },
    });
  });
});

describe('appointments: turning into an RO', () => {
  it('an arrived appointment becomes an open RO with one job per concern, no promised time, the acting advisor, linked', async () => {
    const a = await book('2026-11-24', '14:00', { concerns: ['发动机故障灯亮', '右后车窗升降异响'] }, advisor2);
    await expectApiError(advisor.client.appointments.convert({ id: a.id, version: a.version }), 'RULE', {
      reason: 'appointment.status',
      params: { status: 'booked' },
    });
    expect(countRows(t.core, 'repair_orders')).toBe(0);

    const arrived = await advisor.client.appointments.arrive({ id: a.id, version: a.version });
    const { repairOrderId, appointment } = await advisor.client.appointments.convert({ id: a.id, version: arrived.version });
    expect(appointment).toMatchObject({ status: 'converted', repairOrderId });
    const ro = await advisor.client.repairOrders.get({ id: repairOrderId });
    expect(ro).toMatchObject({
      status: 'open',
      promisedAt: null,
      customer: { id: ownerId },
      vehicle: { id: a.vehicle.id },
      advisor: { id: advisor.session.user.id },
    });
    expect(ro.jobs.map((job) => job.concern)).toEqual(['发动机故障灯亮', '右后车窗升降异响']);

    await expectApiError(advisor.client.appointments.convert({ id: a.id, version: appointment.version }), 'RULE', {
      reason: 'appointment.status',
      params: { status: 'converted' },
    });
    await expectApiError(advisor.client.appointments.cancel({ id: a.id, version: appointment.version, reason: 'x' }), 'RULE', {
      reason: 'appointment.status',
    });
    expect(countRows(t.core, 'repair_orders')).toBe(1);
  });

  it('a manager converting leaves the RO with the advisor the customer booked with', async () => {
    const a = await book('2026-11-24', '14:30', {}, manager);
    const arrived = await manager.client.appointments.arrive({ id: a.id, version: a.version });
    const { repairOrderId } = await manager.client.appointments.convert({ id: a.id, version: arrived.version });
    expect((await manager.client.repairOrders.get({ id: repairOrderId })).advisor.id).toBe(advisor.session.user.id);
  });

  it('an RO refused on the way leaves no RO, no used number and the appointment arrived: one transaction', async () => {
    const duplicate = (await makeCustomer(advisor.client)).id;
    const vehicleId = await newVehicle(duplicate);
    const a = await book('2026-11-24', '15:00', { vehicleId });
    const arrived = await advisor.client.appointments.arrive({ id: a.id, version: a.version });
    // The customer's file is merged into another one meanwhile: the RO for the old file is refused.
    await advisor.client.customers.merge({ keepId: ownerId, duplicateId: duplicate });
    const before = {
      ros: countRows(t.core, 'repair_orders'),
      jobs: countRows(t.core, 'repair_order_jobs'),
      seq: countRows(t.core, 'repair_order_status_history'),
    };
    const sequence = () =>
      t.core.deps.sqlite.prepare('select coalesce(sum(last_number), 0) as n from repair_order_sequences').get() as { n: number };
    const numberBefore = sequence().n;
    await expectApiError(advisor.client.appointments.convert({ id: a.id, version: arrived.version }), 'RULE', {
      reason: 'customer.merged',
    });
    expect({
      ros: countRows(t.core, 'repair_orders'),
      jobs: countRows(t.core, 'repair_order_jobs'),
      seq: countRows(t.core, 'repair_order_status_history'),
    }).toEqual(before);
    expect(sequence().n).toBe(numberBefore);
    expect(await advisor.client.appointments.get({ id: a.id })).toEqual(arrived);
  });
});

describe('appointments: reminders', () => {
  it('lists tomorrow on the desk calendar (not UTC) with phones; marking reminded records who and when', async () => {
    // 00:30 on Wednesday 25 November in Beijing, still Tuesday 24 in UTC: tomorrow is Thursday 26.
    const own = await openTestCore({ now: '2026-11-24T16:30:00.000Z' });
    try {
      const me = await signIn(own.core, 'advisor');
      const agent = await signIn(own.core, 'csi_agent');
      const owner = await makeCustomer(me.client);
      const input = async (day: string, time: string): Promise<BookInput> => ({
        vehicleId: (await makeVehicle(me.client, owner.id)).id,
        advisorId: me.session.user.id,
        startsAt: beijing(day, time),
        reason: 'recall',
        concerns: ['召回：更换燃油泵'],
        estimatedHoursMilli: 1500,
      });
      const wednesday = await me.client.appointments.book(await input('2026-11-25', '09:00'));
      const thursday = await me.client.appointments.book(await input('2026-11-26', '16:30'));
      const thursdayCancelled = await me.client.appointments.book(await input('2026-11-26', '09:00'));
      await me.client.appointments.cancel({ id: thursdayCancelled.id, version: thursdayCancelled.version, reason: '改期' });

      const list = await agent.client.appointments.reminders({});
      expect(list.day).toBe('2026-11-26');
      expect(list.rows.map((r) => r.id)).toEqual([thursday.id]);
      expect(list.rows[0]).toMatchObject({
        phones: owner.phones.map((p) => p.number),
        preferredContact: owner.preferredContact,
        remindedAt: null,
      });
      expect((await agent.client.appointments.reminders({ day: '2026-11-25' })).rows.map((r) => r.id)).toEqual([wednesday.id]);

      const reminded = await agent.client.appointments.markReminded({ id: thursday.id, version: thursday.version });
      expect(reminded).toMatchObject({ remindedAt: '2026-11-24T16:30:00.000Z', remindedBy: { id: agent.session.user.id } });
      expect((await agent.client.appointments.reminders({})).rows[0]?.remindedBy?.id).toBe(agent.session.user.id);
    } finally {
      await own.close();
    }
  });
});

describe('appointments: roles', () => {
  it('a technician neither books nor reads the board; a foreman and a CSI agent read but do not book; nothing written', async () => {
    const input = await bookingFor('2026-11-25', '16:00');
    const before = appointmentRows();
    await expectApiError(technician.client.appointments.book(input), 'FORBIDDEN', { reason: 'role.forbidden' });
    await expectApiError(technician.client.appointments.board({}), 'FORBIDDEN');
    await expectApiError(foreman.client.appointments.book(input), 'FORBIDDEN');
    await expectApiError(csi.client.appointments.book(input), 'FORBIDDEN');
    expect(appointmentRows()).toBe(before);
    expect((await foreman.client.appointments.board({})).day).toBe('2026-11-24');
    const a = await advisor.client.appointments.book(input);
    await expectApiError(foreman.client.appointments.arrive({ id: a.id, version: a.version }), 'FORBIDDEN');
    await expectApiError(csi.client.appointments.cancel({ id: a.id, version: a.version, reason: 'x' }), 'FORBIDDEN');
    expect((await advisor.client.appointments.get({ id: a.id })).status).toBe('booked');
  });
});

describe('appointments: query plans', () => {
  it('the board and the slot count read their indexes', () => {
    const plan = (sql: string) =>
      (t.core.deps.sqlite.prepare(`explain query plan ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(
      plan(`select * from appointments where starts_at >= '2026-11-24' and starts_at < '2026-11-25' order by starts_at`),
    ).toMatch(/appointments_starts/);
    expect(plan(`select count(*) from appointments where advisor_id = 1 and starts_at = '2026-11-24T02:00:00.000Z'`)).toMatch(
      /appointments_advisor/,
    );
    expect(plan(`select * from appointments where vehicle_id = 1 order by starts_at desc`)).toMatch(/appointments_vehicle/);
  });
});
