import type { z } from 'zod';
import type {
  CertificateDto,
  QcInspectionDto,
  QcJobDto,
  QcStatusDto,
  recordQcInput,
} from '../../../../shared/contract/workshop/quality';
import { isConcernGroup, type ConcernGroup } from '../../../../shared/domain/concern-groups';
import type { GuaranteeCategory } from '../../../../shared/domain/guarantee';
import {
  formatCertificateNumber,
  needsCertificate,
  qcAnswersProblem,
  qcChecklist,
  type QcAnswer,
  type QcItemKey,
} from '../../../../shared/domain/qc-checklists';
import type { RepairOrderStatus } from '../../../../shared/domain/repair-order-status';
import { isoNow } from '../../clock';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import { fail, notFound, staleVersion } from '../../errors';
import * as roRepo from '../../ro-records/repository';
import { deskYear } from '../../../../shared/domain/desk-time';
import * as repo from './repository';

/** A job is inspected while its work is under way or at the final check (a job passed early waits for the others). */
const INSPECTABLE: readonly RepairOrderStatus[] = ['in_progress', 'qc'];
/** A certificate is issued once the work is checked and before the car leaves. */
const CERTIFIABLE: readonly RepairOrderStatus[] = ['in_progress', 'qc', 'ready'];

function groupOf(raw: string): ConcernGroup {
  return isConcernGroup(raw) ? raw : 'other';
}

export async function checklist(deps: CoreDeps, jobId: number): Promise<{ jobId: number; items: QcItemKey[] }> {
  const job = await repo.findJobForQc(deps.db, jobId);
  if (!job) notFound('job');
  return { jobId, items: qcChecklist(groupOf(job.concern_group)) };
}

type InspectionRow = Awaited<ReturnType<typeof repo.findInspections>>[number];

function inspectionDto(row: InspectionRow): QcInspectionDto {
  return {
    id: row.id,
    jobId: row.job_id,
    inspector: { id: row.inspector_id, displayName: row.inspector_name },
    result: row.result,
    answers: JSON.parse(row.answers) as Partial<Record<QcItemKey, QcAnswer>>,
    note: row.note,
    inspectedAt: row.inspected_at,
  };
}

/** The approved jobs of an RO with their inspections (newest first): what the guards, the certificate and the screen read. */
async function jobsWithInspections(db: Db, repairOrderId: number): Promise<QcJobDto[]> {
  const jobs = await repo.findApprovedJobs(db, repairOrderId);
  const inspections = (await repo.findInspections(db, repairOrderId)).map(inspectionDto);
  return jobs.map((job) => {
    const history = inspections.filter((inspection) => inspection.jobId === job.id);
    return {
      jobId: job.id,
      position: job.position,
      concern: job.concern,
      concernGroup: groupOf(job.concern_group),
      workCategory: job.work_category,
      technician:
        job.technician_id !== null && job.technician_name !== null
          ? { id: job.technician_id, displayName: job.technician_name }
          : null,
      checklist: qcChecklist(groupOf(job.concern_group)),
      latest: history[0] ?? null,
      history,
    };
  });
}

/** The approved jobs whose latest inspection did not pass, by their number on the RO ("1, 3"). */
function notPassed(jobs: readonly QcJobDto[]): string[] {
  return jobs.filter((job) => job.latest?.result !== 'passed').map((job) => String(job.position + 1));
}

async function certificateDto(db: Db, repairOrderId: number, jobs?: QcJobDto[]): Promise<CertificateDto | null> {
  const row = await repo.findCertificate(db, repairOrderId);
  if (!row) return null;
  const passes = (jobs ?? (await jobsWithInspections(db, repairOrderId)))
    .map((job) => job.latest)
    .filter((inspection): inspection is QcInspectionDto => inspection?.result === 'passed')
    .sort((a, b) => b.inspectedAt.localeCompare(a.inspectedAt) || b.id - a.id);
  const last = passes[0] ?? null;
  return {
    id: row.id,
    repairOrderId: row.repair_order_id,
    number: row.number,
    issuedBy: { id: row.issued_by, displayName: row.issued_by_name },
    issuedAt: row.issued_at,
    mileageKm: row.mileage_km,
    categories: JSON.parse(row.categories) as GuaranteeCategory[],
    inspector: last ? last.inspector : null,
    inspectedAt: last ? last.inspectedAt : null,
  };
}

async function statusOf(db: Db, repairOrderId: number): Promise<QcStatusDto> {
  const jobs = await jobsWithInspections(db, repairOrderId);
  return {
    repairOrderId,
    jobs,
    allPassed: jobs.length > 0 && notPassed(jobs).length === 0,
    certificateNeeded: needsCertificate(jobs.map((job) => job.workCategory)),
    certificate: await certificateDto(db, repairOrderId, jobs),
  };
}

export async function qcStatus(deps: CoreDeps, repairOrderId: number): Promise<QcStatusDto> {
  if (!(await roRepo.findRepairOrder(deps.db, repairOrderId))) notFound('repairOrder');
  return statusOf(deps.db, repairOrderId);
}

export async function certificate(deps: CoreDeps, repairOrderId: number): Promise<CertificateDto | null> {
  if (!(await roRepo.findRepairOrder(deps.db, repairOrderId))) notFound('repairOrder');
  return certificateDto(deps.db, repairOrderId);
}

/**
 * workshop.recordQc: in one transaction, the inspection and, for a job sent back while the RO is at QC, the RO's step
 * back to in progress with the note in its status history. The inspector must not have worked on the job: neither
 * the technician it is dispatched to nor anyone who clocked on it.
 */
export async function recordQc(deps: CoreDeps, actor: Actor, input: z.output<typeof recordQcInput>): Promise<QcStatusDto> {
  const now = isoNow(deps.clock);
  const { status, repairOrderId } = await deps.db.transaction().execute(async (trx) => {
    const job = await repo.findJobForQc(trx, input.jobId);
    if (!job) fail('NOT_FOUND', 'notFound', 'jobId', { what: 'job' });
    if (job.authorization_state !== 'approved') fail('RULE', 'qc.jobNotApproved', 'jobId');
    const roStatus = job.ro_status;
    if (!INSPECTABLE.includes(roStatus)) fail('RULE', 'qc.status', undefined, { status: roStatus });
    if (job.technician_id === actor.id || (await repo.hasClockedOn(trx, job.id, actor.id))) fail('RULE', 'qc.ownWork', 'jobId');
    const problem = qcAnswersProblem(qcChecklist(groupOf(job.concern_group)), input.result, input.answers, input.note);
    if (problem) fail(problem.reason === 'qc.notOkCannotPass' ? 'RULE' : 'INVALID_INPUT', problem.reason, problem.field);

    await repo.insertInspection(trx, {
      repair_order_id: job.repair_order_id,
      job_id: job.id,
      inspector_id: actor.id,
      result: input.result,
      answers: JSON.stringify(input.answers),
      note: input.note,
      inspected_at: now,
    });
    if (input.result === 'returned' && roStatus === 'qc') {
      if (!(await roRepo.bumpRepairOrder(trx, job.repair_order_id, job.ro_version, now, { status: 'in_progress' })))
        staleVersion();
      await roRepo.insertStatusChange(trx, {
        repair_order_id: job.repair_order_id,
        from_status: 'qc',
        to_status: 'in_progress',
        changed_by: actor.id,
        changed_at: now,
        note: `QC: ${input.note}`,
      });
    }
    return { status: await statusOf(trx, job.repair_order_id), repairOrderId: job.repair_order_id };
  });
  deps.events.publish({ area: 'workshop', id: repairOrderId });
  deps.events.publish({ area: 'repairOrders', id: repairOrderId });
  return status;
}

/**
 * workshop.issueCertificate: the RO's completion certificate, when its approved jobs include 二级维护 or 整车/总成修理
 * and every approved job passed its final check; one per RO, numbered per desk year in the same transaction.
 */
export async function issueCertificate(deps: CoreDeps, actor: Actor, repairOrderId: number): Promise<CertificateDto> {
  const at = deps.clock.now();
  const now = at.toISOString();
  const dto = await deps.db.transaction().execute(async (trx) => {
    const ro = await roRepo.findRepairOrder(trx, repairOrderId);
    if (!ro) notFound('repairOrder');
    const roStatus = ro.status;
    if (!CERTIFIABLE.includes(roStatus)) fail('RULE', 'status.locked', undefined, { status: roStatus });
    const jobs = await jobsWithInspections(trx, repairOrderId);
    const categories = [...new Set(jobs.flatMap((job) => (job.workCategory ? [job.workCategory] : [])))];
    if (!needsCertificate(categories)) fail('RULE', 'certificate.notNeeded', 'repairOrderId');
    if (await repo.findCertificate(trx, repairOrderId)) fail('RULE', 'certificate.alreadyIssued', 'repairOrderId');
    const open = notPassed(jobs);
    if (open.length > 0) fail('RULE', 'qc.notPassed', 'repairOrderId', { jobs: open.join(', ') });
    const year = deskYear(at);
    await repo.insertCertificate(trx, {
      repair_order_id: repairOrderId,
      number: formatCertificateNumber(year, await repo.nextCertificateSequence(trx, year)),
      issued_by: actor.id,
      issued_at: now,
      mileage_km: ro.mileage_in_km,
      categories: JSON.stringify(categories),
    });
    return (await certificateDto(trx, repairOrderId, jobs))!;
  });
  deps.events.publish({ area: 'workshop', id: repairOrderId });
  deps.events.publish({ area: 'repairOrders', id: repairOrderId });
  return dto;
}

/** The guard of qc -> ready: every approved job's latest inspection passed (the refusal names the jobs that did not). */
export async function qcPassedProblem(trx: Db, repairOrderId: number): Promise<string[]> {
  return notPassed(await jobsWithInspections(trx, repairOrderId));
}

/** Whether the RO needs a certificate and has none yet (the guard of ready -> delivered). */
export async function certificateMissing(trx: Db, repairOrderId: number): Promise<boolean> {
  const jobs = await repo.findApprovedJobs(trx, repairOrderId);
  if (!needsCertificate(jobs.map((job) => job.work_category))) return false;
  return (await repo.findCertificate(trx, repairOrderId)) === undefined;
}
