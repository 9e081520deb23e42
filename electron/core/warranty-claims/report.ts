import { sql } from 'kysely';
import type { z } from 'zod';
import type { ClaimsReportDto, claimsGridInput, ClaimSummaryDto } from '../../../shared/contract/warranty-claims';
import type { Page } from '../../../shared/contract/paging';
import { deskDayStart, nextDay } from '../../../shared/domain/desk-time';
import { AGE_BUCKETS, ageBucket, CLAIM_STATUSES, OUTSTANDING_STATUSES } from '../../../shared/domain/warranty-claims';
import { isoNow } from '../clock';
import type { CoreDeps } from '../context';
import type { Db } from '../db/connection';

/**
 * The claims grid and the manager's figures. Every query reads an index of migration 0042 (the plan test
 * tests/integration/plans-warranty-claims.test.ts holds them to it): the grid walks (status, created_at) or
 * created_at, the status and receivable figures the status index, the period's answers the events' `at` index and
 * the money written off the partial index of approved write-offs.
 */

/** The grid's query, exported for its plan test. */
export function claimsGridQuery(db: Db, input: z.output<typeof claimsGridInput>) {
  const direction = input.sortModel[0]?.sort ?? 'desc';
  let query = db
    .selectFrom('warranty_claims as c')
    .innerJoin('repair_orders as r', 'r.id', 'c.repair_order_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .leftJoin('warranty_claim_batches as b', 'b.id', 'c.batch_id')
    .select([
      'c.id',
      'c.number',
      'c.repair_order_id',
      'r.number as ro_number',
      'v.plate',
      'v.vin',
      'c.status',
      'c.claimed_fen',
      'c.paid_fen',
      'c.written_off_fen',
      'c.batch_id',
      'b.number as batch_number',
      'c.created_at',
      'c.submitted_at',
      'c.version',
    ]);
  if (input.status) query = query.where('c.status', '=', input.status);
  return query
    .orderBy('c.created_at', direction)
    .orderBy('c.id', direction)
    .offset(input.startRow)
    .limit(input.endRow - input.startRow + 1);
}

export async function claimsGrid(deps: CoreDeps, input: z.output<typeof claimsGridInput>): Promise<Page<ClaimSummaryDto>> {
  const limit = input.endRow - input.startRow;
  const rows = await claimsGridQuery(deps.db, input).execute();
  return {
    hasMore: rows.length > limit,
    rows: rows.slice(0, limit).map((r) => ({
      id: r.id,
      number: r.number,
      repairOrderId: r.repair_order_id,
      roNumber: r.ro_number,
      plate: r.plate,
      vin: r.vin,
      status: r.status,
      claimedFen: r.claimed_fen,
      paidFen: r.paid_fen,
      writtenOffFen: r.written_off_fen,
      batchId: r.batch_id,
      batchNumber: r.batch_number,
      createdAt: r.created_at,
      submittedAt: r.submitted_at,
      version: r.version,
    })),
  };
}

/** The report's queries, exported for their plan test. */
export function reportQueries(db: Db, range: { from: string; to: string }, now: string) {
  return {
    byStatus: db
      .selectFrom('warranty_claims')
      .select([
        'status',
        sql<number>`count(*)`.as('claims'),
        sql<number>`sum(claimed_fen)`.as('claimed_fen'),
        sql<number>`sum(paid_fen)`.as('paid_fen'),
      ])
      .groupBy('status'),
    receivable: db
      .selectFrom('warranty_claims')
      .select([
        sql<number>`CAST(julianday(${now}) - julianday(coalesce(submitted_at, created_at)) AS INTEGER)`.as('days'),
        'claimed_fen',
      ])
      .where('status', 'in', [...OUTSTANDING_STATUSES]),
    answers: db
      .selectFrom('warranty_claim_events')
      .select([sql<number>`count(*)`.as('answers'), sql<number>`coalesce(sum(to_status = 'rejected'), 0)`.as('rejections')])
      .where('at', '>=', range.from)
      .where('at', '<', range.to)
      .where('from_status', 'in', ['submitted', 'resubmitted']),
    reasons: db
      .selectFrom('warranty_claim_events')
      .select(['note', sql<number>`count(*)`.as('n')])
      .where('at', '>=', range.from)
      .where('at', '<', range.to)
      .where('to_status', '=', 'rejected')
      .groupBy('note')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('note')
      .limit(20),
    writtenOff: db
      .selectFrom('warranty_claims')
      .select([sql<number>`count(*)`.as('claims'), sql<number>`coalesce(sum(written_off_fen), 0)`.as('fen')])
      .where('write_off_approved_at', 'is not', null)
      .where('write_off_approved_at', '>=', range.from)
      .where('write_off_approved_at', '<', range.to),
    pending: db
      .selectFrom('warranty_claims')
      .select([sql<number>`count(*)`.as('claims'), sql<number>`coalesce(sum(written_off_fen), 0)`.as('fen')])
      .where('status', '=', 'partly_paid'),
  };
}

export async function claimsReport(deps: CoreDeps, input: { from: string; to: string }): Promise<ClaimsReportDto> {
  const now = isoNow(deps.clock);
  const q = reportQueries(deps.db, { from: deskDayStart(input.from), to: deskDayStart(nextDay(input.to)) }, now);
  const [byStatus, receivable, answers, reasons, writtenOff, pending] = await Promise.all([
    q.byStatus.execute(),
    q.receivable.execute(),
    q.answers.executeTakeFirstOrThrow(),
    q.reasons.execute(),
    q.writtenOff.executeTakeFirstOrThrow(),
    q.pending.executeTakeFirstOrThrow(),
  ]);
  const buckets = AGE_BUCKETS.map((bucket) => ({ bucket, claims: 0, claimedFen: 0 }));
  for (const r of receivable) {
    const b = buckets[AGE_BUCKETS.indexOf(ageBucket(Math.max(0, Number(r.days))))]!;
    b.claims += 1;
    b.claimedFen += r.claimed_fen;
  }
  const answered = Number(answers.answers);
  const rejections = Number(answers.rejections);
  return {
    byStatus: CLAIM_STATUSES.flatMap((status) => {
      const row = byStatus.find((r) => r.status === status);
      return row
        ? [{ status, claims: Number(row.claims), claimedFen: Number(row.claimed_fen), paidFen: Number(row.paid_fen) }]
        : [];
    }),
    receivable: buckets,
    receivableFen: buckets.reduce((sum, b) => sum + b.claimedFen, 0),
    answers: answered,
    rejections,
    rejectionRateBp: answered === 0 ? 0 : Math.round((rejections * 10_000) / answered),
    reasons: reasons.map((r) => ({ reason: r.note, count: Number(r.n) })),
    writtenOff: { claims: Number(writtenOff.claims), fen: Number(writtenOff.fen) },
    writeOffPending: { claims: Number(pending.claims), fen: Number(pending.fen) },
  };
}
