/**
 * Recall and service campaigns (召回 / 服务活动, issue 19 item 2; docs/domain.md "The manufacturer's side"): the
 * manufacturer names the cars by VIN; the dealer carries out the remedy and records completion per VIN.
 */

/** A recall is the law's (缺陷汽车产品召回管理条例); a service campaign is the OEM's own choice. */
export const CAMPAIGN_KINDS = ['recall', 'service'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** `importing` while its VIN list is being written; `active` afterwards; `closed` when the manager ends it early. */
export const CAMPAIGN_STATUSES = ['importing', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Why a row of a campaign's VIN list was not taken. */
export const CAMPAIGN_VIN_REASONS = ['vin.length', 'vin.characters', 'vin.checkDigit', 'vin.duplicate'] as const;
export type CampaignVinReason = (typeof CAMPAIGN_VIN_REASONS)[number];

/** Headers a VIN column is found by (any case); without one, the first column is the VIN. */
export const VIN_HEADERS = ['vin', '车架号', '车辆识别代号', '车辆识别号', 'vin码', 'vin号'];

/** The column of the VINs in a header row. */
export function vinColumn(header: readonly string[]): number {
  const found = header.findIndex((cell) => VIN_HEADERS.includes(cell.trim().toLowerCase()));
  return found >= 0 ? found : 0;
}

/**
 * Whether a header row is a header at all: a first row that is itself a VIN is data (a bare list of VINs), so the
 * importer reads it as a row.
 */
export function looksLikeVin(cell: string): boolean {
  return /^[A-HJ-NPR-Z0-9]{17}$/i.test(cell.replace(/[\s-]/g, ''));
}

/** Open for a car on `day` (a desk day, YYYY-MM-DD): active and within its dates, both days included. */
export function campaignOpenOn(campaign: { status: CampaignStatus; startsOn: string; endsOn: string }, day: string): boolean {
  return campaign.status === 'active' && campaign.startsOn <= day && day <= campaign.endsOn;
}
