import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { AuthorisationDto, authoriseInput } from '../../../../shared/contract/repair-orders/authorisation';
import type { RepairOrderDetail } from '../../../../shared/contract/repair-orders';
import { sumLines } from '../../../../shared/domain/money';
import type { Actor, CoreDeps } from '../../context';
import type { RepairOrderLinesTable } from '../../db/schema';
import { fail, notFound, staleVersion } from '../../errors';
import * as authorisations from './repository';
import { insertDeclinedWork } from './declined-work-repository';
import * as repo from '../repository';
import { deskDay, deskDayStart } from '../../../../shared/domain/desk-time';
import { editRepairOrder } from '../editing';

/** What a job comes to: the sum of its stored rounded lines, as the RO shows it. */
export function jobTotalFen(lines: readonly Selectable<RepairOrderLinesTable>[], jobId: number): number {
  return sumLines(
    lines
      .filter((line) => line.job_id === jobId)
      .map((line) => ({
        grossFen: line.gross_fen,
        discountFen: line.discount_fen,
        netFen: line.net_fen,
        taxFen: line.tax_fen,
        totalFen: line.total_fen,
      })),
  ).totalFen;
}

/**
 * When the customer answered: now when not given; an earlier time of the desk's today is a phone call being written
 * down after it; a time still to come, or of an earlier day, is a typing slip.
 */
function checkAuthorisedAt(authorisedAt: string | undefined, now: Date): string {
  if (authorisedAt === undefined) return now.toISOString();
  const at = new Date(authorisedAt);
  if (at.getTime() > now.getTime()) fail('RULE', 'date.future', 'authorisedAt');
  if (at.toISOString() < deskDayStart(deskDay(now))) fail('RULE', 'authorisedAt.notToday', 'authorisedAt');
  return at.toISOString();
}

/**
 * repairOrders.authorise: in one transaction, the jobs' answers, the authorisation with its decisions (each job's
 * concern and total as the customer saw them), declined work on the vehicle for each declined job, and the RO's
 * version. Every job must be of this RO and still pending; nothing is written when one is not.
 */
export async function authorise(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof authoriseInput>,
): Promise<RepairOrderDetail> {
  const authorisedAt = checkAuthorisedAt(input.authorisedAt, deps.clock.now());
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    if (authorisedAt < ro.opened_at) fail('RULE', 'authorisedAt.beforeOpened', 'authorisedAt');

    const jobs = await repo.findJobs(trx, ro.id);
    const lines = await repo.findLines(trx, ro.id);
    const decided = input.decisions.map((decision, k) => {
      const job = jobs.find((candidate) => candidate.id === decision.jobId);
      if (!job) fail('NOT_FOUND', 'notFound', `decisions.${k}.jobId`, { what: 'job' });
      if (job.authorization_state === 'approved') fail('RULE', 'decision.alreadyApproved', `decisions.${k}.jobId`);
      if (job.authorization_state === 'declined') fail('RULE', 'decision.alreadyDeclined', `decisions.${k}.jobId`);
      return { job, decision: decision.decision, totalFen: jobTotalFen(lines, job.id) };
    });

    const authorisationId = await authorisations.insertAuthorisation(trx, {
      repair_order_id: ro.id,
      customer_name: input.customerName,
      channel: input.channel,
      authorised_at: authorisedAt,
      signature_png: input.signaturePng,
      signed_on_paper: input.signedOnPaper ? 1 : 0,
      note: input.note,
      approved_total_fen: decided.filter((d) => d.decision === 'approved').reduce((sum, d) => sum + d.totalFen, 0),
      recorded_by: actor.id,
      recorded_at: now,
    });
    for (const { job, decision, totalFen } of decided) {
      // The conditional update is the last guard: a job answered in the meantime is never answered twice.
      if (!(await authorisations.decideJob(trx, job.id, decision, now))) staleVersion();
      await authorisations.insertAuthorisationJob(trx, {
        authorisation_id: authorisationId,
        job_id: job.id,
        concern: job.concern,
        decision,
        job_total_fen: totalFen,
      });
      if (decision === 'declined') {
        await insertDeclinedWork(trx, {
          vehicle_id: ro.vehicle_id,
          repair_order_id: ro.id,
          job_id: job.id,
          concern: job.concern,
          concern_group: job.concern_group,
          payer: job.payer,
          total_fen: totalFen,
          declined_at: authorisedAt,
        });
      }
    }
  });
}

/** repairOrders.authorisations: newest first, each with its decisions in the order they were given. */
export async function listAuthorisations(deps: CoreDeps, repairOrderId: number): Promise<AuthorisationDto[]> {
  if (!(await repo.findRepairOrder(deps.db, repairOrderId))) notFound('repairOrder');
  const rows = await authorisations.findAuthorisations(deps.db, repairOrderId);
  const decisions = await authorisations.findAuthorisationJobs(
    deps.db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    repairOrderId: row.repair_order_id,
    customerName: row.customer_name,
    channel: row.channel,
    authorisedAt: row.authorised_at,
    signaturePng: row.signature_png,
    signedOnPaper: row.signed_on_paper === 1,
    note: row.note,
    approvedTotalFen: row.approved_total_fen,
    recordedBy: { id: row.recorded_by, displayName: row.recorded_by_name },
    recordedAt: row.recorded_at,
    decisions: decisions
      .filter((decision) => decision.authorisation_id === row.id)
      .map((decision) => ({
        jobId: decision.job_id,
        concern: decision.concern,
        decision: decision.decision,
        jobTotalFen: decision.job_total_fen,
      })),
  }));
}
