import { type } from '@orpc/contract';
import { z } from 'zod';
import type { ConcernGroup } from '../../domain/concern-groups';
import type { GuaranteeCategory } from '../../domain/guarantee';
import { QC_ANSWERS, QC_RESULTS, type QcAnswer, type QcItemKey, type QcResult } from '../../domain/qc-checklists';
import { procedure } from '../base';
import { id, multiLine } from '../fields';

/** Final quality check and completion certificates (issue 4); part of the workshop area (procedures workshop.*). */

/** Everyone who reads an RO reads its quality check and certificate. */
const READ = ['advisor', 'foreman', 'technician', 'parts_clerk', 'csi_agent', 'manager'] as const;
/** Who inspects: never on their own work (the core checks the job's technician and its clockings). */
const INSPECT = ['foreman', 'technician', 'manager'] as const;
const CERTIFY = ['foreman', 'manager'] as const;

export const recordQcInput = z.strictObject({
  jobId: id,
  result: z.enum(QC_RESULTS),
  /** One answer per item of the job's checklist (workshop.qcChecklist), under the item's key. */
  answers: z.record(z.string().min(1).max(60), z.enum(QC_ANSWERS)),
  /** What to put right when sending the job back (required then); a remark otherwise. */
  note: multiLine().max(500).default(''),
});

export interface QcInspectionDto {
  id: number;
  jobId: number;
  inspector: { id: number; displayName: string };
  result: QcResult;
  answers: Partial<Record<QcItemKey, QcAnswer>>;
  note: string;
  inspectedAt: string;
}

export interface QcJobDto {
  jobId: number;
  position: number;
  concern: string;
  concernGroup: ConcernGroup;
  workCategory: GuaranteeCategory | null;
  technician: { id: number; displayName: string } | null;
  checklist: QcItemKey[];
  /** The inspection that counts: the latest. */
  latest: QcInspectionDto | null;
  /** Every inspection of the job, newest first. */
  history: QcInspectionDto[];
}

export interface CertificateDto {
  id: number;
  repairOrderId: number;
  /** HG + desk year + sequence in that year: HG2026-000001. */
  number: string;
  issuedBy: { id: number; displayName: string };
  issuedAt: string;
  /** The odometer at check-in, as the RO holds it when issued. */
  mileageKm: number | null;
  /** The work categories of the RO's approved jobs, as certified. */
  categories: GuaranteeCategory[];
  /** Who passed the last job and when: the final inspection the certificate stands on. */
  inspector: { id: number; displayName: string } | null;
  inspectedAt: string | null;
}

export interface QcStatusDto {
  repairOrderId: number;
  /** The approved jobs, in the RO's order: only they are inspected. */
  jobs: QcJobDto[];
  /** Every approved job's latest inspection passed. */
  allPassed: boolean;
  /** An approved job is 二级维护 or 整车/总成修理: the car is not handed over without a certificate. */
  certificateNeeded: boolean;
  certificate: CertificateDto | null;
}

export const qualityContract = {
  /** The checklist of a job: the items of its concern group, then the ones every job shares, by stable key. */
  qcChecklist: procedure
    .meta({ access: READ })
    .input(z.strictObject({ jobId: id }))
    .output(type<{ jobId: number; items: QcItemKey[] }>()),

  /**
   * Records the final inspection of an approved job: passed (every item ok or n.a.) or returned with a note. Never by
   * the job's technician or anyone who clocked on it. Only while the RO is in progress or at QC; a job returned while
   * the RO is at QC sends the RO back to in progress (in its status history, with the note).
   */
  recordQc: procedure.meta({ access: INSPECT }).input(recordQcInput).output(type<QcStatusDto>()),

  /** Per approved job its checklist, latest inspection and history; whether a certificate is needed, and the one issued. */
  qcStatus: procedure
    .meta({ access: READ })
    .input(z.strictObject({ repairOrderId: id }))
    .output(type<QcStatusDto>()),

  /**
   * Issues the RO's completion certificate (竣工出厂合格证), numbered per desk year: only when one is needed and
   * every approved job passed its quality check; once per RO.
   */
  issueCertificate: procedure
    .meta({ access: CERTIFY })
    .input(z.strictObject({ repairOrderId: id }))
    .output(type<CertificateDto>()),

  /** The RO's completion certificate, or null when none was issued. */
  certificate: procedure
    .meta({ access: READ })
    .input(z.strictObject({ repairOrderId: id }))
    .output(type<CertificateDto | null>()),
};
