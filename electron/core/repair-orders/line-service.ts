import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type {
  AddPartLineResult,
  LineKind,
  RepairOrderDetail,
  addLaborLineInput,
  addPackageInput,
  addPartLineInput,
  setLineDiscountInput,
} from '../../../shared/contract/repair-orders';
import { priceLine } from '../../../shared/domain/money';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import type { LaborOperationsTable, MaintenancePackagePartsTable, RepairOrderJobsTable, RepairOrdersTable } from '../db/schema';
import { AppError, fail } from '../errors';
import { recordAudit } from '../audit/record';
import { findLabor, findPackage, findPackageLaborLines, findPackagePartLines } from '../catalog/repository';
import { releaseLine, reserveForLine } from '../parts/part-supply/reservations';
import { masterPartForLine } from '../parts/part-supply/service';
import { pricingSettings } from '../settings/service';
import { detectComebacks } from '../workshop/comebacks/service';
import { editRepairOrder, jobOf } from './editing';
import { amountColumns, floorUnitFen, priceWithLimit } from './pricing';
import * as repo from './repository';

// Writing an RO's lines: labor (catalogue or free text), parts (from the parts master, reserving stock, or non-stock),
// a maintenance package as a job with its lines, a line's discount, a line removed.

/** What a new line holds before it is priced. */
export interface LineFields {
  kind: LineKind;
  operationId: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  qtyMilli: number;
  unitPriceFen: number;
  discountBp: number;
  discountReason: string;
  /**
   * A part line's master part: null for a non-stock line; left out, the code is looked up in the parts master
   * (supersession followed; a retired part makes a non-stock line), as for package parts and declined work copied.
   */
  partId?: number | null;
}

type Discount = Pick<LineFields, 'discountBp' | 'discountReason'>;
const NO_DISCOUNT: Discount = { discountBp: 0, discountReason: '' };

/**
 * A labor line copied from a catalogue operation as the catalogue states it today: a later change of the catalogue
 * never alters the RO. The caller has checked that the operation is active.
 */
function operationLine(
  operation: Pick<
    Selectable<LaborOperationsTable>,
    'id' | 'code' | 'name_zh' | 'name_en' | 'flat_rate_hours_milli' | 'labor_rate_fen'
  >,
  discount: Discount,
): LineFields {
  return {
    kind: 'labor',
    operationId: operation.id,
    code: operation.code,
    nameZh: operation.name_zh,
    nameEn: operation.name_en,
    qtyMilli: operation.flat_rate_hours_milli,
    unitPriceFen: operation.labor_rate_fen,
    ...discount,
  };
}

/** A part line copied from a maintenance package's part line. */
function packagePartLine(
  part: Pick<Selectable<MaintenancePackagePartsTable>, 'part_number' | 'name_zh' | 'name_en' | 'qty_milli' | 'unit_price_fen'>,
): LineFields {
  return {
    kind: 'part',
    operationId: null,
    code: part.part_number,
    nameZh: part.name_zh,
    nameEn: part.name_en,
    qtyMilli: part.qty_milli,
    unitPriceFen: part.unit_price_fen,
    ...NO_DISCOUNT,
  };
}

/**
 * Prices a line with today's tax settings and inserts it. `discount: 'approved'` is for a discount given earlier
 * (declined work offered again): a manager approved it then, so the limit is not asked again.
 */
export async function insertPricedLine(
  trx: Db,
  actor: Actor,
  ro: Selectable<RepairOrdersTable>,
  jobId: number,
  now: string,
  line: LineFields,
  discount: 'check' | 'approved' = 'check',
): Promise<number> {
  const job = await jobOf(trx, ro.id, jobId);
  const settings = await pricingSettings(trx);
  const { partId: givenPartId, ...fields } = line;
  const priced = { ...fields, taxRateBp: settings.taxRateBp, taxIncluded: settings.pricesIncludeTax };
  const price =
    discount === 'approved'
      ? priceLine(priced)
      : priceWithLimit(actor, priced, settings.discountLimitBp, await floorUnitFen(trx, line));
  // A part of the master reserves stock; the line carries the number to use now.
  let stock: { id: number; code: string } | null = null;
  if (line.kind === 'part' && givenPartId === undefined) {
    const found = await masterPartForLine(trx, line.code);
    // The catalogue's own spelling of the number stays on the line, unless the master replaced the part.
    if (found && !found.retired) stock = { id: found.part.id, code: found.superseded ? found.part.part_number : line.code };
  } else if (line.kind === 'part' && givenPartId !== null && givenPartId !== undefined) {
    stock = { id: givenPartId, code: line.code };
  }
  const lineId = await repo.insertLine(trx, {
    repair_order_id: ro.id,
    job_id: job.id,
    kind: line.kind,
    operation_id: line.operationId,
    code: stock?.code ?? line.code,
    name_zh: line.nameZh,
    name_en: line.nameEn,
    qty_milli: line.qtyMilli,
    unit_price_fen: line.unitPriceFen,
    discount_bp: line.discountBp,
    discount_reason: line.discountBp > 0 ? line.discountReason : '',
    tax_rate_bp: settings.taxRateBp,
    tax_included: settings.pricesIncludeTax ? 1 : 0,
    ...amountColumns(price),
    created_by: actor.id,
    created_at: now,
    updated_at: now,
  });
  if (stock)
    await reserveForLine(trx, { lineId, partId: stock.id, repairOrderId: ro.id, jobId: job.id, qtyMilli: line.qtyMilli }, now);
  if (line.kind === 'labor' && line.operationId !== null && job.concern_group === 'other')
    await groupFromOperation(trx, actor, ro.id, job, line.operationId, now);
  await recordAudit(trx, actor, {
    entity: 'repair_order',
    entityId: ro.id,
    repairOrderId: ro.id,
    action: 'ro.line.added',
    at: now,
    details: {
      label: line.nameZh,
      values: {
        lineId,
        kind: line.kind,
        code: stock?.code ?? line.code,
        qtyMilli: line.qtyMilli,
        unitPriceFen: line.unitPriceFen,
        discountBp: line.discountBp,
        totalFen: price.totalFen,
      },
    },
  });
  return lineId;
}

/**
 * A job still in the default group (other) takes the group of the first catalogue operation added to it: a job of a
 * brake operation is a brake job, so dispatch finds a technician with the skill, and the 三包 radar and comeback
 * matching see the group (docs/domain.md, "Repair order"). A group someone chose is never changed.
 */
async function groupFromOperation(
  trx: Db,
  actor: Actor,
  repairOrderId: number,
  job: Pick<Selectable<RepairOrderJobsTable>, 'id' | 'concern' | 'concern_group'>,
  operationId: number,
  now: string,
): Promise<void> {
  const operation = await findLabor(trx, operationId);
  if (!operation || operation.concern_group === 'other') return;
  await repo.updateJob(trx, job.id, { concern_group: operation.concern_group, updated_at: now });
  await recordAudit(trx, actor, {
    entity: 'repair_order',
    entityId: repairOrderId,
    repairOrderId,
    action: 'ro.job.changed',
    at: now,
    details: { label: job.concern, changes: { concernGroup: { from: job.concern_group, to: operation.concern_group } } },
  });
  // A group set is a group to compare with the vehicle's earlier jobs (docs/domain.md, "Comeback").
  await detectComebacks(trx, repairOrderId, new Date(now));
}

export function addLaborLine(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof addLaborLineInput>,
): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const discount = { discountBp: input.discountBp, discountReason: input.discountReason };
    if (input.operationId !== undefined) {
      const operation = await findLabor(trx, input.operationId);
      if (!operation) fail('NOT_FOUND', 'notFound', 'operationId', { what: 'laborOperation' });
      if (operation.active !== 1) fail('RULE', 'operation.retired', 'operationId', { code: operation.code });
      await insertPricedLine(trx, actor, ro, input.jobId, now, operationLine(operation, discount));
      return;
    }
    // The contract required these for a free-text line.
    await insertPricedLine(trx, actor, ro, input.jobId, now, {
      kind: 'labor',
      operationId: null,
      code: input.code ?? '',
      nameZh: input.nameZh!,
      nameEn: input.nameEn ?? '',
      qtyMilli: input.hoursMilli!,
      unitPriceFen: input.laborRateFen!,
      ...discount,
    });
  });
}

/**
 * A part line: a number of the parts master is copied from it (the part to use now, its names and list price) and
 * reserves stock; any other number is a non-stock free-text line. Says which typed number the master replaced.
 */
export async function addPartLine(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof addPartLineInput>,
): Promise<AddPartLineResult> {
  let superseded: AddPartLineResult['superseded'];
  let partId: number | null = null;
  const discount = { discountBp: input.discountBp, discountReason: input.discountReason };
  const detail = await editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const found = await masterPartForLine(trx, input.partNumber);
    if (found) {
      // The master is the price list: a line from it is copied whole, never half-overridden.
      const given = (['nameZh', 'nameEn', 'unitPriceFen'] as const).filter((key) => input[key] !== undefined);
      if (given.length > 0)
        throw new AppError(
          'INVALID_INPUT',
          given.map((field) => ({ field, reason: 'line.fromMaster' })),
        );
      if (found.retired) fail('RULE', 'parts.partRetired', 'partNumber', { partNumber: found.part.part_number });
      if (found.superseded) superseded = { from: found.requestedNumber, to: found.part.part_number };
      partId = found.part.id;
      await insertPricedLine(trx, actor, ro, input.jobId, now, {
        kind: 'part',
        operationId: null,
        code: found.part.part_number,
        nameZh: found.part.name_zh,
        nameEn: found.part.name_en,
        qtyMilli: input.qtyMilli,
        unitPriceFen: found.part.list_price_fen,
        ...discount,
        partId: found.part.id,
      });
      return;
    }
    const missing = (['nameZh', 'unitPriceFen'] as const).filter((key) => input[key] === undefined);
    if (missing.length > 0)
      throw new AppError(
        'INVALID_INPUT',
        missing.map((field) => ({ field, reason: 'required' })),
      );
    await insertPricedLine(trx, actor, ro, input.jobId, now, {
      kind: 'part',
      operationId: null,
      code: input.partNumber,
      nameZh: input.nameZh!,
      nameEn: input.nameEn ?? '',
      qtyMilli: input.qtyMilli,
      unitPriceFen: input.unitPriceFen!,
      ...discount,
      partId: null,
    });
  });
  // What the shelf can spare changed for the parts desk too.
  if (partId !== null) deps.events.publish({ area: 'parts', id: partId });
  return superseded ? { ...detail, superseded } : detail;
}

/**
 * A maintenance package answering a concern: with `jobId`, its operations and parts fill that job (the customer's own
 * words stay its concern; a job still in the default group takes the operations' group). Without, it is a new job
 * whose concern is the package's Chinese name (the RO is printed in Chinese), group maintenance, payer customer. The
 * lines come in the package's order, each copied and priced as addLaborLine and addPartLine do, without a discount.
 * Nothing is written when the package or one of its operations is retired.
 */
export function addPackage(deps: CoreDeps, actor: Actor, input: z.output<typeof addPackageInput>): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const pkg = await findPackage(trx, input.packageId);
    if (!pkg) fail('NOT_FOUND', 'notFound', 'packageId', { what: 'package' });
    if (pkg.active !== 1) fail('RULE', 'package.retired', 'packageId', { code: pkg.code });
    const operations = await findPackageLaborLines(trx, [pkg.id]);
    const parts = await findPackagePartLines(trx, [pkg.id]);
    const retired = operations.find((operation) => operation.active !== 1);
    if (retired) fail('RULE', 'package.operationRetired', 'packageId', { package: pkg.code, code: retired.code });
    const jobId =
      input.jobId !== undefined
        ? (await jobOf(trx, ro.id, input.jobId)).id
        : await repo.insertJob(trx, {
            repair_order_id: ro.id,
            concern: pkg.name_zh,
            concern_group: 'maintenance',
            payer: 'customer',
            created_at: now,
            updated_at: now,
          });
    for (const operation of operations) await insertPricedLine(trx, actor, ro, jobId, now, operationLine(operation, NO_DISCOUNT));
    for (const part of parts) await insertPricedLine(trx, actor, ro, jobId, now, packagePartLine(part));
  });
}

async function lineOf(db: Db, repairOrderId: number, lineId: number) {
  const line = await repo.findLine(db, repairOrderId, lineId);
  if (!line) fail('NOT_FOUND', 'notFound', 'lineId', { what: 'line' });
  return line;
}

export function setLineDiscount(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof setLineDiscountInput>,
): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const line = await lineOf(trx, ro.id, input.lineId);
    const { discountLimitBp } = await pricingSettings(trx);
    // Priced again with the tax the line was written with: a change of the tax setting applies to new lines only.
    const price = priceWithLimit(
      actor,
      {
        qtyMilli: line.qty_milli,
        unitPriceFen: line.unit_price_fen,
        discountBp: input.discountBp,
        taxRateBp: line.tax_rate_bp,
        taxIncluded: line.tax_included === 1,
      },
      discountLimitBp,
      await floorUnitFen(trx, { kind: line.kind, operationId: line.operation_id }),
    );
    await repo.updateLineDiscount(trx, line.id, {
      discount_bp: input.discountBp,
      discount_reason: input.discountBp > 0 ? input.discountReason : '',
      ...amountColumns(price),
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      entity: 'repair_order',
      entityId: ro.id,
      repairOrderId: ro.id,
      action: 'ro.line.priceChanged',
      at: now,
      details: {
        label: line.name_zh,
        values: { lineId: line.id, reason: input.discountBp > 0 ? input.discountReason : '' },
        changes: {
          discountBp: { from: line.discount_bp, to: input.discountBp },
          totalFen: { from: line.total_fen, to: price.totalFen },
        },
      },
    });
  });
}

export function removeLine(
  deps: CoreDeps,
  actor: Actor | null,
  input: { id: number; version: number; lineId: number },
): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'removeLine', async (trx, ro, now) => {
    const line = await lineOf(trx, ro.id, input.lineId);
    await releaseLine(trx, line.id, now);
    await repo.deleteLine(trx, line.id);
    const values = { lineId: line.id, kind: line.kind, code: line.code, qtyMilli: line.qty_milli, totalFen: line.total_fen };
    await recordAudit(trx, actor, {
      entity: 'repair_order',
      entityId: ro.id,
      repairOrderId: ro.id,
      action: 'ro.line.removed',
      at: now,
      details: { label: line.name_zh, values },
    });
  });
}
