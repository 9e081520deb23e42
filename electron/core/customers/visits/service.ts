import type { z } from 'zod';
import type {
  CustomerComplaintRow,
  CustomerDeclinedRow,
  CustomerVisitRow,
  VisitSurveyDto,
  customerComplaintsInput,
  customerDeclinedInput,
  customerVisitsInput,
} from '../../../../shared/contract/customers/visits';
import { decodeCursor, encodeCursor, type KeysetPage } from '../../../../shared/contract/keyset';
import { CSI_FACTORS, csiOf, factorScore, type CsiFactor, type CsiWeights } from '../../../../shared/domain/csi';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { notFound } from '../../errors';
import * as repo from './repository';

// The customer file's history (issue 17 item 8): visits with totals and survey scores, declined work, complaints.

/** How many concerns a visit row names; the RO page has the rest. */
const CONCERNS_SHOWN = 3;

function afterOf(cursor: string | undefined, sort: string): repo.After | null {
  const values = decodeCursor(cursor, sort, 2);
  if (!values || typeof values[0] !== 'string' || typeof values[1] !== 'number') return null;
  return { at: values[0], id: values[1] };
}

/** The grid's block as the repository reads it: by key after the block before, else by offset. */
function blockOf(input: { startRow: number; endRow: number; after?: string }, sort: string): repo.Block {
  return { after: afterOf(input.after, sort), offset: input.startRow, limit: input.endRow - input.startRow };
}

function keysetPage<R, T>(rows: R[], limit: number, sort: string, key: (row: R) => [string, number], map: (row: R) => T) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const hasMore = rows.length > limit;
  return { hasMore, rows: page.map(map), next: hasMore && last ? encodeCursor(sort, key(last)) : null };
}

async function existing(db: Db, customerId: number): Promise<void> {
  if (!(await repo.customerExists(db, customerId))) notFound('customer');
}

/** Who reads survey scores: the CSI desk and the manager all of them, an advisor those of their own ROs. */
function readsSurvey(actor: Actor, advisorId: number): boolean {
  return actor.role === 'csi_agent' || actor.role === 'manager' || (actor.role === 'advisor' && advisorId === actor.id);
}

/** CSI and the recommend answer of each survey of the page, as the CSI report counts them (shared/domain/csi.ts). */
async function surveyScores(db: Db, actor: Actor, repairOrderIds: number[]): Promise<Map<number, VisitSurveyDto>> {
  const responses = (await repo.surveysOf(db, repairOrderIds)).filter((row) => readsSurvey(actor, row.advisor_id));
  const answers = await repo.numericAnswersOf(
    db,
    responses.map((row) => row.id),
  );
  const weightRows = await repo.weightsOf(db, [...new Set(responses.map((row) => row.template_id))]);
  const scores = new Map<number, VisitSurveyDto>();
  for (const response of responses) {
    const weights = Object.fromEntries(CSI_FACTORS.map((factor) => [factor, 0])) as CsiWeights;
    for (const row of weightRows) if (row.template_id === response.template_id) weights[row.factor] = row.weight_pct;
    const sums = new Map<CsiFactor, { sum: number; n: number }>();
    let recommend: number | null = null;
    for (const answer of answers) {
      if (answer.response_id !== response.id || answer.value_int === null) continue;
      if (answer.scale === 'recommend_0_10') recommend = answer.value_int;
      else if (answer.factor) {
        const sum = sums.get(answer.factor) ?? { sum: 0, n: 0 };
        sums.set(answer.factor, { sum: sum.sum + answer.value_int, n: sum.n + 1 });
      }
    }
    const factorScores = Object.fromEntries([...sums].map(([factor, { sum, n }]) => [factor, factorScore(sum / n)]));
    const csi = csiOf(factorScores, weights);
    scores.set(response.repair_order_id, {
      answeredAt: response.answered_at,
      csi: csi === null ? null : Math.round(csi),
      recommend,
      dissatisfied: response.dissatisfied === 1,
    });
  }
  return scores;
}

export async function visits(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof customerVisitsInput>,
): Promise<KeysetPage<CustomerVisitRow>> {
  await existing(deps.db, input.customerId);
  const sort = `visits:${input.state}`;
  const block = blockOf(input, sort);
  const rows = await repo.visits(deps.db, input.customerId, input.state, block);
  const ids = rows.slice(0, block.limit).map((row) => row.id);
  const jobs = await repo.jobsOf(deps.db, ids);
  const surveys = await surveyScores(deps.db, actor, ids);
  return keysetPage(
    rows,
    block.limit,
    sort,
    (row) => [row.opened_at, row.id],
    (row) => {
      const concerns = jobs.filter((job) => job.repair_order_id === row.id).map((job) => job.concern);
      return {
        id: row.id,
        number: row.number,
        status: row.status,
        openedAt: row.opened_at,
        promisedAt: row.promised_at,
        mileageInKm: row.mileage_in_km,
        vehicle: { id: row.vehicle_id, plate: row.plate, makeModel: `${row.make} ${row.model}` },
        advisorName: row.advisor_name,
        concerns: concerns.slice(0, CONCERNS_SHOWN),
        jobCount: concerns.length,
        totalFen: Number(row.total_fen ?? 0),
        survey: surveys.get(row.id) ?? null,
        source: row.source,
      };
    },
  );
}

export async function declinedWork(
  deps: CoreDeps,
  input: z.output<typeof customerDeclinedInput>,
): Promise<KeysetPage<CustomerDeclinedRow>> {
  await existing(deps.db, input.customerId);
  const sort = 'declined';
  const block = blockOf(input, sort);
  const rows = await repo.declinedWork(deps.db, input.customerId, block);
  return keysetPage(
    rows,
    block.limit,
    sort,
    (row) => [row.declined_at, row.id],
    (row) => ({
      id: row.id,
      repairOrder: { id: row.repair_order_id, number: row.repair_order_number },
      vehicle: { id: row.vehicle_id, plate: row.plate },
      concern: row.concern,
      concernGroup: row.concern_group,
      totalFen: row.total_fen,
      declinedAt: row.declined_at,
      status: row.status,
    }),
  );
}

export async function complaints(
  deps: CoreDeps,
  input: z.output<typeof customerComplaintsInput>,
): Promise<KeysetPage<CustomerComplaintRow>> {
  await existing(deps.db, input.customerId);
  const sort = 'complaints';
  const block = blockOf(input, sort);
  const rows = await repo.complaints(deps.db, input.customerId, block);
  return keysetPage(
    rows,
    block.limit,
    sort,
    (row) => [row.created_at, row.id],
    (row) => ({
      id: row.id,
      number: row.number,
      createdAt: row.created_at,
      level: row.level,
      status: row.status,
      nextStep: row.next_step,
      customerSays: row.customer_says,
      repairOrder:
        row.repair_order_id !== null && row.repair_order_number !== null
          ? { id: row.repair_order_id, number: row.repair_order_number }
          : null,
    }),
  );
}
