import { type } from '@orpc/contract';
import { z } from 'zod';
import { CAMPAIGN_KINDS, type CampaignKind, type CampaignStatus, type CampaignVinReason } from '../domain/campaigns';
import { procedure } from './base';
import { hoursMilli, qtyMilli } from './catalog';
import { reasonIssue } from './errors';
import { id, isoDate, singleLine, version } from './fields';
import { gridInput, type Page } from './paging';
import type { RepairOrderDetail } from './repair-orders';

/**
 * Recall and service campaigns (召回 / 服务活动, issue 19 item 2): campaigns.*. The manager imports a campaign with its
 * VIN list (CSV or XLSX, read by the import engine); an open campaign is shown wherever an advisor meets an affected
 * car (look-up, vehicle page, booking, check-in); one click adds its job to the RO; delivery records it done.
 */

/** Who reads campaigns: everyone who meets a car. */
const READ = ['advisor', 'foreman', 'technician', 'parts_clerk', 'csi_agent', 'manager'] as const;

/** A VIN list of 100,000 cars is ~2 MB as CSV; this leaves room for XLSX and longer files. */
export const MAX_CAMPAIGN_FILE_BYTES = 8 * 1024 * 1024;
export const MAX_CAMPAIGN_FILE_MB = 8;
/** Refused rows listed in the import's answer (the count covers them all). */
export const MAX_LISTED_VIN_REFUSALS = 200;
export const MAX_CAMPAIGN_PARTS = 20;

const CODE = /^[A-Z0-9][A-Z0-9._-]*$/;

export const campaignPart = z.strictObject({ partNumber: singleLine().toUpperCase().min(1).max(40), qtyMilli });

export const importInput = z
  .strictObject({
    code: singleLine()
      .toUpperCase()
      .min(1)
      .max(30)
      .superRefine((value, ctx) => {
        if (value && !CODE.test(value)) ctx.addIssue(reasonIssue('code.characters'));
      }),
    title: singleLine().min(1).max(100),
    kind: z.enum(CAMPAIGN_KINDS),
    mandatory: z.boolean(),
    /** The catalogue's labor operation of the remedy; the campaign's own hours replace the catalogue's. */
    laborOperationId: id,
    laborHoursMilli: hoursMilli,
    parts: z.array(campaignPart).max(MAX_CAMPAIGN_PARTS).default([]),
    startsOn: isoDate,
    endsOn: isoDate,
    fileName: singleLine().min(1).max(200),
    /** The VIN list's bytes, base64 (a CSV or XLSX with a VIN column; see docs/domain.md). */
    fileBase64: z
      .string()
      .min(1)
      .max(Math.ceil(MAX_CAMPAIGN_FILE_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  })
  .superRefine((value, ctx) => {
    if (value.endsOn < value.startsOn) ctx.addIssue({ ...reasonIssue('campaign.endsBeforeStart'), path: ['endsOn'] });
  });

export interface CampaignVinRefusal {
  line: number;
  vin: string;
  reason: CampaignVinReason;
}

export interface CampaignRow {
  id: number;
  code: string;
  title: string;
  kind: CampaignKind;
  mandatory: boolean;
  status: CampaignStatus;
  startsOn: string;
  endsOn: string;
  affected: number;
  done: number;
  outstanding: number;
  createdAt: string;
}

export interface CampaignImportResult {
  campaign: CampaignRow;
  imported: number;
  refused: number;
  /** Accepted VINs whose check digit fails (not a Mainland-China VIN): shown as a warning, never silently. */
  checkDigitWarnings: number;
  refusals: CampaignVinRefusal[];
}

export interface CampaignProgress {
  campaign: CampaignRow & {
    laborCode: string;
    laborName: string;
    laborHoursMilli: number;
    parts: { partNumber: string; qtyMilli: number }[];
    fileName: string;
  };
  /** Cars done per desk month (YYYY-MM), oldest first. */
  byMonth: { month: string; done: number }[];
}

/** An open campaign of one car, as the badges show it. */
export interface OpenCampaign {
  campaignId: number;
  code: string;
  title: string;
  kind: CampaignKind;
  mandatory: boolean;
  /** Whether an RO not yet delivered already carries its job. */
  onRoId: number | null;
}

export const CAMPAIGN_GRID_COLUMNS = ['startsOn', 'code'] as const;
export type CampaignGridColumn = (typeof CAMPAIGN_GRID_COLUMNS)[number];
export const campaignGridInput = gridInput(CAMPAIGN_GRID_COLUMNS);

/** campaigns.queueCalls: the outstanding cars put into the follow-up queue, and those left out and why. */
export interface CampaignCallsQueued {
  queued: number;
  /** Already had an open campaign call. */
  alreadyQueued: number;
  /** The owner does not consent to be contacted. */
  noConsent: number;
  /** The VIN is not a car on file, or the car has no current owner. */
  notOnFile: number;
}

export const campaignsContract = {
  /**
   * Creates a campaign and its VIN list from a CSV or XLSX file (the VIN column by its header, else the first column).
   * Rows with a malformed VIN, a failed check digit on a Mainland-China VIN (starting with L) or a VIN already listed
   * are refused with their reason; the rest are written in batches. Refused: a code already used
   * (`campaign.codeTaken`), a retired operation (`operation.retired`), a file without a VIN (`campaign.noVins`).
   */
  import: procedure
    .meta({ access: ['manager'] })
    .input(importInput)
    .output(type<CampaignImportResult>()),
  /** The campaign list with progress, newest first by default, paged in SQL. */
  grid: procedure
    .meta({ access: ['manager', 'advisor'] })
    .input(campaignGridInput)
    .output(type<Page<CampaignRow>>()),
  /** One campaign's remedy and its cars done by month. */
  progress: procedure
    .meta({ access: ['manager', 'advisor'] })
    .input(z.strictObject({ id }))
    .output(type<CampaignProgress>()),
  /**
   * Puts the campaign's outstanding cars into the follow-up queue as "campaign" calls due today, one per car: only cars
   * on file with a current owner who consents to be contacted; a car with an open campaign call is not queued again.
   */
  queueCalls: procedure
    .meta({ access: ['manager'] })
    .input(z.strictObject({ id }))
    .output(type<CampaignCallsQueued>()),
  /** The open campaigns of a car today (campaign active and within its dates, the car not done). */
  openForVehicle: procedure
    .meta({ access: READ })
    .input(z.strictObject({ vehicleId: id }))
    .output(type<OpenCampaign[]>()),
  /**
   * Adds an open campaign's job to the RO of an affected car: concern = the campaign's title, payer warranty, its labor
   * operation with the campaign's hours and its parts. Refused: not open for the car (`campaign.notOpen`), already on
   * an RO not delivered (`campaign.alreadyOnRo`).
   */
  addJob: procedure
    .meta({ access: ['advisor', 'manager'] })
    .input(z.strictObject({ id, version, campaignId: id }))
    .output(type<RepairOrderDetail>()),
};
