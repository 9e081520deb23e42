import { DAY, MINUTE, deskDay, deskInstant, deskMinutes, iso } from './calendar';
import type { Visit } from './planner';
import type { Staffer } from './sink';
import type { World } from './world';

/**
 * The booking behind a visit (docs/domain.md step 1): made a few days before, reminded the day before, arrived and turned
 * into the RO; now and then a booking the customer missed or cancelled first. A visit still ahead of `now` leaves only
 * its booking (today's later slots, the coming days).
 */
export function writeAppointments(
  w: World,
  visit: Visit,
  customerId: number,
  advisor: Staffer,
  roId: number | null,
  opened: number,
): void {
  if (!visit.appointment) return;
  const { sink, now, random: r } = w;
  const vehicleId = visit.vehicle + 1;
  const day = deskDay(visit.arrival);
  const slot = Math.floor(Math.min(Math.max(deskMinutes(visit.arrival), 8 * 60 + 30), 16 * 60) / 30) * 30;
  const startsAt = deskInstant(day, slot);
  const reason = visit.kind === 'maintenance' ? 'maintenance' : 'repair';
  const concerns = JSON.stringify(visit.kind === 'maintenance' ? ['到店做常规保养'] : visit.repairs.map((x) => x[1]));
  const hours = Math.max(500, (visit.kind === 'maintenance' ? 1500 : 0) + visit.repairs.length * 1250);
  const bookedAt = Math.min(deskInstant(day - r.int(1, 6), r.int(9 * 60, 17 * 60)), now - 10 * MINUTE);
  const earlier = (status: 'no_show' | 'cancelled') => {
    const starts = startsAt - 7 * DAY;
    const booked = bookedAt - 8 * DAY;
    const changed = status === 'no_show' ? starts + 45 * MINUTE : booked + r.int(1, 3) * DAY;
    sink.s.appointment.run(
      sink.next('appointment'),
      customerId,
      vehicleId,
      advisor.id,
      iso(starts),
      reason,
      concerns,
      hours,
      '',
      status,
      status === 'cancelled' ? '客户临时有事，改约' : '',
      null,
      null,
      null,
      null,
      2,
      advisor.id,
      iso(booked),
      iso(changed),
    );
  };
  if (r.chance(0.05)) earlier('no_show');
  else if (r.chance(0.04)) earlier('cancelled');
  const reminded = deskInstant(day - 1, r.int(10 * 60, 16 * 60));
  const remind = r.chance(0.6) && reminded > bookedAt && reminded <= now;
  const agent = remind ? r.pick(w.staff.csiAgents) : null;
  const arrived = roId !== null ? visit.arrival : null;
  sink.s.appointment.run(
    sink.next('appointment'),
    customerId,
    vehicleId,
    advisor.id,
    iso(startsAt),
    reason,
    concerns,
    hours,
    '',
    roId !== null ? 'converted' : 'booked',
    '',
    arrived === null ? null : iso(arrived),
    roId,
    remind ? iso(reminded) : null,
    agent?.id ?? null,
    1 + (remind ? 1 : 0) + (roId !== null ? 2 : 0),
    advisor.id,
    iso(bookedAt),
    iso(roId !== null ? opened : remind ? reminded : bookedAt),
  );
}
