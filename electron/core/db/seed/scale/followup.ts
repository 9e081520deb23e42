import {
  complaintNumber,
  draftCustomerSays,
  draftTarget,
  responseDueAt,
  type ComplaintLevel,
  type LowAnswer,
} from '../../../../../shared/domain/complaints';
import { CALL_DAY_DEFAULT, MAX_FAILED_ATTEMPTS } from '../../../../../shared/domain/followup';
import { GRIPES, PRAISE } from '../history';
import { HOUR, MINUTE, deskDay, deskInstant, deskYear, iso } from './calendar';
import type { Staffer } from './sink';
import type { World } from './world';

/** A delivered RO, as its day-3 call needs it. */
export interface Delivered {
  roId: number;
  number: string;
  vehicleId: number;
  customerId: number;
  advisor: Staffer;
  deliveredAt: number;
  technicianIds: number[];
  /** What the customer may grumble about: a late car, a repair that did not hold, now and then the desk or lounge. */
  gripe: keyof typeof GRIPES | null;
  comeback: boolean;
}

/**
 * The day-3 call of a delivered RO (docs/domain.md "CSI, NPS and follow-up"): the task is due on the third day after the
 * delivery day; consenting customers are called (some need a few tries, a few never answer and get an SMS or a
 * letter), about a third of those reached answer the survey, and a dissatisfied survey drafts a complaint that the
 * manager confirms or dismisses and the staff walk through its eight steps. Everything after `now` is left undone.
 */
export function followUp(w: World, ro: Delivered): void {
  const { sink, now, random: r } = w;
  const s = sink.s;
  const taskId = sink.next('followupTask');
  const dueDay = deskDay(ro.deliveredAt) + CALL_DAY_DEFAULT;
  const dueAt = iso(deskInstant(dueDay, 0));
  const agent = r.pick(w.staff.csiAgents);
  let status = 'open';
  let channel = 'call';
  let attempts = 0;
  let failed = 0;
  let closedAt: number | null = null;
  let updatedAt = ro.deliveredAt;
  const attempt = (at: number, outcome: string, note: string) => {
    s.followupAttempt.run(sink.next('followupAttempt'), taskId, agent.id, outcome, note, null, iso(at));
    attempts += 1;
    updatedAt = at;
  };
  const callAt = (day: number) => deskInstant(day, r.int(9 * 60 + 30, 16 * 60 + 30));
  let surveyAt: number | null = null;
  if (w.fleet.customerConsent[ro.customerId - 1]) {
    const unreachable = r.chance(0.04);
    const misses = unreachable ? MAX_FAILED_ATTEMPTS : r.chance(0.15) ? r.int(1, 2) : 0;
    // Now and then the call waits a day or two behind the queue.
    let day = dueDay + (r.chance(0.15) ? r.int(1, 2) : 0);
    for (let i = 0; i < misses; i++, day++) {
      const at = callAt(day);
      if (at > now) break;
      attempt(at, 'no_answer', '无人接听');
      failed += 1;
    }
    if (unreachable && failed === MAX_FAILED_ATTEMPTS) {
      channel = 'sms_letter';
      const sent = callAt(day);
      if (sent <= now) {
        status = 'sent';
        closedAt = sent;
        updatedAt = sent;
      }
    } else if (!unreachable) {
      const at = callAt(day);
      if (at <= now) {
        const answers = r.chance(ro.gripe || ro.comeback ? 0.33 : 0.28);
        attempt(at, 'done', answers ? '回访完成' : '客户表示满意，不愿做问卷');
        status = 'done';
        closedAt = at;
        if (answers) surveyAt = at;
      }
    }
  }
  s.followupTask.run(
    taskId,
    'csi_call',
    ro.customerId,
    ro.vehicleId,
    ro.roId,
    status,
    channel,
    dueAt,
    '',
    attempts,
    failed,
    closedAt === null ? null : iso(closedAt),
    closedAt === null ? null : agent.id,
    1 + attempts + (status === 'sent' ? 1 : 0),
    iso(ro.deliveredAt),
    iso(updatedAt),
  );
  if (surveyAt !== null) survey(w, ro, taskId, agent, surveyAt);
}

function survey(w: World, ro: Delivered, taskId: number, agent: Staffer, at: number): void {
  const { sink, random: r } = w;
  const s = sink.s;
  const gripe = ro.gripe;
  const responseId = sink.next('surveyResponse');
  const low: LowAnswer[] = [];
  const verbatims: string[] = [];
  const rows: [number, string, string | null, number | null, string | null][] = [];
  for (const q of w.catalogue.questions) {
    if (!q.required && q.scale !== 'text' && r.chance(0.15)) continue;
    if (q.scale === 'scale_1_10') {
      const hit =
        (gripe === 'pickup' && q.factor === 'vehicle_pickup') ||
        (gripe === 'quality' && q.factor === 'service_quality') ||
        (gripe === 'advisor' && q.factor === 'service_advisor') ||
        (gripe === 'facility' && q.factor === 'service_facility');
      const value = hit ? r.int(3, 6) : r.chance(0.45) ? 10 : r.chance(0.55) ? 9 : r.chance(0.6) ? 8 : 7;
      if (value <= 6) low.push({ position: q.position, text: q.textZh, scale: q.scale, factor: q.factor, value });
      rows.push([q.id, q.scale, q.factor, value, null]);
    } else if (q.scale === 'recommend_0_10') {
      const value = gripe ? r.int(4, 7) : r.chance(0.72) ? r.int(9, 10) : r.int(7, 8);
      if (value <= 6) low.push({ position: q.position, text: q.textZh, scale: q.scale, factor: null, value });
      rows.push([q.id, q.scale, null, value, null]);
    } else if (q.scale === 'yes_no') {
      // A comeback's customer says the first repair did not fix it, unless this visit finally did and they let it go.
      const yes = !(gripe === 'quality' || (ro.comeback && r.chance(0.5)));
      if (!yes) low.push({ position: q.position, text: q.textZh, scale: q.scale, factor: null, value: false });
      rows.push([q.id, q.scale, null, yes ? 1 : 0, null]);
    } else {
      const words = gripe ? r.pick(GRIPES[gripe]!) : r.chance(0.3) ? r.pick(PRAISE) : null;
      if (words === null) continue;
      if (gripe) verbatims.push(words);
      rows.push([q.id, q.scale, null, null, words]);
    }
  }
  const dissatisfied = low.length > 0;
  s.surveyResponse.run(
    responseId,
    ro.roId,
    w.catalogue.templateId,
    taskId,
    ro.customerId,
    ro.advisor.id,
    agent.id,
    iso(at),
    dissatisfied ? 1 : 0,
  );
  for (const t of ro.technicianIds) s.surveyTechnician.run(responseId, t);
  for (const [questionId, scale, factor, valueInt, valueText] of rows)
    s.surveyAnswer.run(sink.next('surveyAnswer'), responseId, questionId, scale, factor, valueInt, valueText);
  if (dissatisfied) complaint(w, ro, responseId, agent, at, low, verbatims);
}

type Step = [actor: Staffer, step: string, data: Record<string, unknown>, audit: Record<string, unknown>];

/** The draft a dissatisfied survey opens, and what the manager and staff do with it (history.ts's scheduleComplaint). */
function complaint(
  w: World,
  ro: Delivered,
  responseId: number,
  agent: Staffer,
  at: number,
  low: LowAnswer[],
  verbatims: string[],
): void {
  const { sink, now, random: r, staff } = w;
  // A survey that is low without a gripe is a repair that did not hold ("fixed the first time?" no).
  const quality = ro.gripe === null || ro.gripe === 'quality';
  const target = draftTarget(low);
  const againstUser =
    target.person === 'advisor' ? ro.advisor.id : target.person === 'technician' ? (ro.technicianIds[0] ?? null) : null;
  const id = sink.next('complaint');
  const number = complaintNumber(deskYear(deskDay(at)), sink.number('TS', deskYear(deskDay(at))));
  const c = {
    level: 'ordinary' as ComplaintLevel,
    department: target.department as string,
    customerWants: '',
    status: 'draft',
    next: null as string | null,
    responseDue: responseDueAt(iso(at), 'ordinary'),
    firstResponse: null as number | null,
    closed: null as number | null,
    valid: null as number | null,
    validityReason: '',
    assigned: null as string | null,
    cause: '',
    resolutionKind: null as string | null,
    amount: null as number | null,
    resolution: '',
    approvedBy: null as number | null,
    approvedAt: null as number | null,
    satisfied: null as number | null,
    rootCause: null as string | null,
    corrective: '',
    version: 1,
    updated: at,
  };
  const customerSays = draftCustomerSays(low, verbatims);
  const label = { label: number };
  let t = at + r.int(1, 5) * HOUR;
  const handler = staff.advisors.find((a) => a.id !== ro.advisor.id) ?? ro.advisor;
  const steps: Step[] = [];
  if (t <= now) {
    if (r.chance(0.12)) {
      c.status = 'dismissed';
      c.closed = t;
      c.version += 1;
      c.updated = t;
      sink.audit(t, staff.manager, 'complaint', id, null, 'complaint.dismissed', label);
    } else {
      c.level = quality ? 'escalated' : 'ordinary';
      c.department = quality ? 'workshop' : 'service';
      c.customerWants = quality ? '尽快把车彻底修好' : '希望给个说法';
      c.status = 'open';
      c.next = 'validity';
      c.responseDue = responseDueAt(iso(t), c.level);
      c.version += 1;
      c.updated = t;
      sink.s.complaintStep.run(
        sink.next('complaintStep'),
        id,
        'record',
        JSON.stringify({ step: 'record' }),
        staff.manager.id,
        iso(t),
      );
      sink.audit(t, staff.manager, 'complaint', id, null, 'complaint.confirmed', {
        ...label,
        values: { level: c.level, againstDepartment: c.department },
      });
      const csi = agent;
      if (r.chance(0.1)) {
        steps.push([
          csi,
          'validity',
          { valid: false, reason: '经核实，客户所述情况与维修记录不符，已向客户解释' },
          { valid: false },
        ]);
      } else {
        const cause = quality ? '维修后未充分试车，故障未彻底排除' : '交车时间预估不足，未及时告知客户';
        const propose = quality
          ? { resolutionKind: 'redo', resolution: '免费返修并提供代步车' }
          : { resolutionKind: 'discount', amountFen: 20_000, resolution: '下次保养工时费减免200元' };
        steps.push(
          [csi, 'validity', { valid: true, reason: '回访记录属实，客户确有不满' }, { valid: true }],
          [staff.manager, 'assign', { department: c.department }, { department: c.department }],
          [handler, 'analyse', { cause }, {}],
          [handler, 'propose', propose, { resolutionKind: propose.resolutionKind }],
          [staff.manager, 'approve', { approved: true, reason: '' }, { approved: true }],
          [handler, 'carry_out', { done: '已按方案处理并电话告知客户' }, {}],
          [csi, 'callback', { satisfied: true, note: '客户表示满意' }, { satisfied: true }],
          [
            staff.manager,
            'summary',
            {
              rootCause: quality ? 'workmanship' : 'communication',
              correctiveAction: '在晨会上通报案例，完善交车前试车和进度告知流程',
            },
            { rootCause: quality ? 'workmanship' : 'communication' },
          ],
        );
      }
    }
  }
  // Some stall on the way (an analysis not written, an approval waiting): open and, after two weeks, overdue.
  const stall = steps.length > 2 && r.chance(0.08) ? r.int(1, steps.length - 2) : steps.length;
  for (const [actor, step, data, values] of steps.slice(0, stall)) {
    t += (r.int(3, 28) * 60 + r.int(0, 59)) * MINUTE;
    if (t > now) break;
    const before = c.status;
    applyStep(c, step, data, actor, t);
    sink.s.complaintStep.run(sink.next('complaintStep'), id, step, JSON.stringify({ step, ...data }), actor.id, iso(t));
    sink.audit(t, actor, 'complaint', id, null, 'complaint.advanced', {
      ...label,
      values: { step, ...values },
      changes: { status: { from: before, to: c.status } },
    });
  }
  sink.s.complaint.run(
    id,
    number,
    'survey',
    responseId,
    ro.customerId,
    ro.vehicleId,
    ro.roId,
    c.level,
    target.department,
    againstUser,
    customerSays,
    c.customerWants,
    c.status,
    c.next,
    agent.id,
    iso(at),
    c.responseDue,
    c.firstResponse === null ? null : iso(c.firstResponse),
    c.closed === null ? null : iso(c.closed),
    c.valid,
    c.validityReason,
    c.assigned,
    null,
    c.cause,
    c.resolutionKind,
    c.amount,
    c.resolution,
    c.approvedBy,
    c.approvedAt === null ? null : iso(c.approvedAt),
    c.satisfied,
    c.rootCause,
    c.corrective,
    c.version,
    iso(c.updated),
  );
}

interface ComplaintState {
  status: string;
  next: string | null;
  firstResponse: number | null;
  closed: number | null;
  valid: number | null;
  validityReason: string;
  assigned: string | null;
  cause: string;
  resolutionKind: string | null;
  amount: number | null;
  resolution: string;
  approvedBy: number | null;
  approvedAt: number | null;
  satisfied: number | null;
  rootCause: string | null;
  corrective: string;
  version: number;
  updated: number;
}

const NEXT: Record<string, string | null> = {
  validity: 'assign',
  assign: 'analyse',
  analyse: 'propose',
  propose: 'approve',
  approve: 'carry_out',
  carry_out: 'callback',
  callback: 'summary',
  summary: null,
};

function applyStep(c: ComplaintState, step: string, data: Record<string, unknown>, actor: Staffer, at: number): void {
  c.version += 1;
  c.updated = at;
  c.next = NEXT[step] ?? null;
  switch (step) {
    case 'validity':
      c.firstResponse = at;
      c.valid = data.valid ? 1 : 0;
      c.validityReason = data.reason as string;
      if (!data.valid) {
        c.status = 'invalid';
        c.closed = at;
        c.next = null;
      }
      break;
    case 'assign':
      c.assigned = data.department as string;
      break;
    case 'analyse':
      c.cause = data.cause as string;
      break;
    case 'propose':
      c.resolutionKind = data.resolutionKind as string;
      c.amount = (data.amountFen as number | undefined) ?? null;
      c.resolution = data.resolution as string;
      break;
    case 'approve':
      c.approvedBy = actor.id;
      c.approvedAt = at;
      break;
    case 'callback':
      c.satisfied = data.satisfied ? 1 : 0;
      break;
    case 'summary':
      c.rootCause = data.rootCause as string;
      c.corrective = data.correctiveAction as string;
      c.status = 'closed';
      c.closed = at;
      break;
  }
}
