import { type } from '@orpc/contract';
import { z } from 'zod';
import { phoneProblem } from '../domain/phone';
import { procedure } from './base';
import { reasonIssue } from './errors';
import { multiLine, singleLine } from './fields';

/** The dealer's name and logo head every printed document, whoever prints it; the manager (or the admin) sets them. */
const WRITE = ['manager', 'admin'] as const;

/** 300 KB of image: plenty for a letterhead logo, small enough to keep in the settings table and every print. */
export const MAX_LOGO_BYTES = 300 * 1024;
/** What documents say when the dealer has not named itself yet. */
export const DEFAULT_DEALER_NAME = 'BayDesk';

/** The image types a logo may be, each with the bytes its file must start with (a renamed file is refused). */
const LOGO_MAGIC: Record<string, readonly number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};
const DATA_URL = /^data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/]*={0,2})$/;

/**
 * Why a logo data URL is refused, or null: it must be base64 PNG or JPEG whose decoded bytes start as that type's
 * do, and hold at most MAX_LOGO_BYTES. The size is read from the base64 length, so an oversized upload is refused
 * before anything is decoded; only the first bytes are decoded to check the type.
 */
export function logoProblem(dataUrl: string): 'logo.notImage' | 'logo.tooLarge' | null {
  // A base64 text 4/3 of the limit (plus padding) or longer is too large whatever it holds.
  if (dataUrl.length > Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 64) return 'logo.tooLarge';
  const match = DATA_URL.exec(dataUrl);
  if (!match || match[2]!.length % 4 !== 0 || match[2]!.length === 0) return 'logo.notImage';
  const base64 = match[2]!;
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  if ((base64.length / 4) * 3 - padding > MAX_LOGO_BYTES) return 'logo.tooLarge';
  const head = atob(base64.slice(0, 12));
  const magic = LOGO_MAGIC[match[1]!]!;
  return magic.every((byte, index) => head.charCodeAt(index) === byte) ? null : 'logo.notImage';
}

const logo = z.string().superRefine((value, ctx) => {
  const problem = logoProblem(value);
  if (problem) ctx.addIssue(reasonIssue(problem, { max: MAX_LOGO_BYTES / 1024 }));
});

/** The dealer's phone as printed ("010-6543 2100", "400-800-1234"); may stay empty. */
const dealerPhone = z
  .string()
  .trim()
  .max(30)
  .superRefine((raw, ctx) => {
    const problem = raw ? phoneProblem(raw) : null;
    if (problem) ctx.addIssue(reasonIssue(`phone.${problem}`));
  });

export const setDealerInput = z.strictObject({
  /** As printed on the documents, in Chinese as a rule ("北京恒达汽车销售服务有限公司"). */
  name: singleLine().min(1).max(100),
  address: multiLine().max(200).default(''),
  phone: dealerPhone.default(''),
  /** A data URL of a PNG or JPEG image; null for none. */
  logo: logo.nullable().default(null),
  /** The version read (0 before the dealer was ever saved); a save over another desk's is refused. */
  version: z.int().min(0),
});
export type SetDealerInput = z.input<typeof setDealerInput>;

export interface DealerDto {
  /** '' until the manager names the dealer: documents then print DEFAULT_DEALER_NAME. */
  name: string;
  address: string;
  phone: string;
  logo: string | null;
  /** 0 until first saved. */
  version: number;
  updatedAt: string | null;
}

/** Where the core is when a desk starts: ready, or still upgrading the database (a ten-year file takes a minute or two). */
export interface StartupStatusDto {
  ready: boolean;
  /** While not ready: what the upgrade is doing, for the start-up screen's progress bar. */
  upgrade: {
    phase: 'open' | 'copy' | 'schema' | 'backfill' | 'optimize';
    /** The migration being applied (its file name), where there is one. */
    migration: string | null;
    done: number;
    total: number;
    /** Whole per cent of the current step, 0-100. */
    percent: number;
  } | null;
}

export const settingsContract = {
  /** Public: asked before anything else at start-up, also while the core is still upgrading the database. */
  startupStatus: procedure.meta({ access: 'public' }).input(z.strictObject({}).optional()).output(type<StartupStatusDto>()),

  /** The dealer's name, address, phone and logo as printed on documents (empty until the manager sets them). */
  dealer: procedure.meta({ access: 'signed-in' }).input(z.strictObject({}).optional()).output(type<DealerDto>()),

  /** Sets the dealer's name, address, phone and logo, all at once; a logo that is not a PNG or JPEG of at most 300 KB is refused. */
  setDealer: procedure.meta({ access: WRITE }).input(setDealerInput).output(type<DealerDto>()),
};
