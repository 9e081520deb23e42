import type { ConcernGroup } from '../../../../../shared/domain/concern-groups';
import type { GuaranteeCategory } from '../../../../../shared/domain/guarantee';
import { ARRIVAL_SLOTS, REPAIRS } from '../history';
import type { Random } from '../random';
import { DAY, MINUTE, deskDay, deskInstant } from './calendar';
import type { Fleet } from './fleet';

export type Repair = (typeof REPAIRS)[number];
export type { ConcernGroup, GuaranteeCategory };

/** One visit as planned: which car, when it arrives, what for. What happens to it is decided by the writer. */
export interface Visit {
  vehicle: number;
  arrival: number;
  kind: 'maintenance' | 'repair';
  repairs: Repair[];
  appointment: boolean;
  /** The car is back for a fault fixed (not well enough) at an earlier visit. */
  comeback: boolean;
}

/** A min-heap of vehicles by the time their next visit is due. */
class DueHeap {
  private due = new Float64Array(1024);
  private vehicle = new Int32Array(1024);
  size = 0;

  push(due: number, vehicle: number): void {
    if (this.size === this.due.length) {
      const due = new Float64Array(this.size * 2);
      due.set(this.due);
      this.due = due;
      const vehicle = new Int32Array(this.size * 2);
      vehicle.set(this.vehicle);
      this.vehicle = vehicle;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.due[parent]! <= due) break;
      this.due[i] = this.due[parent]!;
      this.vehicle[i] = this.vehicle[parent]!;
      i = parent;
    }
    this.due[i] = due;
    this.vehicle[i] = vehicle;
  }

  peekDue(): number {
    return this.size > 0 ? this.due[0]! : Number.POSITIVE_INFINITY;
  }

  pop(): number {
    const top = this.vehicle[0]!;
    const lastDue = this.due[--this.size]!;
    const lastVehicle = this.vehicle[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.due[child + 1]! < this.due[child]!) child += 1;
      if (this.due[child]! >= lastDue) break;
      this.due[i] = this.due[child]!;
      this.vehicle[i] = this.vehicle[child]!;
      i = child;
    }
    this.due[i] = lastDue;
    this.vehicle[i] = lastVehicle;
    return top;
  }
}

const MAINTENANCE_SHARE = 0.42;
/** Visits are up to this late before the owner is taken to have gone elsewhere (the car lapses). */
const LATE_DAYS = 21;

/**
 * Chooses each day's cars. Every car joins when the dealership first sees it and is due again some months after
 * each visit (2-4 visits a year while it comes at all); a day takes the cars most due, and a car more than a month
 * overdue has gone elsewhere (now and then it comes back a year or two later). Comebacks and repeat faults are
 * booked for their day. So the volume follows the dealership's growth while each car keeps a believable rhythm.
 */
export class Planner {
  private readonly heap = new DueHeap();
  private readonly order: Int32Array;
  private joined = 0;
  /** The car is in the workshop (or booked) until then: not chosen again before. */
  readonly busyUntil: Float64Array;
  private readonly forced = new Map<number, Visit[]>();

  constructor(
    private readonly fleet: Fleet,
    private readonly random: Random,
    private readonly firstDay: number,
  ) {
    const n = fleet.vehicleCount;
    this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.order.sort((a, b) => fleet.createdAt[a]! - fleet.createdAt[b]!);
    this.busyUntil = new Float64Array(n);
  }

  /** Books a visit for its day (a comeback, a repeat fault); it comes whatever the day's volume. */
  book(visit: Visit): void {
    const day = deskDay(visit.arrival);
    let list = this.forced.get(day);
    if (!list) this.forced.set(day, (list = []));
    list.push(visit);
    this.busyUntil[visit.vehicle] = Math.max(this.busyUntil[visit.vehicle]!, visit.arrival + DAY);
  }

  /** The car is due again after a visit on `at`. */
  dueAgain(vehicle: number, at: number): void {
    const r = this.random;
    // Lapses: sold, moved away, or gone to an independent garage once out of warranty.
    if (r.chance(0.12)) {
      if (r.chance(0.3)) this.heap.push(at + r.int(400, 900) * DAY, vehicle);
      return;
    }
    this.heap.push(at + r.int(60, 150) * DAY, vehicle);
  }

  private join(until: number): void {
    const { fleet, random } = this;
    const historyStart = deskInstant(this.firstDay, 0);
    while (this.joined < this.order.length && fleet.createdAt[this.order[this.joined]!]! <= until) {
      const v = this.order[this.joined++]!;
      const created = fleet.createdAt[v]!;
      if (created < historyStart) {
        // Already a customer when the history starts: due some time in the first months (if it still comes at all).
        const age = (historyStart - created) / (365 * DAY);
        if (random.chance(Math.min(0.85, age * 0.12))) continue;
        this.heap.push(historyStart + random.int(0, 200) * DAY, v);
      } else if (Number.isNaN(fleet.invoiceAt[v]!)) {
        // Bought elsewhere: first seen at a visit, the day its file was opened.
        this.heap.push(created, v);
      } else {
        // Sold here: the first service a few months on.
        this.heap.push(created + random.int(60, 180) * DAY, v);
      }
    }
  }

  /** The visits of desk day `day`, `wanted` of them besides the booked ones, in arrival order. */
  day(day: number, wanted: number): Visit[] {
    const r = this.random;
    const end = deskInstant(day + 1, 0);
    this.join(end);
    const visits: Visit[] = [...(this.forced.get(day) ?? [])];
    this.forced.delete(day);
    const taken = new Set(visits.map((v) => v.vehicle));
    const skipped: [number, number][] = [];
    const lateBefore = deskInstant(day - LATE_DAYS, 0);
    while (visits.length < wanted && this.heap.size > 0) {
      const due = this.heap.peekDue();
      const v = this.heap.pop();
      if (due < lateBefore) {
        if (r.chance(0.25)) this.heap.push(end + r.int(300, 800) * DAY, v);
        continue;
      }
      if (taken.has(v) || this.busyUntil[v]! > deskInstant(day, 0) || this.fleet.createdAt[v]! > end - 2 * 60 * MINUTE) {
        skipped.push([Math.max(due, end), v]);
        continue;
      }
      taken.add(v);
      visits.push(this.visit(v, day));
    }
    for (const [due, v] of skipped) this.heap.push(due, v);
    visits.sort((a, b) => a.arrival - b.arrival);
    return visits;
  }

  /** A visit of car `v` on `day`: maintenance or a repair, by appointment or not, at a believable time. */
  visit(v: number, day: number, repair?: Repair): Visit {
    const r = this.random;
    const kind = repair ? 'repair' : r.chance(MAINTENANCE_SHARE) ? 'maintenance' : 'repair';
    const repairs: Repair[] = [];
    if (repair) repairs.push(repair);
    else if (kind === 'repair') {
      repairs.push(r.pick(REPAIRS));
      if (r.chance(0.45)) repairs.push(r.pick(REPAIRS));
      if (r.chance(0.12)) repairs.push(r.pick(REPAIRS));
    } else if (r.chance(0.4)) repairs.push(r.pick(REPAIRS));
    const isEv = this.fleet.fuel[v] === 'bev';
    const kept = isEv ? repairs.filter((x) => x[2] !== 'engine') : repairs;
    const unique = kept.filter((x, i) => kept.findIndex((y) => y[0] === x[0]) === i);
    const appointment = r.chance(kind === 'maintenance' ? 0.68 : 0.36);
    // Booked cars come at their slot; walk-ins any time the reception is open, most in the morning.
    const minute = appointment
      ? r.pick(ARRIVAL_SLOTS) + r.int(-5, 12)
      : r.chance(0.65)
        ? r.int(7 * 60 + 50, 11 * 60 + 30)
        : r.int(11 * 60 + 30, 17 * 60 + 30);
    let arrival = deskInstant(day, minute);
    // A car first seen today arrives after its file was opened.
    if (arrival <= this.fleet.createdAt[v]!) arrival = this.fleet.createdAt[v]! + r.int(1, 20) * MINUTE;
    return {
      vehicle: v,
      arrival,
      kind: unique.length === 0 ? 'maintenance' : kind,
      repairs: unique,
      appointment,
      comeback: repair !== undefined,
    };
  }
}
