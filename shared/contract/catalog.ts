import { type } from '@orpc/contract';
import { z } from 'zod';
import { CONCERN_GROUPS, type ConcernGroup } from '../domain/concern-groups';
import { priceLine, sumLines } from '../domain/money';
import { procedure } from './base';
import { reasonIssue } from './errors';
import { id, refuseInvisible, singleLine, version } from './fields';
import { gridInput, pageInput, type Page } from './paging';

/** Everyone who writes or reads a repair order needs the catalogue; only the manager changes it (issue 3). */
const READ = ['advisor', 'foreman', 'technician', 'parts_clerk', 'csi_agent', 'manager', 'admin'] as const;
const WRITE = ['manager'] as const;

/** 100 flat-rate hours: more than any single operation; a typo (1000 for 1.0) is refused rather than billed. */
export const MAX_HOURS_MILLI = 100_000;
/** ¥10,000 an hour in fen: far above any dealer's rate, low enough to catch a rate typed in fen. */
export const MAX_RATE_FEN = 1_000_000;
/** 10,000 units (litres, pieces) of one part on one line. */
export const MAX_QTY_MILLI = 10_000_000;
/** ¥100,000 for one unit of a part, in fen. */
export const MAX_UNIT_PRICE_FEN = 10_000_000;
export const MAX_PACKAGE_LABOR_LINES = 30;
export const MAX_PACKAGE_PART_LINES = 50;

/** Codes are what a foreman writes on a job card: letters, digits and . _ / - ; stored upper-case. */
const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._/-]*$/;

const catalogCode = z
  .string()
  .trim()
  .toUpperCase()
  .min(1)
  .max(20)
  .superRefine((code, ctx) => {
    if (code && !CODE_PATTERN.test(code)) ctx.addIssue(reasonIssue('code.characters'));
  });
const name = singleLine().min(1).max(100);

/** Flat-rate hours in thousandths of an hour (0.5 h = 500). */
export const hoursMilli = z.int().superRefine((value, ctx) => {
  if (value <= 0) ctx.addIssue(reasonIssue('hours.notPositive'));
  else if (value > MAX_HOURS_MILLI) ctx.addIssue(reasonIssue('hours.tooMany', { max: MAX_HOURS_MILLI / 1000 }));
});

/** Labor rate per flat-rate hour in fen; 0 is allowed (goodwill and internal operations). */
export const laborRateFen = z.int().superRefine((value, ctx) => {
  if (value < 0) ctx.addIssue(reasonIssue('rate.negative'));
  else if (value > MAX_RATE_FEN) ctx.addIssue(reasonIssue('rate.tooHigh', { max: MAX_RATE_FEN / 100 }));
});

export const qtyMilli = z.int().superRefine((value, ctx) => {
  if (value <= 0) ctx.addIssue(reasonIssue('qty.notPositive'));
  else if (value > MAX_QTY_MILLI) ctx.addIssue(reasonIssue('qty.tooMany', { max: MAX_QTY_MILLI / 1000 }));
});

export const unitPriceFen = z.int().superRefine((value, ctx) => {
  if (value < 0) ctx.addIssue(reasonIssue('price.negative'));
  else if (value > MAX_UNIT_PRICE_FEN) ctx.addIssue(reasonIssue('price.tooHigh', { max: MAX_UNIT_PRICE_FEN / 100 }));
});

export const laborFields = z.strictObject({
  code: catalogCode,
  nameZh: name,
  nameEn: name,
  concernGroup: z.enum(CONCERN_GROUPS),
  hoursMilli,
  laborRateFen,
});
export type LaborFields = z.input<typeof laborFields>;

export const laborUpdateInput = laborFields.extend({ id, version });

export const partLineFields = z.strictObject({
  /** Free text until the parts master lands (a later issue); stored upper-case like the codes. */
  partNumber: singleLine().toUpperCase().min(1).max(40),
  nameZh: name,
  nameEn: name,
  qtyMilli,
  unitPriceFen,
});

export const packageShape = {
  code: catalogCode,
  nameZh: name,
  nameEn: name,
  /** The operations the package adds, in the order they are listed on the repair order. */
  laborLines: z
    .array(z.strictObject({ operationId: id }))
    .max(MAX_PACKAGE_LABOR_LINES)
    .default([]),
  partLines: z.array(partLineFields).max(MAX_PACKAGE_PART_LINES).default([]),
};

/** A package adds something, and adds each operation once. */
export function checkPackageLines(
  value: { laborLines: { operationId: number }[]; partLines: unknown[] },
  ctx: z.RefinementCtx,
): void {
  if (value.laborLines.length === 0 && value.partLines.length === 0) {
    ctx.addIssue({ ...reasonIssue('package.empty'), path: ['laborLines'] });
  }
  const seen = new Set<number>();
  value.laborLines.forEach((line, index) => {
    if (seen.has(line.operationId)) {
      ctx.addIssue({ ...reasonIssue('package.duplicateOperation'), path: ['laborLines', index, 'operationId'] });
    }
    seen.add(line.operationId);
  });
}

export const packageCreateInput = z.strictObject(packageShape).superRefine(checkPackageLines);
export type PackageFields = z.input<typeof packageCreateInput>;
export const packageUpdateInput = z.strictObject({ ...packageShape, id, version }).superRefine(checkPackageLines);

export interface LaborOperationDto {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  concernGroup: ConcernGroup;
  hoursMilli: number;
  laborRateFen: number;
  /** Retired operations stay on file (repair orders point at them) but are offered for nothing new. */
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One operation offered by a picker (active ones only). */
export type LaborPick = Pick<
  LaborOperationDto,
  'id' | 'code' | 'nameZh' | 'nameEn' | 'concernGroup' | 'hoursMilli' | 'laborRateFen'
>;

export interface PackageLaborLineDto {
  operationId: number;
  code: string;
  nameZh: string;
  nameEn: string;
  concernGroup: ConcernGroup;
  hoursMilli: number;
  laborRateFen: number;
  active: boolean;
  /** hours × rate, rounded half-up once for the line. */
  amountFen: number;
}

export interface PackagePartLineDto {
  partNumber: string;
  nameZh: string;
  nameEn: string;
  qtyMilli: number;
  unitPriceFen: number;
  /** qty × unit price, rounded half-up once for the line. */
  amountFen: number;
}

export interface PackageEstimate {
  hoursMilli: number;
  laborFen: number;
  partsFen: number;
  totalFen: number;
}

export interface PackageDetail extends PackageEstimate {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  laborLines: PackageLaborLineDto[];
  partLines: PackagePartLineDto[];
}

/**
 * One line's amount as the price list states it (hours × rate, or quantity × unit price), rounded half-up once for
 * the line: the same gross a repair order line will print, before any discount or tax.
 */
export function lineAmountFen(qtyMilli: number, unitPriceFen: number): number {
  return listPrice(qtyMilli, unitPriceFen).grossFen;
}

function listPrice(qtyMilli: number, unitPriceFen: number) {
  return priceLine({ qtyMilli, unitPriceFen, discountBp: 0, taxRateBp: 0, taxIncluded: true });
}

/**
 * What a package costs as listed: the sum of its rounded lines (never a re-rounding of the sum), so the estimate
 * adds up line by line. The core sends it with the package; the package form shows the same figure while editing.
 */
export function packageEstimate(
  laborLines: readonly { hoursMilli: number; laborRateFen: number }[],
  partLines: readonly { qtyMilli: number; unitPriceFen: number }[],
): PackageEstimate {
  const labor = sumLines(laborLines.map((line) => listPrice(line.hoursMilli, line.laborRateFen)));
  const parts = sumLines(partLines.map((line) => listPrice(line.qtyMilli, line.unitPriceFen)));
  return {
    hoursMilli: laborLines.reduce((sum, line) => sum + line.hoursMilli, 0),
    laborFen: labor.grossFen,
    partsFen: parts.grossFen,
    totalFen: labor.grossFen + parts.grossFen,
  };
}

/** Columns the operations grid may sort and filter by; anything else is refused. */
export const LABOR_GRID_COLUMNS = ['code', 'nameZh', 'nameEn', 'concernGroup', 'hours', 'rate', 'active'] as const;
export type LaborGridColumn = (typeof LABOR_GRID_COLUMNS)[number];

/**
 * Of the grid's columns, hours and rate sort but do not filter (a text filter on a number means nothing);
 * concern group and active filter by exact value only.
 */
function checkLaborFilters(
  value: { filterModel: Partial<Record<LaborGridColumn, { type: string; filter: string }>> },
  ctx: z.RefinementCtx,
): void {
  for (const [column, filter] of Object.entries(value.filterModel)) {
    if (!filter) continue;
    if (column === 'hours' || column === 'rate') {
      ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
    } else if (column === 'concernGroup' || column === 'active') {
      const allowed: readonly string[] = column === 'active' ? ['true', 'false'] : CONCERN_GROUPS;
      if (filter.type !== 'equals' || !allowed.includes(filter.filter)) {
        ctx.addIssue({ ...reasonIssue('invalidOption'), path: ['filterModel', column, 'filter'] });
      }
    }
  }
}

export const laborGridInput = gridInput(LABOR_GRID_COLUMNS).superRefine(checkLaborFilters);

export const catalogContract = {
  /** Every labor operation, paged, sorted and filtered in SQL (a name filter matches the Chinese or English name). */
  laborGrid: procedure.meta({ access: READ }).input(laborGridInput).output(type<Page<LaborOperationDto>>()),

  /**
   * The picker's search: active operations whose code starts with `q`, or whose Chinese or English name holds it
   * (Chinese names start with a verb, 更换…, so a name prefix alone would find little). Code matches first.
   */
  searchLabor: procedure
    .meta({ access: READ })
    .input(
      z.strictObject({ q: z.string().max(60).superRefine(refuseInvisible(false)), limit: z.int().min(1).max(50).default(20) }),
    )
    .output(type<LaborPick[]>()),

  getLabor: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<LaborOperationDto>()),

  createLabor: procedure.meta({ access: WRITE }).input(laborFields).output(type<LaborOperationDto>()),

  /** Changes an operation; a save from a stale version is refused (another desk saved first). */
  updateLabor: procedure.meta({ access: WRITE }).input(laborUpdateInput).output(type<LaborOperationDto>()),

  /** Retires an operation or brings it back. Operations are never deleted: repair orders point at them. */
  setLaborActive: procedure
    .meta({ access: WRITE })
    .input(z.strictObject({ id, version, active: z.boolean() }))
    .output(type<LaborOperationDto>()),

  /** Maintenance packages with their lines and estimate, by code; retired ones only when asked for. */
  listPackages: procedure
    .meta({ access: READ })
    .input(pageInput.extend({ includeRetired: z.boolean().default(false) }))
    .output(type<Page<PackageDetail>>()),

  getPackage: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<PackageDetail>()),

  createPackage: procedure.meta({ access: WRITE }).input(packageCreateInput).output(type<PackageDetail>()),

  /** Saves the package and replaces all its lines at once; a stale version or an unknown operation changes nothing. */
  updatePackage: procedure.meta({ access: WRITE }).input(packageUpdateInput).output(type<PackageDetail>()),

  setPackageActive: procedure
    .meta({ access: WRITE })
    .input(z.strictObject({ id, version, active: z.boolean() }))
    .output(type<PackageDetail>()),
};
