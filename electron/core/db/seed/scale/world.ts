import type { Random } from '../random';
import type { Catalogue } from './catalogue';
import type { Fleet } from './fleet';
import type { PartsRoom } from './parts-room';
import type { Planner } from './planner';
import type { Sink } from './sink';
import type { Staff } from './staff';

/** A job of an RO already written, as comeback detection and the follow-up read it back. */
export interface WrittenJob {
  id: number;
  group: string;
  technicianId: number | null;
}

/** Everything a visit is written with, and what the visits leave behind for the next ones. */
export interface World {
  sink: Sink;
  fleet: Fleet;
  parts: PartsRoom;
  staff: Staff;
  catalogue: Catalogue;
  planner: Planner;
  random: Random;
  /** The end of the history: nothing happens after it. */
  now: number;
  /** Per technician (index into staff.technicians): free from then on. */
  techFree: Float64Array;
  /** How many of the technicians the workshop has at this point of the history (it grew with the volume). */
  activeTechs: number;
  /** Technicians with a clocking still running at `now` (one at a time, as the core enforces). */
  running: Set<number>;
  /** Per vehicle: km driven a day, the last RO delivered (for comebacks), saves to the vehicle row. */
  kmPerDay: Float32Array;
  lastDelivery: Map<number, { roId: number; at: number; km: number; jobs: WrittenJob[] }>;
  vehicleSaves: Int32Array;
  vehicleUpdatedAt: Float64Array;
}
