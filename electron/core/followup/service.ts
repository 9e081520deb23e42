import type { z } from 'zod';
import type {
  FollowupTaskDetail,
  FollowupTaskRow,
  followupGridInput,
  LapsedRateDto,
  letterGridInput,
  LetterRow,
  lapsedRateInput,
  lettersInput,
  markSentInput,
  queueInput,
  recordAttemptInput,
  QueueDue,
  ScriptParams,
} from '../../../shared/contract/followup';
import type { Page } from '../../../shared/contract/paging';
import { monthOf, monthStart, shiftMonth } from '../../../shared/domain/kpi-months';
import { addDays, wallClock } from '../../../shared/domain/desk-time';
import {
  CALL_DAY_DEFAULT,
  CALL_DAY_MAX,
  CALL_DAY_MIN,
  channelAfter,
  csiCallDay,
  isFailedOutcome,
  LAPSED_MONTHS,
  SCRIPT_KEYS,
  type FollowupChannel,
  type FollowupKind,
} from '../../../shared/domain/followup';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail, notFound, staleVersion } from '../errors';
import { readSetting, writeSetting } from '../settings/repository';
import { inReadWorker } from '../workers/core-workers';
import { dayStart } from './due-tasks';
import * as repo from './repository';

/** Setting keys of the follow-up queue; the manager's settings screen (a later issue) writes them. */
export const FOLLOWUP_KEYS = {
  callDay: 'followup.callDay',
  /** The desk day generateDue last ran on; the queue generates at most once a day by itself (the scan reads every RO). */
  generatedOn: 'followup.generatedOn',
} as const;

/** The day after delivery the CSI call is due: the setting when it is a whole number 1-7, else the default 3. */
export async function callDay(db: Db): Promise<number> {
  const raw = await readSetting(db, FOLLOWUP_KEYS.callDay);
  if (raw === null || !/^\d+$/.test(raw.trim())) return CALL_DAY_DEFAULT;
  const value = Number(raw.trim());
  return value >= CALL_DAY_MIN && value <= CALL_DAY_MAX ? value : CALL_DAY_DEFAULT;
}

function today(deps: CoreDeps): string {
  return wallClock(deps.clock.now()).day;
}

/**
 * Called inside repairOrders.deliver's transaction: the RO's day-N CSI call, unless its customer does not consent to
 * be contacted (then no task at all) or the RO already has one.
 */
export async function createCsiCallTask(
  trx: Db,
  ro: { id: number; customer_id: number; vehicle_id: number },
  deliveredAt: string,
): Promise<void> {
  if (!(await repo.consents(trx, ro.customer_id))) return;
  const exists = await trx
    .selectFrom('followup_tasks')
    .select('id')
    .where('repair_order_id', '=', ro.id)
    .where('kind', '=', 'csi_call')
    .executeTakeFirst();
  if (exists) return;
  const due = csiCallDay(wallClock(new Date(deliveredAt)).day, await callDay(trx));
  await repo.insertTask(trx, {
    kind: 'csi_call',
    customer_id: ro.customer_id,
    vehicle_id: ro.vehicle_id,
    repair_order_id: ro.id,
    status: 'open',
    channel: 'call',
    due_at: dayStart(due),
    due_reason: '',
    attempts: 0,
    failed_attempts: 0,
    closed_at: null,
    closed_by: null,
    created_at: deliveredAt,
    updated_at: deliveredAt,
  });
}

type Declined = Awaited<ReturnType<typeof repo.openDeclinedOf>>[number];

function scriptParams(row: repo.TaskRow, declined: readonly Declined[]): ScriptParams {
  const params: ScriptParams = {
    customerName: row.customer_name,
    plate: row.plate,
    makeModel: `${row.make} ${row.model}`.trim(),
    dueDay: wallClock(new Date(row.due_at)).day,
  };
  if (row.ro_number !== null) params.roNumber = row.ro_number;
  if (row.advisor_name !== null) params.advisorName = row.advisor_name;
  const kind = row.kind;
  if (kind === 'csi_call' && row.delivered_at !== null) params.deliveredDay = wallClock(new Date(row.delivered_at)).day;
  if (kind === 'lapsed' && row.ro_opened_at !== null) params.lastVisitDay = wallClock(new Date(row.ro_opened_at)).day;
  if (kind === 'maintenance_reminder') params.dueReason = row.due_reason;
  if (kind !== 'lapsed') {
    // The scripts mention the open declined work: how many items and the first three concerns.
    params.declinedCount = declined.length;
    params.declinedWork = declined
      .slice(0, 3)
      .map((d) => d.concern)
      .join('、');
  }
  return params;
}

function rowDto(row: repo.TaskRow, declined: readonly Declined[]): FollowupTaskRow {
  const kind = row.kind;
  return {
    id: row.id,
    kind,
    status: row.status,
    channel: row.channel,
    customer: { id: row.customer_id, name: row.customer_name },
    phone: row.phone,
    vehicle: { id: row.vehicle_id, plate: row.plate, makeModel: `${row.make} ${row.model}`.trim() },
    repairOrder:
      row.repair_order_id !== null && row.ro_number !== null ? { id: row.repair_order_id, number: row.ro_number } : null,
    advisor: row.advisor_id !== null && row.advisor_name !== null ? { id: row.advisor_id, displayName: row.advisor_name } : null,
    dueAt: row.due_at,
    dueDay: wallClock(new Date(row.due_at)).day,
    dueReason: row.due_reason === '' ? null : row.due_reason,
    attempts: row.attempts,
    failedAttempts: row.failed_attempts,
    scriptKey: SCRIPT_KEYS[kind],
    scriptParams: scriptParams(row, declined),
    version: row.version,
  };
}

async function rowDtos(db: Db, rows: readonly repo.TaskRow[]): Promise<FollowupTaskRow[]> {
  const declined = await repo.openDeclinedOf(db, [...new Set(rows.map((r) => r.vehicle_id))]);
  return rows.map((row) =>
    rowDto(
      row,
      declined.filter((d) => d.vehicle_id === row.vehicle_id),
    ),
  );
}

/** A csi_call of an RO the caller was the advisor of is not theirs to make. */
function isOwnRo(row: repo.TaskRow, actor: Actor): boolean {
  return row.kind === 'csi_call' && row.advisor_id === actor.id;
}

async function detail(db: Db, row: repo.TaskRow): Promise<FollowupTaskDetail> {
  const [declined, attempts] = await Promise.all([repo.openDeclinedOf(db, [row.vehicle_id]), repo.attemptsOf(db, row.id)]);
  let summary: FollowupTaskDetail['repairOrderSummary'] = null;
  if (row.repair_order_id !== null && row.ro_number !== null && row.advisor_id !== null) {
    const jobs = await repo.roJobs(db, row.repair_order_id);
    const technicians = new Map<number, string>();
    for (const job of jobs) if (job.technician_id !== null) technicians.set(job.technician_id, job.technician_name ?? '');
    summary = {
      id: row.repair_order_id,
      number: row.ro_number,
      deliveredAt: row.delivered_at,
      advisor: { id: row.advisor_id, displayName: row.advisor_name ?? '' },
      jobs: jobs.map((job) => ({
        id: job.id,
        concern: job.concern,
        correction: job.correction,
        technician: job.technician_id === null ? null : { id: job.technician_id, displayName: job.technician_name ?? '' },
      })),
      technicians: [...technicians].map(([id, displayName]) => ({ id, displayName })),
    };
  }
  const closedBy = row.closed_by === null ? undefined : await repo.userName(db, row.closed_by);
  return {
    ...rowDto(row, declined),
    repairOrderSummary: summary,
    declinedWork: declined.map((d) => ({ id: d.id, concern: d.concern, totalFen: d.total_fen, declinedAt: d.declined_at })),
    attemptsHistory: attempts.map((a) => ({
      id: a.id,
      by: { id: a.user_id, displayName: a.user_name },
      at: a.attempted_at,
      outcome: a.outcome,
      note: a.note,
      callBackAt: a.call_back_at,
    })),
    closedAt: row.closed_at,
    closedBy: row.closed_by === null ? null : { id: row.closed_by, displayName: closedBy?.display_name ?? '' },
  };
}

async function loadTask(db: Db, id: number): Promise<repo.TaskRow> {
  const row = await repo.findTask(db, id);
  if (!row) return notFound('followupTask');
  return row;
}

/**
 * Creates the lapsed and reminder tasks due as of today; returns how many. What is due is read in a read worker (see
 * ./due-tasks); only the inserts run in the write transaction, so the first queue of the day holds no desk. `daily`:
 * the queue's own once-a-day run, which does nothing if another desk's queue has run it meanwhile.
 */
async function generate(deps: CoreDeps, daily: boolean): Promise<number> {
  const now = isoNow(deps.clock);
  const day = today(deps);
  const due = await inReadWorker(deps, 'followup.dueTasks', { day });
  const created = await deps.db.transaction().execute(async (trx) => {
    if (daily && (await readSetting(trx, FOLLOWUP_KEYS.generatedOn)) === day) return 0;
    let count = 0;
    for (const task of due) {
      // A task opened since the worker read (one open task per car and kind) is kept; this one is then not needed.
      const inserted = await repo.insertTaskUnlessOpen(trx, {
        customer_id: task.customerId,
        vehicle_id: task.vehicleId,
        repair_order_id: task.repairOrderId,
        kind: task.kind,
        status: 'open',
        channel: 'call',
        attempts: 0,
        failed_attempts: 0,
        closed_at: null,
        closed_by: null,
        due_at: task.dueAt,
        due_reason: task.dueReason,
        created_at: now,
        updated_at: now,
      });
      if (inserted) count += 1;
    }
    await writeSetting(trx, FOLLOWUP_KEYS.generatedOn, day);
    return count;
  });
  if (created > 0) deps.events.publish({ area: 'followup' });
  return created;
}

/**
 * The day's lapsed and reminder calls, made ahead of the first queue of the day (the schedule's hourly run, see
 * ./schedule): reading what is due takes seconds on a large file, and a CSI agent opening the queue in the morning
 * should not wait for it. Nothing when this day's run is done already.
 */
export async function prepareToday(deps: CoreDeps): Promise<number> {
  if ((await readSetting(deps.db, FOLLOWUP_KEYS.generatedOn)) === today(deps)) return 0;
  return generate(deps, true);
}

/** followup.generateDue. */
export async function generateDue(deps: CoreDeps): Promise<{ created: number }> {
  return { created: await generate(deps, false) };
}

/** followup.queue: the due call tasks the caller may make, paged in SQL. */
export async function queue(deps: CoreDeps, actor: Actor, input: z.output<typeof queueInput>): Promise<Page<FollowupTaskRow>> {
  return queuePage(deps, actor, { ...input, descending: false });
}

/** followup.grid: the call queue a block of the grid at a time, by due time either way round. */
export async function grid(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof followupGridInput>,
): Promise<Page<FollowupTaskRow>> {
  return queuePage(deps, actor, { kind: input.kind, due: input.due, ...gridBlock(input) });
}

/** A grid request's block as offset and limit, and its due order. */
function gridBlock(input: z.output<typeof letterGridInput>) {
  const descending = input.sortModel[0]?.sort === 'desc';
  return { offset: input.startRow, limit: input.endRow - input.startRow, descending };
}

async function queuePage(
  deps: CoreDeps,
  actor: Actor,
  input: { kind?: FollowupKind; due: QueueDue; offset: number; limit: number; descending: boolean },
): Promise<Page<FollowupTaskRow>> {
  const day = today(deps);
  if ((await readSetting(deps.db, FOLLOWUP_KEYS.generatedOn)) !== day) await generate(deps, true);
  const startToday = dayStart(day);
  const startTomorrow = dayStart(addDays(day, 1));
  const rows = await repo.openTasks(deps.db, {
    channel: 'call',
    kind: input.kind,
    dueFrom: input.due === 'today' ? startToday : undefined,
    dueBefore: input.due === 'overdue' ? startToday : startTomorrow,
    notAdvisor: actor.id,
    descending: input.descending,
    offset: input.offset,
    limit: input.limit,
  });
  return { hasMore: rows.length > input.limit, rows: await rowDtos(deps.db, rows.slice(0, input.limit)) };
}

/** followup.letters: the SMS/letter list. */
export async function letters(deps: CoreDeps, actor: Actor, input: z.output<typeof lettersInput>): Promise<Page<LetterRow>> {
  return letterPage(deps, actor, { ...input, descending: false });
}

/** followup.letterGrid: the SMS/letter list a block of the grid at a time. */
export async function letterGrid(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof letterGridInput>,
): Promise<Page<LetterRow>> {
  return letterPage(deps, actor, gridBlock(input));
}

async function letterPage(
  deps: CoreDeps,
  actor: Actor,
  input: { offset: number; limit: number; descending: boolean },
): Promise<Page<LetterRow>> {
  const rows = await repo.openTasks(deps.db, {
    channel: 'sms_letter',
    notAdvisor: actor.id,
    descending: input.descending,
    offset: input.offset,
    limit: input.limit,
  });
  const page = rows.slice(0, input.limit);
  const dtos = await rowDtos(deps.db, page);
  return { hasMore: rows.length > input.limit, rows: dtos.map((dto, i) => ({ ...dto, address: page[i]!.customer_address })) };
}

/** followup.task: the call screen's task. */
export async function task(deps: CoreDeps, actor: Actor, id: number): Promise<FollowupTaskDetail> {
  const row = await loadTask(deps.db, id);
  if (isOwnRo(row, actor)) fail('FORBIDDEN', 'followup.ownRo');
  return detail(deps.db, row);
}

/** The open task the caller may work on, in `channel`; refused otherwise (nothing written). */
async function workable(trx: Db, actor: Actor, id: number, channel: FollowupChannel): Promise<repo.TaskRow> {
  const row = await loadTask(trx, id);
  if (isOwnRo(row, actor)) fail('FORBIDDEN', 'followup.ownRo');
  if (row.status !== 'open') fail('RULE', 'followup.closed');
  if (row.consent_to_contact !== 1) fail('RULE', 'followup.noConsent');
  if (row.channel !== channel) fail('RULE', channel === 'call' ? 'followup.notCall' : 'followup.notLetter');
  return row;
}

/** followup.recordAttempt. */
export async function recordAttempt(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof recordAttemptInput>,
): Promise<FollowupTaskDetail> {
  const now = isoNow(deps.clock);
  const result = await deps.db.transaction().execute(async (trx) => {
    const row = await workable(trx, actor, input.taskId, 'call');
    if (row.version !== input.version) staleVersion();
    let callBackAt: string | null = null;
    if (input.outcome === 'call_back') {
      callBackAt = new Date(input.callBackAt!).toISOString();
      if (callBackAt <= now) fail('RULE', 'followup.callBackPast', 'callBackAt');
    }
    const failed = row.failed_attempts + (isFailedOutcome(input.outcome) ? 1 : 0);
    const done = input.outcome === 'done';
    await repo.insertAttempt(trx, {
      task_id: row.id,
      user_id: actor.id,
      outcome: input.outcome,
      note: input.note,
      call_back_at: callBackAt,
      attempted_at: now,
    });
    const updated = await repo.bumpTask(trx, row.id, input.version, {
      attempts: row.attempts + 1,
      failed_attempts: failed,
      channel: done ? row.channel : channelAfter(failed),
      due_at: callBackAt ?? row.due_at,
      status: done ? 'done' : 'open',
      closed_at: done ? now : null,
      closed_by: done ? actor.id : null,
      updated_at: now,
    });
    if (!updated) staleVersion();
    return detail(trx, await loadTask(trx, row.id));
  });
  deps.events.publish({ area: 'followup', id: result.id });
  return result;
}

/** followup.markSent. */
export async function markSent(deps: CoreDeps, actor: Actor, input: z.output<typeof markSentInput>): Promise<FollowupTaskDetail> {
  const now = isoNow(deps.clock);
  const result = await deps.db.transaction().execute(async (trx) => {
    const row = await workable(trx, actor, input.taskId, 'sms_letter');
    const updated = await repo.bumpTask(trx, row.id, input.version, {
      status: 'sent',
      closed_at: now,
      closed_by: actor.id,
      updated_at: now,
    });
    if (!updated) staleVersion();
    return detail(trx, await loadTask(trx, row.id));
  });
  deps.events.publish({ area: 'followup', id: result.id });
  return result;
}

/** followup.lapsedRate (docs/domain.md "KPIs"): see the contract for the exact numerator and denominator. */
export async function lapsedRate(deps: CoreDeps, input: z.output<typeof lapsedRateInput>): Promise<LapsedRateDto> {
  const month = input.month ?? monthOf(deps.clock.now());
  const baseMonth = shiftMonth(month, -LAPSED_MONTHS);
  const counts = await repo.lapsedCounts(deps.db, {
    baseFrom: monthStart(baseMonth),
    baseBefore: monthStart(shiftMonth(baseMonth, 1)),
    before: monthStart(shiftMonth(month, 1)),
  });
  return {
    month,
    baseMonth,
    lapsedVehicles: counts.lapsed,
    baseVehicles: counts.base,
    rate: counts.base === 0 ? null : counts.lapsed / counts.base,
  };
}
