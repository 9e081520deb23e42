import { addDays, instantAt, wallClock } from '../../../shared/domain/desk-time';
import {
  ACTIVE_MONTHS,
  addMonths,
  lapsedCutoff,
  maintenanceDue,
  type MileageReading,
  type ReminderReason,
} from '../../../shared/domain/followup';
import type { CoreDeps } from '../context';
import * as repo from './repository';

/** A lapsed or reminder task the day's generation creates. */
export interface DueTask {
  kind: 'lapsed' | 'maintenance_reminder';
  customerId: number;
  vehicleId: number;
  repairOrderId: number;
  dueAt: string;
  /** '' for a lapsed task. */
  dueReason: ReminderReason | '';
}

/** Desk midnight of a calendar day, as the ISO instant tasks are due at. */
export function dayStart(day: string): string {
  return instantAt(day, 0).toISOString();
}

/**
 * The lapsed and reminder tasks due as of `day`, read only. At ten years reading them takes about two seconds (every
 * visit of the last 24 months, the mileage of every car with a maintenance visit), so it runs in a read worker
 * (task 'followup.dueTasks') and the desks' thread only writes the result, in a short transaction.
 */
export async function dueTasks(deps: CoreDeps, input: { day: string }): Promise<DueTask[]> {
  const { day } = input;
  const tasks: DueTask[] = [];
  // Lapsed: last visit on or before today − 6 months, but within the last 24 (older ones are lost, not lapsed).
  const lapsed = await repo.lapsedCandidates(deps.db, {
    from: dayStart(addMonths(day, -ACTIVE_MONTHS)),
    lapsedBefore: dayStart(addDays(lapsedCutoff(day), 1)),
  });
  for (const v of lapsed) {
    tasks.push({
      kind: 'lapsed',
      customerId: v.customer_id,
      vehicleId: v.vehicle_id,
      repairOrderId: v.last_ro_id,
      dueAt: dayStart(day),
      dueReason: '',
    });
  }
  // Reminders: the last maintenance visit of the last 24 months; due when its date or estimated km comes.
  const candidates = await repo.reminderCandidates(deps.db, dayStart(addMonths(day, -ACTIVE_MONTHS)));
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    const readings = await repo.mileageOf(
      deps.db,
      chunk.map((c) => c.vehicle_id),
    );
    // Each vehicle's readings in one pass (filtering all of the chunk's readings per vehicle was quadratic).
    const byVehicle = new Map<number, MileageReading[]>();
    for (const r of readings) {
      const history = byVehicle.get(r.vehicle_id) ?? [];
      history.push({ day: wallClock(new Date(r.recorded_at)).day, km: r.km });
      byVehicle.set(r.vehicle_id, history);
    }
    for (const c of chunk) {
      const due = maintenanceDue(
        { day: wallClock(new Date(c.opened_at)).day, km: c.mileage_in_km },
        byVehicle.get(c.vehicle_id) ?? [],
      );
      if (due.day > day) continue;
      tasks.push({
        kind: 'maintenance_reminder',
        customerId: c.customer_id,
        vehicleId: c.vehicle_id,
        repairOrderId: c.ro_id,
        dueAt: dayStart(due.day),
        dueReason: due.reason,
      });
    }
  }
  return tasks;
}
