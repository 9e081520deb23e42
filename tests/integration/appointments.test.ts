import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppointmentDto, BookInput } from '../../shared/contract/appointments';
import { APPOINTMENT_KEYS } from '../../electron/core/settings/appointment-slots';
import { writeSetting } from '../../electron/core/settings/repository';
import { countRows, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

// FIXED_NOW is 10:00 on Tuesday 24 November 2026 in Beijing (02:00 UTC). Sessions last 12 hours: the clock moves by
// minutes or hours here, never days; what needs another "today" opens a core of its own.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The UTC instant of a wall-clock time in Beijing (+08:00). */
function beijing(day: string, time: string): string {
  return new Date(`${day}T${time}:00+08:00`).toISOString();
}

let t: TestCore;
let advisor: SignedIn;
let advisor2: SignedIn;
let manager: SignedIn;
let technician: SignedIn;
let foreman: SignedIn;
let csi: SignedIn;
let ownerId: number;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  advisor2 = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  technician = await signIn(t.core, 'technician');
  foreman = await signIn(t.core, 'foreman');
  csi = await signIn(t.core, 'csi_agent');
  ownerId = (await makeCustomer(advisor.client)).id;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

async function newVehicle(owner = ownerId): Promise<number> {
  return (await makeVehicle(advisor.client, owner)).id;
}

async function bookingFor(day: string, time: string, overrides: Partial<BookInput> = {}): Promise<BookInput> {
  return {
    vehicleId: overrides.vehicleId ?? (await newVehicle()),
    advisorId: advisor.session.user.id,
    startsAt: beijing(day, time),
    reason: 'maintenance',
    concerns: ['保养：换机油机滤'],
    estimatedHoursMilli: 1000,
    ...overrides,
  };
}

async function book(
  day: string,
  time: string,
  overrides: Partial<BookInput> = {},
  by: SignedIn = advisor,
): Promise<AppointmentDto> {
  return by.client.appointments.book(await bookingFor(day, time, overrides));
}

function appointmentRows(): number {
  return countRows(t.core, 'appointments');
}

describe('appointments: booking and the board', () => {
  it('books a slot on the desk calendar and shows it on the day and week boards with the workshop hours', async () => {
    const vehicleId = await newVehicle();
    const booked = await book('2026-11-25', '09:00', {
      vehicleId,
      reason: 'repair',
      concerns: ['刹车时前轮有异响', '空调有异味'],
      estimatedHoursMilli: 2500,
      note: '客户希望上午取车',
    });
    expect(booked).toMatchObject({
      status: 'booked',
      startsAt: '2026-11-25T01:00:00.000Z',
      day: '2026-11-25',
      time: '09:00',
      reason: 'repair',
      concerns: ['刹车时前轮有异响', '空调有异味'],
      estimatedHoursMilli: 2500,
      note: '客户希望上午取车',
      advisor: { id: advisor.session.user.id },
      customer: { id: ownerId },
      vehicle: { id: vehicleId },
      version: 1,
      repairOrderId: null,
    });
    expect(await foreman.client.appointments.get({ id: booked.id })).toEqual(booked);

    const day = await advisor.client.appointments.board({ day: '2026-11-25' });
    expect(day.appointments.map((a) => a.id)).toEqual([booked.id]);
    expect(day.days).toEqual([{ day: '2026-11-25', bookedHoursMilli: 2500, capacityHoursMilli: 40_000 }]);
    expect(day.slots[0]).toBe('08:30');
    expect(day.slots.at(-1)).toBe('17:00');
    expect(day.slots).toHaveLength(18);
    expect(day.today).toBe('2026-11-24');
    expect(day.advisors.map((a) => a.id)).toEqual(expect.arrayContaining([advisor.session.user.id, advisor2.session.user.id]));
    expect(day.advisors.map((a) => a.id)).not.toContain(manager.session.user.id);

    const week = await csi.client.appointments.board({ day: '2026-11-25', span: 'week' });
    expect(week.day).toBe('2026-11-23');
    expect(week.days.map((d) => d.day)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(week.appointments.map((a) => a.id)).toContain(booked.id);

    const other = await advisor.client.appointments.board({ day: '2026-11-25', advisorId: advisor2.session.user.id });
    expect(other.appointments).toEqual([]);
    // The workshop's hours stay the whole workshop's when the board is narrowed to one advisor.
    expect(other.days[0]?.bookedHoursMilli).toBe(2500);

    expect((await advisor.client.appointments.listForVehicle({ vehicleId })).map((a) => a.id)).toEqual([booked.id]);
  });

  it('a day just after midnight in Beijing belongs to that day, not to the UTC day before', async () => {
    // 08:30 in Beijing on 30 November is 00:30 UTC the same day; the board of the 29th must not show it.
    const early = await book('2026-11-30', '08:30');
    expect(early.day).toBe('2026-11-30');
    expect((await advisor.client.appointments.board({ day: '2026-11-29' })).appointments.map((a) => a.id)).not.toContain(
      early.id,
    );
    expect((await advisor.client.appointments.board({ day: '2026-11-30' })).appointments.map((a) => a.id)).toContain(early.id);
  });
});

describe('appointments: capacity', () => {
  it('an advisor takes 2 appointments a slot: the third is refused naming the advisor, and nothing is written', async () => {
    await book('2026-11-26', '10:00');
    await book('2026-11-26', '10:00');
    const before = appointmentRows();
    await expectApiError(book('2026-11-26', '10:00'), 'RULE', {
      field: 'startsAt',
      reason: 'appointment.slotFull',
      params: { advisor: advisor.session.user.displayName, max: 2 },
    });
    expect(appointmentRows()).toBe(before);
    // Another advisor's column of the same slot is free.
    await book('2026-11-26', '10:00', { advisorId: advisor2.session.user.id });
  });

  it('a cancelled or no-show appointment frees its slot', async () => {
    const first = await book('2026-11-24', '11:00');
    const second = await book('2026-11-24', '11:00');
    await expectApiError(book('2026-11-24', '11:00'), 'RULE', { reason: 'appointment.slotFull' });
    await advisor.client.appointments.cancel({ id: first.id, version: first.version, reason: '客户临时出差' });
    const third = await book('2026-11-24', '11:00');
    expect(third.status).toBe('booked');
    await expectApiError(book('2026-11-24', '11:00'), 'RULE', { reason: 'appointment.slotFull' });
    // The customer does not come: after 11:00 the slot is past anyway, so free hours show on the board instead.
    t.clock.set(beijing('2026-11-24', '11:20'));
    const before = (await advisor.client.appointments.board({ day: '2026-11-24' })).days[0]?.bookedHoursMilli ?? 0;
    await advisor.client.appointments.noShow({ id: second.id, version: second.version });
    const after = (await advisor.client.appointments.board({ day: '2026-11-24' })).days[0]?.bookedHoursMilli ?? 0;
    expect(before - after).toBe(second.estimatedHoursMilli);
  });

  it('the workshop day takes exactly its capacity in hours; one more is refused with booked and capacity, nothing written', async () => {
    const day = '2026-12-01';
    await book(day, '09:00', { estimatedHoursMilli: 20_000 });
    await book(day, '09:00', { estimatedHoursMilli: 19_500, advisorId: advisor2.session.user.id });
    const last = await book(day, '09:30', { estimatedHoursMilli: 500 });
    expect((await advisor.client.appointments.board({ day })).days[0]).toEqual({
      day,
      bookedHoursMilli: 40_000,
      capacityHoursMilli: 40_000,
    });

    const before = appointmentRows();
    await expectApiError(book(day, '10:00', { estimatedHoursMilli: 1 }), 'RULE', {
      field: 'estimatedHoursMilli',
      reason: 'appointment.workshopFull',
      params: { booked: '40', capacity: '40' },
    });
    expect(appointmentRows()).toBe(before);
    // The next day is another day.
    await book('2026-12-02', '10:00', { estimatedHoursMilli: 1000 });

    await advisor.client.appointments.cancel({ id: last.id, version: last.version, reason: '改期' });
    await book(day, '10:00', { estimatedHoursMilli: 500 });
    await expectApiError(book(day, '10:30', { estimatedHoursMilli: 1 }), 'RULE', { reason: 'appointment.workshopFull' });
  });

  it('reads the capacity from the settings: a workshop of 3 hours and 1 appointment a slot', async () => {
    const own = await openTestCore();
    try {
      const me = await signIn(own.core, 'advisor');
      const owner = (await makeCustomer(me.client)).id;
      await writeSetting(own.core.deps.db, APPOINTMENT_KEYS.workshopDayHoursMilli, '3000');
      await writeSetting(own.core.deps.db, APPOINTMENT_KEYS.perAdvisorSlot, '1');
      const input = async (time: string, hours: number): Promise<BookInput> => ({
        vehicleId: (await makeVehicle(me.client, owner)).id,
        advisorId: me.session.user.id,
        startsAt: beijing('2026-11-25', time),
        reason: 'maintenance',
        concerns: ['保养'],
        estimatedHoursMilli: hours,
      });
      await me.client.appointments.book(await input('09:00', 2000));
      await expectApiError(me.client.appointments.book(await input('09:00', 500)), 'RULE', {
        reason: 'appointment.slotFull',
        params: { advisor: me.session.user.displayName, max: 1 },
      });
      await me.client.appointments.book(await input('09:30', 1000));
      await expectApiError(me.client.appointments.book(await input('10:00', 1)), 'RULE', {
        reason: 'appointment.workshopFull',
        params: { booked: '3', capacity: '3' },
      });
      expect(countRows(own.core, 'appointments')).toBe(2);
    } finally {
      await own.close();
    }
  });

  it('a time already past, the slot under way, a time between slots or outside opening hours is refused; nothing written', async () => {
    const before = appointmentRows();
    await expectApiError(book('2026-11-24', '09:30'), 'RULE', { field: 'startsAt', reason: 'appointment.past' });
    // 10:00 is now: that slot has begun.
    await expectApiError(book('2026-11-24', '10:00'), 'RULE', { field: 'startsAt', reason: 'appointment.past' });
    await expectApiError(book('2026-11-25', '10:15'), 'RULE', {
      field: 'startsAt',
      reason: 'appointment.offSlot',
      params: { minutes: 30 },
    });
    await expectApiError(book('2026-11-25', '08:00'), 'RULE', {
      field: 'startsAt',
      reason: 'appointment.closed',
      params: { opens: '08:30', closes: '17:30' },
    });
    await expectApiError(book('2026-11-25', '17:30'), 'RULE', { field: 'startsAt', reason: 'appointment.closed' });
    expect(appointmentRows()).toBe(before);
    // The next slot of today is fine.
    expect((await book('2026-11-24', '10:30')).time).toBe('10:30');
  });

  it('only an active advisor takes appointments; bad input is refused before anything is written', async () => {
    const before = appointmentRows();
    await expectApiError(book('2026-11-25', '14:00', { advisorId: manager.session.user.id }), 'RULE', {
      field: 'advisorId',
      reason: 'appointment.notAdvisor',
    });
    await expectApiError(book('2026-11-25', '14:00', { concerns: [] }), 'INVALID_INPUT', {
      field: 'concerns',
      reason: 'tooFewItems',
    });
    await expectApiError(book('2026-11-25', '14:00', { estimatedHoursMilli: 0 }), 'INVALID_INPUT', {
      field: 'estimatedHoursMilli',
    });
    await expectApiError(book('2026-11-25', '14:00', { reason: 'tuning' as never }), 'INVALID_INPUT', {
      field: 'reason',
      reason: 'invalidOption',
    });
    await expectApiError(book('2026-11-25', '14:00', { vehicleId: 999_999 }), 'NOT_FOUND', { field: 'vehicleId' });
    expect(appointmentRows()).toBe(before);
  });

  it('reschedules to a free slot not counting itself; a full slot is refused and the appointment stays where it was', async () => {
    const moving = await book('2026-11-27', '09:00', { estimatedHoursMilli: 1000 });
    await book('2026-11-27', '09:00');
    // Same slot, more hours: it does not count against itself.
    const same = await advisor.client.appointments.reschedule({
      id: moving.id,
      version: moving.version,
      advisorId: advisor.session.user.id,
      startsAt: moving.startsAt,
      estimatedHoursMilli: 1500,
    });
    expect(same).toMatchObject({ estimatedHoursMilli: 1500, version: moving.version + 1 });

    await book('2026-11-27', '11:00');
    await book('2026-11-27', '11:00');
    await expectApiError(
      advisor.client.appointments.reschedule({
        id: same.id,
        version: same.version,
        advisorId: advisor.session.user.id,
        startsAt: beijing('2026-11-27', '11:00'),
      }),
      'RULE',
      { field: 'startsAt', reason: 'appointment.slotFull' },
    );
    expect(await advisor.client.appointments.get({ id: same.id })).toEqual(same);

    const moved = await advisor.client.appointments.reschedule({
      id: same.id,
      version: same.version,
      advisorId: advisor2.session.user.id,
      startsAt: beijing('2026-11-27', '11:00'),
    });
    expect(moved).toMatchObject({ time: '11:00', advisor: { id: advisor2.session.user.id } });
    await expectApiError(
      advisor.client.appointments.reschedule({
        id: same.id,
        version: same.version,
        advisorId: advisor.session.user.id,
        startsAt: beijing('2026-11-27', '15:00'),
      }),
      'CONFLICT',
      { field: 'version', reason: 'staleVersion' },
    );
  });
});

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
