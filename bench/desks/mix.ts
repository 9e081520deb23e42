/**
 * Who sits at the dealership's desks and what each does, weighted, with think time between actions like real staff.
 * The reads are the scale bench's own cases (bench/scale: the calls each screen makes as it opens or pages, inputs
 * drawn from the file), picked by name; the writes are the steps of its service day (bench/scale/cases-writes.ts),
 * walked one step per action: an advisor books, opens an RO, adds a job, a labor line and a part, sets the promised
 * time and records the customer's approval; the foreman dispatches the approved jobs; a CSI agent logs a complaint on
 * an RO of the day.
 */
import type { Role } from '../../shared/domain/roles';
import type { ReadCase } from '../scale/harness';
import type { serviceDay } from '../scale/cases-writes';

type Flow = ReturnType<typeof serviceDay>;
export type DayState = ReturnType<Flow['begin']>;

/** A desk: its name in the desk list, the demo user who signs in there, the mean pause between two actions. */
export interface DeskSpec {
  name: string;
  username: string;
  role: Role;
  thinkMs: number;
}

/** One weighted choice of a desk: a screen read (a scale case by name) or a write of the desk's role. */
export type Choice = { read: string; weight: number } | { write: WriteKind; weight: number };
export type WriteKind = 'ro-chain' | 'customer-chain' | 'dispatch' | 'complaint';

/** The steps an advisor walks for each car, one per write action (names of bench/scale/cases-writes.ts). */
export const ADVISOR_CHAIN = [
  'appointment booking',
  'create RO',
  'add job (comeback detection)',
  'update job (group, category)',
  'add labor line',
  'add part line (reservation)',
  'set promised time',
  'authorise (customer approves)',
] as const;
/**
 * An advisor who has started a car's paperwork carries it on at the next action with this chance (else looks
 * something up first): a chain of eight steps is done in about sixteen actions, so within a minute or so, and the
 * foreman has approved jobs to dispatch during the measure.
 */
export const CARRY_ON = 0.5;
export const CUSTOMER_CHAIN = ['customer create', 'customer update'] as const;
export const DISPATCH_STEP = 'dispatch job (foreman)';
export const COMPLAINT_STEP = 'complaint create';

/**
 * Fifteen desks of a dealership's service department, in the order they are paired (the manager's first: it makes
 * the other desks' codes). With fewer desks the first N are taken, so the mix of roles stays about the same; with
 * more, the list repeats.
 */
export const DESKS: readonly DeskSpec[] = [
  { name: 'Manager office', username: 'manager', role: 'manager', thinkMs: 6000 },
  { name: 'Reception 1', username: 'advisor', role: 'advisor', thinkMs: 2500 },
  { name: 'Workshop office', username: 'foreman', role: 'foreman', thinkMs: 3000 },
  { name: 'Parts counter 1', username: 'parts_clerk', role: 'parts_clerk', thinkMs: 3000 },
  { name: 'CSI room 1', username: 'csi_agent', role: 'csi_agent', thinkMs: 4000 },
  { name: 'Reception 2', username: 'advisor2', role: 'advisor', thinkMs: 2500 },
  { name: 'Workshop terminal 1', username: 'technician', role: 'technician', thinkMs: 8000 },
  { name: 'Reception 3', username: 'advisor3', role: 'advisor', thinkMs: 2500 },
  { name: 'Parts counter 2', username: 'parts_clerk', role: 'parts_clerk', thinkMs: 3000 },
  { name: 'CSI room 2', username: 'csi_agent2', role: 'csi_agent', thinkMs: 4000 },
  { name: 'Reception 4', username: 'advisor4', role: 'advisor', thinkMs: 2500 },
  { name: 'Workshop terminal 2', username: 'technician2', role: 'technician', thinkMs: 8000 },
  { name: 'Reception 5', username: 'advisor5', role: 'advisor', thinkMs: 2500 },
  { name: 'Express service', username: 'advisor', role: 'advisor', thinkMs: 2500 },
  { name: 'Reception 6', username: 'advisor2', role: 'advisor', thinkMs: 2500 },
];

export function desksFor(count: number): DeskSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const spec = DESKS[i % DESKS.length]!;
    return i < DESKS.length ? spec : { ...spec, name: `${spec.name} (${Math.floor(i / DESKS.length) + 1})` };
  });
}

/** What each role does, weighted (the weights of a role add up to about 100). */
export const MIX: Record<Role, readonly Choice[]> = {
  advisor: [
    // Reception: who is this car, whose is this phone.
    { read: 'reception look-up: full plate', weight: 9 },
    { read: 'reception look-up: VIN tail (6)', weight: 5 },
    { read: 'reception look-up: phone tail (4)', weight: 7 },
    { read: 'reception look-up: name prefix (2)', weight: 3 },
    { read: 'RO page opening (an open RO)', weight: 12 },
    { read: 'RO page opening (any RO)', weight: 4 },
    { read: 'RO list screen opening', weight: 4 },
    { read: 'RO list: view mine_open', weight: 4 },
    { read: 'RO list: view due_today', weight: 2 },
    { read: 'RO list: search plate', weight: 3 },
    { read: 'RO list: status open', weight: 2 },
    { read: 'RO list: sort promisedAt asc', weight: 2 },
    { read: 'customer page opening', weight: 4 },
    { read: 'vehicle page opening', weight: 4 },
    { read: 'customers grid: phone contains (last 4)', weight: 2 },
    { read: 'customers grid: name starts with', weight: 1 },
    // Starting a car's paperwork; once started it is carried on (CARRY_ON).
    { write: 'ro-chain', weight: 10 },
    { write: 'customer-chain', weight: 2 },
  ],
  foreman: [
    { read: 'workshop board opening (today)', weight: 30 },
    { read: 'workshop board: a past day', weight: 3 },
    { read: 'RO list: status in_progress', weight: 6 },
    { read: 'RO list: status qc', weight: 4 },
    { read: 'comebacks list (default)', weight: 4 },
    { read: 'workshop dashboard opening (30 days: FTF + efficiency)', weight: 2 },
    { write: 'dispatch', weight: 25 },
  ],
  technician: [{ read: "technician's jobs opening", weight: 100 }],
  parts_clerk: [
    { read: 'parts counter: number look-up', weight: 25 },
    { read: 'part page opening', weight: 20 },
    { read: 'parts grid: search part number prefix', weight: 12 },
    { read: 'parts grid: search name (few matches)', weight: 8 },
    { read: 'parts grid: bin prefix', weight: 6 },
    { read: 'parts grid: below minimum', weight: 5 },
    { read: 'parts grid: sort onHand desc', weight: 3 },
    { read: 'stock ledger: one part, newest first', weight: 10 },
  ],
  csi_agent: [
    { read: 'follow-up queue: today', weight: 40 },
    { read: 'follow-up queue: overdue', weight: 15 },
    { read: 'follow-up queue: all', weight: 10 },
    { read: 'customer page opening', weight: 15 },
    { read: 'monthly CSI report (+ dealer)', weight: 3 },
    { write: 'complaint', weight: 8 },
  ],
  // No desk of the mix is a warranty administrator's yet (DESKS above); the role is here because the record needs it.
  warranty_admin: [],
  manager: [
    { read: 'KPI dashboard opening (this month, before, 12-month trend)', weight: 8 },
    { read: 'KPIs of a past month', weight: 5 },
    { read: 'KPI drill-down (on-time delivery, a month)', weight: 4 },
    { read: 'RO list: advisor filter', weight: 15 },
    { read: 'audit trail: all', weight: 8 },
    { read: 'audit trail of one RO', weight: 6 },
    { read: 'workshop board opening (today)', weight: 15 },
    { read: 'monthly CSI report (+ dealer)', weight: 4 },
    { read: '三包 radar', weight: 3 },
    { read: 'RO page opening (any RO)', weight: 10 },
  ],
  admin: [],
};

/** The read cases a mix names, by name; a name no case has is an error of this file, found before any desk starts. */
export function casesByName(all: readonly ReadCase<never>[]): Map<string, ReadCase<never>> {
  const byName = new Map(all.map((c) => [c.name, c]));
  for (const [role, choices] of Object.entries(MIX)) {
    for (const choice of choices) {
      if ('read' in choice && !byName.has(choice.read)) throw new Error(`desks mix of ${role}: no read case "${choice.read}"`);
    }
  }
  return byName;
}

export function pick(choices: readonly Choice[], random: () => number): Choice {
  const total = choices.reduce((sum, c) => sum + c.weight, 0);
  let at = random() * total;
  for (const choice of choices) {
    at -= choice.weight;
    if (at < 0) return choice;
  }
  return choices[choices.length - 1]!;
}
