import { BP_SCALE, VAT_BP } from '../../../shared/domain/money';
import type { Db } from '../db/connection';
import { readSetting } from './repository';

/** Setting keys the pricing of RO lines reads; the manager's settings screen (a later issue) writes them. */
export const PRICING_KEYS = {
  taxRateBp: 'pricing.taxRateBp',
  pricesIncludeTax: 'pricing.pricesIncludeTax',
  discountLimitBp: 'pricing.discountLimitBp',
} as const;

export interface PricingSettings {
  /** VAT on labor and parts, in basis points (13% = 1300). */
  taxRateBp: number;
  /** Whether rates and unit prices already contain VAT (usual for Chinese retail prices). */
  pricesIncludeTax: boolean;
  /** A line discount above this share of the line's gross needs a manager (10% = 1000). */
  discountLimitBp: number;
}

export const PRICING_DEFAULTS: PricingSettings = { taxRateBp: VAT_BP.standard, pricesIncludeTax: true, discountLimitBp: 1000 };

/** A basis-point setting; a value that is not one (hand-edited file) falls back to the default rather than pricing wrong. */
function bp(raw: string | null, fallback: number): number {
  if (raw === null || !/^\d+$/.test(raw.trim())) return fallback;
  const value = Number(raw.trim());
  return value <= BP_SCALE ? value : fallback;
}

function flag(raw: string | null, fallback: boolean): boolean {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  return fallback;
}

/** The pricing settings with the shipped defaults for any not set; read inside the caller's transaction. */
export async function pricingSettings(db: Db): Promise<PricingSettings> {
  const [taxRate, included, limit] = await Promise.all([
    readSetting(db, PRICING_KEYS.taxRateBp),
    readSetting(db, PRICING_KEYS.pricesIncludeTax),
    readSetting(db, PRICING_KEYS.discountLimitBp),
  ]);
  return {
    taxRateBp: bp(taxRate, PRICING_DEFAULTS.taxRateBp),
    pricesIncludeTax: flag(included, PRICING_DEFAULTS.pricesIncludeTax),
    discountLimitBp: bp(limit, PRICING_DEFAULTS.discountLimitBp),
  };
}
