import type { WarrantySettingsDto } from '../../../shared/contract/warranty-claims';
import { OLD_PART_RETURN_POLICIES, type OldPartReturnPolicy } from '../../../shared/domain/warranty-claims';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from '../settings/repository';

/** The OEM's warranty terms, kept in the settings table (one OEM per dealership for now: docs/warranty-claims.md). */
const KEYS = {
  laborRateFen: 'warranty.laborRateFen',
  oldPartReturn: 'warranty.oldPartReturn',
  submissionDays: 'warranty.submissionDays',
} as const;

/**
 * Shipped defaults: 100 yuan an hour until the manager sets the OEM's rate; every part back to the OEM (the old-parts
 * to-do of issue 10 already asks a tag of every warranty part line); 30 days, the long end of common OEM deadlines.
 */
export const WARRANTY_DEFAULTS: WarrantySettingsDto = { laborRateFen: 10_000, oldPartReturn: 'all', submissionDays: 30 };

function whole(raw: string | null, fallback: number): number {
  return raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : fallback;
}

export async function warrantySettings(db: Db): Promise<WarrantySettingsDto> {
  const [rate, policy, days] = await Promise.all([
    readSetting(db, KEYS.laborRateFen),
    readSetting(db, KEYS.oldPartReturn),
    readSetting(db, KEYS.submissionDays),
  ]);
  return {
    laborRateFen: whole(rate, WARRANTY_DEFAULTS.laborRateFen),
    oldPartReturn: OLD_PART_RETURN_POLICIES.includes(policy as OldPartReturnPolicy)
      ? (policy as OldPartReturnPolicy)
      : WARRANTY_DEFAULTS.oldPartReturn,
    submissionDays: whole(days, WARRANTY_DEFAULTS.submissionDays),
  };
}

export async function writeWarrantySettings(db: Db, value: WarrantySettingsDto): Promise<void> {
  await writeSetting(db, KEYS.laborRateFen, String(value.laborRateFen));
  await writeSetting(db, KEYS.oldPartReturn, value.oldPartReturn);
  await writeSetting(db, KEYS.submissionDays, String(value.submissionDays));
}
