import type BetterSqlite3 from 'better-sqlite3';
import { deskDay, iso } from './calendar';
import { prepareStatements, type Statements } from './statements';

/** Who did something, as the audit trail names them. */
export interface Staffer {
  id: number;
  username: string;
  displayName: string;
  role: string;
}

/** Tables whose ids the generator hands out (see Sink.next). */
const ID_TABLES = [
  'repairOrder',
  'job',
  'line',
  'statusHistory',
  'appointment',
  'mileage',
  'damageMark',
  'authorisation',
  'authorisationJob',
  'declinedWork',
  'clocking',
  'jobState',
  'qc',
  'certificate',
  'payment',
  'comeback',
  'reservation',
  'oldPart',
  'movement',
  'part',
  'supplier',
  'followupTask',
  'followupAttempt',
  'surveyResponse',
  'surveyAnswer',
  'complaint',
  'complaintStep',
  'audit',
  'attendance',
] as const;
export type IdTable = (typeof ID_TABLES)[number];

type AuditRow = [
  at: number,
  seq: number,
  actor: Staffer | null,
  entity: string,
  entityId: number | null,
  roId: number | null,
  action: string,
  details: string,
];

/**
 * Where the generated rows go: the prepared statements, the ids (given here in the order the app would have given
 * them), the per-year document numbers, and the audit trail.
 *
 * The audit trail is the one table whose order is its meaning (the trail pages by time and id), but a visit's
 * entries are made when the visit is generated, days before some of them happen (a delivery, a complaint's steps).
 * So entries wait in a bucket per desk day and are written, in time order, once the generator has moved past that
 * day: every entry of a day is known by then, because nothing generated later happens earlier.
 */
export class Sink {
  readonly s: Statements;
  private readonly ids: Record<IdTable, number>;
  private readonly numbers = new Map<string, number>();
  private readonly audits = new Map<number, AuditRow[]>();
  private auditSeq = 0;
  readonly written: Partial<Record<IdTable, number>> = {};

  constructor(readonly sqlite: BetterSqlite3.Database) {
    this.s = prepareStatements(sqlite);
    this.ids = Object.fromEntries(ID_TABLES.map((t) => [t, 0])) as Record<IdTable, number>;
    // Tables the base seed already wrote to (the fleet's registration readings): carry on after them.
    this.ids.mileage = Number(sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM vehicle_mileage').pluck().get());
  }

  next(table: IdTable): number {
    return ++this.ids[table];
  }

  /** How many ids of `table` were handed out (the row count for tables the generator fills alone). */
  count(table: IdTable): number {
    return this.ids[table];
  }

  /** The next number of a numbered document (RO, HG, TS...) in a desk year, as the sequence tables count them. */
  number(kind: string, year: number): number {
    const key = `${kind}|${year}`;
    const n = (this.numbers.get(key) ?? 0) + 1;
    this.numbers.set(key, n);
    return n;
  }

  /** Writes the sequence tables from what was handed out ('RO' and 'HG' have their own tables, as in the core). */
  writeSequences(): void {
    for (const [key, last] of this.numbers) {
      const [kind, yearText] = key.split('|') as [string, string];
      const year = Number(yearText);
      if (kind === 'RO') this.s.sequence.run(year, last);
      else if (kind === 'HG') this.s.certificateSequence.run(year, last);
      else this.s.documentSequence.run(kind, year, last);
    }
  }

  audit(
    at: number,
    actor: Staffer | null,
    entity: string,
    entityId: number | null,
    repairOrderId: number | null,
    action: string,
    details: object,
  ): void {
    const day = deskDay(at);
    let bucket = this.audits.get(day);
    if (!bucket) this.audits.set(day, (bucket = []));
    bucket.push([at, this.auditSeq++, actor, entity, entityId, repairOrderId, action, JSON.stringify(details)]);
  }

  /** Writes the audit entries of every desk day before `day` (all of them when `day` is Infinity), in time order. */
  flushAudit(day: number): void {
    const days = [...this.audits.keys()].filter((d) => d < day).sort((a, b) => a - b);
    for (const d of days) {
      const rows = this.audits.get(d)!;
      this.audits.delete(d);
      rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (const [at, , actor, entity, entityId, roId, action, details] of rows) {
        this.s.audit.run(
          this.next('audit'),
          iso(at),
          actor?.id ?? null,
          actor?.displayName ?? '',
          actor?.role ?? '',
          entity,
          entityId,
          roId,
          action,
          details,
        );
      }
    }
  }
}
