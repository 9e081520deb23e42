import { type } from '@orpc/contract';
import { z } from 'zod';
import type { ComplaintLevel, ComplaintStatus } from '../../domain/complaints';
import { procedure } from '../base';
import type { ClosureRateDto } from '../complaints';
import { isoMonth } from '../fields';
import type { CsiFiguresDto, CsiRowDto, FactorScoreDto } from '../followup/surveys';

/**
 * The monthly CSI report (issue 6): reports.monthlyCsi*. The manager answers for it; the CSI agent, who reads CSI and
 * the closure rate already (followup.csi, complaints.closureRate), reads it too.
 */
const READ = ['manager', 'csi_agent'] as const;

/** Months in the 12-month trend, the report's month being the last. */
export const CSI_TREND_MONTHS = 12;
/** Verbatims and complaints listed in the report; the count of all of them is stated beside the list. */
export const CSI_REPORT_LIST_CAP = 200;

export const monthlyCsiInput = z.strictObject({ month: isoMonth });
export type MonthlyCsiInput = z.input<typeof monthlyCsiInput>;

/** One month of the trend, from followup.csi over that month. */
export interface CsiTrendPointDto {
  month: string;
  responses: number;
  csi: number | null;
  nps: number | null;
  dissatisfiedResponses: number;
}

/** A survey's free-text answers, with the RO, its advisor and the day it was answered. */
export interface CsiVerbatimDto {
  responseId: number;
  answeredAt: string;
  repairOrder: { id: number; number: string };
  advisor: { id: number; displayName: string };
  customerName: string;
  dissatisfied: boolean;
  text: string;
}

/** A complaint created in the month, or still open at some time in it. */
export interface CsiComplaintDto {
  id: number;
  number: string;
  level: ComplaintLevel;
  status: ComplaintStatus;
  customerName: string;
  repairOrderNumber: string | null;
  customerSays: string;
  createdAt: string;
  /** Open, no first response and past its target now (shown in red). */
  overdue: boolean;
  /** The first response came after the level's target. */
  lateResponse: boolean;
  closedAt: string | null;
}

export interface MonthlyCsiDto {
  month: string;
  /** The month's first and last desk day. */
  from: string;
  to: string;
  /** CSI, NPS, responses, dissatisfied surveys of the month (followup.csi). */
  totals: CsiFiguresDto;
  /** Factor scores of the month, all template versions pooled. */
  factors: FactorScoreDto[];
  advisors: CsiRowDto[];
  /** A survey counts for every technician of its RO. */
  technicians: CsiRowDto[];
  /** CSI_TREND_MONTHS months, oldest first, ending with the report's month. */
  trend: CsiTrendPointDto[];
  /** Newest first, at most CSI_REPORT_LIST_CAP; `verbatimCount` says how many the month has. */
  verbatims: CsiVerbatimDto[];
  verbatimCount: number;
  /** Drafts and open ones first, then newest first, at most CSI_REPORT_LIST_CAP; `complaintCount` says how many. */
  complaints: CsiComplaintDto[];
  complaintCount: number;
  /** The month's complaints' two-week closure rate as of the month's end (or now, for the running month). */
  closureRate: ClosureRateDto;
}

export interface MonthlyCsiExportDto {
  fileName: string;
  /** The .xlsx file, base64. */
  dataBase64: string;
}

export const csiReportContract = {
  /**
   * The monthly CSI report of a desk month: totals, factors, advisors and technicians (followup.csi of the month),
   * the 12-month CSI trend ending with it, the month's verbatims (free-text answers with RO, advisor and day), the
   * complaints created in the month or open at some time in it with level, state, overdue and closing time, and the
   * two-week closure rate of the month's complaints.
   */
  monthlyCsi: procedure.meta({ access: READ }).input(monthlyCsiInput).output(type<MonthlyCsiDto>()),

  /**
   * The monthly CSI report as an Excel file (.xlsx) with Chinese headers, numbers as numbers: sheets summary,
   * factors, advisors, technicians, trend, verbatims (all of the month) and complaints.
   */
  monthlyCsiExport: procedure.meta({ access: READ }).input(monthlyCsiInput).output(type<MonthlyCsiExportDto>()),
};
