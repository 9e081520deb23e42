import { describe, expect, it } from 'vitest';
import type { BookInput } from '../../shared/contract/appointments';
import { APPOINTMENT_KEYS } from '../../electron/core/settings/appointment-slots';
import { writeSetting } from '../../electron/core/settings/repository';
import { countRows, openTestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn } from '../fixtures/users';
import {
  beijing,
  t,
  advisor,
  advisor2,
  manager,
  foreman,
  csi,
  ownerId,
  newVehicle,
  book,
  appointmentRows,
  useAppointmentsCore,
} from '../fixtures/appointments';

// Appointments: booking, the board and capacity. Arrival, no-show, cancel, turning into an RO, reminders, roles and
// query plans are in appointments-lifecycle.test.ts; the shared core is tests/fixtures/appointments.ts.

useAppointmentsCore();

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
