import type { Selectable } from 'kysely';
import type { z } from 'zod';
import {
  RO_PAYERS,
  type AddPartLineResult,
  type AmountsDto,
  type JobAuthorization,
  type LineKind,
  type RepairOrderDetail,
  type RepairOrderSummary,
  type RoGridColumn,
  type RoGridRow,
  type roGridInput,
  type RoLineDto,
  type RoPayer,
  type addJobInput,
  type addPackageInput,
  type addLaborLineInput,
  type addPartLineInput,
  type createInput,
  type setLineDiscountInput,
  type transitionInput,
  type updateJobInput,
} from '../../../shared/contract/repair-orders';
import type { Page } from '../../../shared/contract/paging';
import type { ConcernGroup } from '../../../shared/domain/concern-groups';
import { discountNeedsApproval, priceLine, sumLines, type LinePrice } from '../../../shared/domain/money';
import { normalizePlate } from '../../../shared/domain/plate';
import {
  canTransition,
  isOpenStatus,
  nextStatuses,
  OPEN_STATUSES,
  RO_STATUSES,
  type RepairOrderStatus,
} from '../../../shared/domain/repair-order-status';
import { DESK_TIME_ZONE } from '../../../shared/domain/desk-time';
import type { GuaranteeCategory } from '../../../shared/domain/guarantee';
import { nameKey } from '../../../shared/domain/text';
import { normalizeVin, reversed } from '../../../shared/domain/vin';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import type {
  LaborOperationsTable,
  MaintenancePackagePartsTable,
  RepairOrderLinesTable,
  RepairOrdersTable,
} from '../db/schema';
import { repairOrderEditValues, staleCurrent } from '../../../shared/contract/concurrent-edits';
import { AppError, fail, notFound, staleVersion } from '../errors';
import { findLabor, findPackage, findPackageLaborLines, findPackagePartLines } from '../catalog/repository';
import { pricingSettings } from '../settings/service';
import { findVehicle } from '../vehicles/repository';
import { visitCustomer } from '../vehicles/service';
import * as repo from './repository';
import { checkTransition } from './transition-guards';
import { detectComebacks } from '../workshop/comebacks-service';
import type { LineSupplyDto } from '../../../shared/contract/part-supply';
import { releaseJob, releaseLine, releaseRepairOrder, reserveForLine } from '../parts/reservations';
import { masterPartForLine, NON_STOCK, supplyOfRepairOrder } from '../parts/supply-service';
import { changedFields, recordAudit } from '../audit/record';


const yearFormat = new Intl.DateTimeFormat('en-US', { timeZone: DESK_TIME_ZONE, year: 'numeric' });

/** The calendar year on the desk's wall clock at `at`. */
export function deskYear(at: Date): number {
  return Number(yearFormat.format(at));
}

/** RO2026-000123: a year's numbers sort as text up to 999,999 ROs (a dealer group's busiest site stays far below). */
export function formatRoNumber(year: number, sequence: number): string {
  return `RO${year}-${String(sequence).padStart(6, '0')}`;
}

// --- reading ---

function amountsOf(
  row: Pick<Selectable<RepairOrderLinesTable>, 'gross_fen' | 'discount_fen' | 'net_fen' | 'tax_fen' | 'total_fen'>,
): LinePrice {
  return {
    grossFen: row.gross_fen,
    discountFen: row.discount_fen,
    netFen: row.net_fen,
    taxFen: row.tax_fen,
    totalFen: row.total_fen,
  };
}

function lineDto(row: Selectable<RepairOrderLinesTable>, supply: ReadonlyMap<number, LineSupplyDto>): RoLineDto {
  return {
    id: row.id,
    jobId: row.job_id,
    kind: row.kind as LineKind,
    position: row.position,
    operationId: row.operation_id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    qtyMilli: row.qty_milli,
    unitPriceFen: row.unit_price_fen,
    discountBp: row.discount_bp,
    discountReason: row.discount_reason,
    taxRateBp: row.tax_rate_bp,
    taxIncluded: row.tax_included === 1,
    ...amountsOf(row),
    // A part line without a reservation is a non-stock (free-text) part.
    supply: row.kind === 'part' ? (supply.get(row.id) ?? NON_STOCK) : null,
  };
}

export async function loadRepairOrder(db: Db, id: number): Promise<RepairOrderDetail> {
  const header = await repo.findRepairOrderHeader(db, id);
  if (!header) notFound('repairOrder');
  const [jobs, lines, history, supply] = await Promise.all([
    repo.findJobs(db, id),
    repo.findLines(db, id),
    repo.findStatusHistory(db, id),
    supplyOfRepairOrder(db, id),
  ]);
  const lineDtos = lines.map((line) => lineDto(line, supply));
  const payerOfJob = new Map(jobs.map((job) => [job.id, job.payer as RoPayer]));
  const sum = (selected: RoLineDto[]): AmountsDto => sumLines(selected);
  // A declined job keeps its own totals (the estimate the customer turned down), but the RO owes nothing for it.
  const declined = new Set(jobs.filter((job) => job.authorization_state === 'declined').map((job) => job.id));
  const owed = lineDtos.filter((line) => !declined.has(line.jobId));
  const status = header.status as RepairOrderStatus;
  return {
    id: header.id,
    number: header.number,
    status,
    nextStatuses: [...nextStatuses(status)],
    customer: { id: header.customer_id, name: header.customer_name },
    vehicle: { id: header.vehicle_id, vin: header.vin, plate: header.plate, makeModel: `${header.make} ${header.model}` },
    advisor: { id: header.advisor_id, displayName: header.advisor_name },
    promisedAt: header.promised_at,
    openedAt: header.opened_at,
    mileageInKm: header.mileage_in_km,
    version: header.version,
    createdAt: header.created_at,
    updatedAt: header.updated_at,
    jobs: jobs.map((job) => {
      const own = lineDtos.filter((line) => line.jobId === job.id);
      return {
        id: job.id,
        position: job.position,
        concern: job.concern,
        cause: job.cause,
        correction: job.correction,
        concernGroup: job.concern_group as ConcernGroup,
        payer: job.payer as RoPayer,
        authorization: job.authorization_state as JobAuthorization,
        workCategory: job.work_category as GuaranteeCategory | null,
        technician:
          job.technician_id !== null && job.technician_name !== null
            ? { id: job.technician_id, displayName: job.technician_name }
            : null,
        laborLines: own.filter((line) => line.kind === 'labor'),
        partLines: own.filter((line) => line.kind === 'part'),
        totals: sum(own),
      };
    }),
    totals: {
      labor: sum(owed.filter((line) => line.kind === 'labor')),
      parts: sum(owed.filter((line) => line.kind === 'part')),
      all: sum(owed),
      byPayer: Object.fromEntries(
        RO_PAYERS.map((payer) => [payer, sum(owed.filter((line) => payerOfJob.get(line.jobId) === payer))]),
      ) as Record<RoPayer, AmountsDto>,
    },
    history: history.map((h) => ({
      from: h.from_status as RepairOrderStatus | null,
      to: h.to_status as RepairOrderStatus,
      at: h.changed_at,
      userId: h.changed_by,
      userName: h.display_name,
      note: h.note,
    })),
  };
}

export async function get(deps: CoreDeps, id: number): Promise<RepairOrderDetail> {
  return loadRepairOrder(deps.db, id);
}

export async function listForVehicle(
  deps: CoreDeps,
  input: { vehicleId: number; offset: number; limit: number },
): Promise<Page<RepairOrderSummary>> {
  if (!(await findVehicle(deps.db, input.vehicleId))) notFound('vehicle');
  const rows = await repo.listForVehicle(deps.db, input.vehicleId, input);
  return {
    hasMore: rows.length > input.limit,
    rows: rows.slice(0, input.limit).map((row) => ({
      id: row.id,
      number: row.number,
      status: row.status as RepairOrderStatus,
      openedAt: row.opened_at,
      promisedAt: row.promised_at,
      customerName: row.customer_name,
      advisorName: row.advisor_name,
      totalFen: Number(row.total_fen ?? 0),
    })),
  };
}

// --- writing ---

/** A promised time must lie ahead: promising a time already gone is a typing slip (or a broken promise). */
function checkPromisedAt(promisedAt: string | null, now: Date): string | null {
  if (promisedAt === null) return null;
  const at = new Date(promisedAt);
  if (at.getTime() <= now.getTime()) fail('RULE', 'promisedAt.past', 'promisedAt');
  return at.toISOString();
}

export async function create(deps: CoreDeps, actor: Actor, input: z.output<typeof createInput>): Promise<RepairOrderDetail> {
  const at = deps.clock.now();
  const created = await deps.db.transaction().execute(async (trx) => loadRepairOrder(trx, await openRepairOrder(trx, actor, input, at)));
  deps.events.publish({ area: 'repairOrders', id: created.id });
  return created;
}

/**
 * Opens an RO inside the caller's transaction (repairOrders.create; an appointment turned into an RO, which links it
 * in the same transaction) and returns its id. The advisor is the acting user unless the caller names another.
 */
export async function openRepairOrder(
  trx: Db,
  actor: Actor,
  input: z.output<typeof createInput>,
  at: Date,
  advisorId: number = actor.id,
): Promise<number> {
  const now = at.toISOString();
  const promisedAt = checkPromisedAt(input.promisedAt, at);
  const customer = await visitCustomer(trx, input.vehicleId, input.customerId);

  const year = deskYear(at);
  const number = formatRoNumber(year, await repo.nextSequence(trx, year));
  const id = await repo.insertRepairOrder(trx, {
    number,
    customer_id: customer.id,
    vehicle_id: input.vehicleId,
    advisor_id: advisorId,
    status: 'open',
    promised_at: promisedAt,
    opened_at: now,
    mileage_in_km: null,
    created_at: now,
    updated_at: now,
  });
  for (const concern of input.concerns) {
    await repo.insertJob(trx, {
      repair_order_id: id,
      concern,
      concern_group: 'other',
      payer: 'customer',
      created_at: now,
      updated_at: now,
    });
  }
  await repo.insertStatusChange(trx, {
    repair_order_id: id,
    from_status: null,
    to_status: 'open',
    changed_by: actor.id,
    changed_at: now,
    note: '',
  });
  await detectComebacks(trx, id, at);
  await recordAudit(trx, actor, { entity: 'repair_order', entityId: id, repairOrderId: id, action: 'ro.created', at: now, details: { label: number } });
  return id;
}

/** Which statuses allow what: before delivery the RO is still being written; after it, it is a record. */
const EDITABLE = {
  /** Jobs, lines, discounts, findings and the promised time: while the car is in our hands (additional work included). */
  edit: (status: RepairOrderStatus) => isOpenStatus(status),
  /** A job goes only before work starts: after that, its clocked time and findings are on record. */
  removeJob: (status: RepairOrderStatus) => status === 'open',
  /** A line goes while work is under way (a part not needed after all), not once the car is checked or handed over. */
  removeLine: (status: RepairOrderStatus) => status === 'open' || status === 'in_progress',
} as const;

/**
 * One write to an RO, in one transaction: the RO must exist and still be at `version`, its status must allow the
 * kind of write, then `apply` writes, and the RO's version and updated_at move on. Returns the fresh detail.
 */
export function editRepairOrder(
  deps: CoreDeps,
  input: { id: number; version: number },
  allowed: keyof typeof EDITABLE,
  apply: RoWrite,
): Promise<RepairOrderDetail> {
  return writeRepairOrder(deps, input, allowed, apply, loadRepairOrder);
}

type RoWrite = (
  trx: Db,
  ro: Selectable<RepairOrdersTable>,
  now: string,
) => Promise<Partial<Pick<RepairOrdersTable, 'status' | 'promised_at'>> | void>;

/** editRepairOrder for a write whose caller wants another view of the RO back (`read`, e.g. its check-in). */
export async function writeRepairOrder<T>(
  deps: CoreDeps,
  input: { id: number; version: number },
  allowed: keyof typeof EDITABLE,
  apply: RoWrite,
  read: (trx: Db, repairOrderId: number) => Promise<T>,
): Promise<T> {
  const now = isoNow(deps.clock);
  const result = await deps.db.transaction().execute(async (trx) => {
    const ro = await repo.findRepairOrder(trx, input.id);
    if (!ro) notFound('repairOrder');
    if (ro.version !== input.version) await staleRepairOrder(trx, ro.id);
    const status = ro.status as RepairOrderStatus;
    if (!EDITABLE[allowed](status)) fail('RULE', 'status.locked', undefined, { status });
    const changes = (await apply(trx, ro, now)) ?? {};
    if (!(await repo.bumpRepairOrder(trx, ro.id, input.version, now, changes))) await staleRepairOrder(trx, ro.id);
    return read(trx, ro.id);
  });
  deps.events.publish({ area: 'repairOrders', id: input.id });
  return result;
}

/** Refuses a write from a stale version with the RO as another desk saved it, for the screen to show what changed. */
async function staleRepairOrder(db: Db, id: number): Promise<never> {
  const stored = await loadRepairOrder(db, id);
  return staleVersion(staleCurrent(stored, repairOrderEditValues(stored)));
}

async function jobOf(db: Db, repairOrderId: number, jobId: number) {
  const job = await repo.findJob(db, repairOrderId, jobId);
  if (!job) fail('NOT_FOUND', 'notFound', 'jobId', { what: 'job' });
  return job;
}

export function addJob(deps: CoreDeps, input: z.output<typeof addJobInput>, actor: Actor | null = null): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const values = { concernGroup: input.concernGroup, payer: input.payer };
    await recordAudit(trx, actor, { entity: 'repair_order', entityId: ro.id, repairOrderId: ro.id, action: 'ro.job.added', at: now, details: { label: input.concern, values } });
    await repo.insertJob(trx, {
      repair_order_id: ro.id,
      concern: input.concern,
      concern_group: input.concernGroup,
      payer: input.payer,
      created_at: now,
      updated_at: now,
    });
    await detectComebacks(trx, ro.id, new Date(now));
  });
}

export function updateJob(deps: CoreDeps, input: z.output<typeof updateJobInput>, actor: Actor | null = null): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const job = await jobOf(trx, ro.id, input.jobId);
    // Who pays and how the work is classed move money and guarantees: the trail keeps them (the findings are text).
    const was = { payer: job.payer, concernGroup: job.concern_group, workCategory: job.work_category };
    const changes = changedFields(was, { payer: input.payer ?? job.payer, concernGroup: input.concernGroup ?? job.concern_group, workCategory: input.workCategory === undefined ? job.work_category : input.workCategory });
    if (changes) await recordAudit(trx, actor, { entity: 'repair_order', entityId: ro.id, repairOrderId: ro.id, action: 'ro.job.changed', at: now, details: { label: job.concern, changes } });
    await repo.updateJob(trx, job.id, {
      ...(input.concern !== undefined ? { concern: input.concern } : {}),
      ...(input.cause !== undefined ? { cause: input.cause } : {}),
      ...(input.correction !== undefined ? { correction: input.correction } : {}),
      ...(input.concernGroup !== undefined ? { concern_group: input.concernGroup } : {}),
      ...(input.payer !== undefined ? { payer: input.payer } : {}),
      ...(input.workCategory !== undefined ? { work_category: input.workCategory } : {}),
      updated_at: now,
    });
    if (input.concernGroup !== undefined) await detectComebacks(trx, ro.id, new Date(now));
  });
}

export function removeJob(
  deps: CoreDeps,
  input: { id: number; version: number; jobId: number },
  actor: Actor | null = null,
): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'removeJob', async (trx, ro, now) => {
    const job = await jobOf(trx, ro.id, input.jobId);
    await recordAudit(trx, actor, { entity: 'repair_order', entityId: ro.id, repairOrderId: ro.id, action: 'ro.job.removed', at: now, details: { label: job.concern } });
    // An RO without a concern is not an RO; cancelling it is the way to withdraw.
    if ((await repo.findJobs(trx, ro.id)).length <= 1) fail('RULE', 'job.last', 'jobId');
    await releaseJob(trx, job.id, now);
    await repo.deleteJob(trx, job.id);
  });
}

interface Priced {
  qtyMilli: number;
  unitPriceFen: number;
  discountBp: number;
  taxRateBp: number;
  taxIncluded: boolean;
}

/**
 * Prices a line once, at write time, and applies the discount limit: above it only a manager may give the discount.
 * discountNeedsApproval compares fen, so a discount exactly at the limit rate is never counted as over it.
 */
function priceWithLimit(actor: Actor, line: Priced, limitBp: number, floorUnitFen: number | null = null): LinePrice {
  const price = priceLine(line);
  if (actor.role === 'manager') return price;
  if (discountNeedsApproval(price.discountFen, price.grossFen, limitBp)) {
    fail('RULE', 'discount.needsManager', 'discountBp', { limit: limitBp / 100 });
  }
  // A price typed below the floor is a discount too (¥0.01/h is 100% off): measured against the line at the floor.
  if (floorUnitFen !== null && line.unitPriceFen < floorUnitFen) {
    const atFloor = priceLine({ ...line, unitPriceFen: floorUnitFen, discountBp: 0 });
    const given = Math.max(0, atFloor.grossFen - price.netFen);
    if (discountNeedsApproval(given, atFloor.grossFen, limitBp)) {
      fail('RULE', 'discount.needsManager', 'laborRateFen', { limit: limitBp / 100 });
    }
  }
  return price;
}

/** The floor of a line's unit price: a free-text labor line's is the catalogue's lowest rate; others have none. */
async function floorUnitFen(trx: Db, line: { kind: string; operationId: number | null }): Promise<number | null> {
  return line.kind === 'labor' && line.operationId === null ? repo.lowestLaborRateFen(trx) : null;
}

function amountColumns(price: LinePrice) {
  return {
    gross_fen: price.grossFen,
    discount_fen: price.discountFen,
    net_fen: price.netFen,
    tax_fen: price.taxFen,
    total_fen: price.totalFen,
  };
}

/** What a new line holds before it is priced. */
interface LineFields {
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
  operation: Pick<Selectable<LaborOperationsTable>, 'id' | 'code' | 'name_zh' | 'name_en' | 'flat_rate_hours_milli' | 'labor_rate_fen'>,
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
    discount === 'approved' ? priceLine(priced) : priceWithLimit(actor, priced, settings.discountLimitBp, await floorUnitFen(trx, line));
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
  if (stock) await reserveForLine(trx, { lineId, partId: stock.id, repairOrderId: ro.id, jobId: job.id, qtyMilli: line.qtyMilli }, now);
  await recordAudit(trx, actor, {
    entity: 'repair_order',
    entityId: ro.id,
    repairOrderId: ro.id,
    action: 'ro.line.added',
    at: now,
    details: { label: line.nameZh, values: { lineId, kind: line.kind, code: stock?.code ?? line.code, qtyMilli: line.qtyMilli, unitPriceFen: line.unitPriceFen, discountBp: line.discountBp, totalFen: price.totalFen } },
  });
  return lineId;
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
export async function addPartLine(deps: CoreDeps, actor: Actor, input: z.output<typeof addPartLineInput>): Promise<AddPartLineResult> {
  let superseded: AddPartLineResult['superseded'];
  let partId: number | null = null;
  const discount = { discountBp: input.discountBp, discountReason: input.discountReason };
  const detail = await editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const found = await masterPartForLine(trx, input.partNumber);
    if (found) {
      // The master is the price list: a line from it is copied whole, never half-overridden.
      const given = (['nameZh', 'nameEn', 'unitPriceFen'] as const).filter((key) => input[key] !== undefined);
      if (given.length > 0) throw new AppError('INVALID_INPUT', given.map((field) => ({ field, reason: 'line.fromMaster' })));
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
    if (missing.length > 0) throw new AppError('INVALID_INPUT', missing.map((field) => ({ field, reason: 'required' })));
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
 * A maintenance package as a new job: the concern is the package's Chinese name (the RO is printed in Chinese), group
 * maintenance, payer customer; then its operations and parts in the package's order, each copied and priced as
 * addLaborLine and addPartLine do, without a discount. Nothing is written when the package or one of its operations
 * is retired.
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
    const jobId = await repo.insertJob(trx, {
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
  input: { id: number; version: number; lineId: number },
  actor: Actor | null = null,
): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'removeLine', async (trx, ro, now) => {
    const line = await lineOf(trx, ro.id, input.lineId);
    await releaseLine(trx, line.id, now);
    await repo.deleteLine(trx, line.id);
    const values = { lineId: line.id, kind: line.kind, code: line.code, qtyMilli: line.qty_milli, totalFen: line.total_fen };
    await recordAudit(trx, actor, { entity: 'repair_order', entityId: ro.id, repairOrderId: ro.id, action: 'ro.line.removed', at: now, details: { label: line.name_zh, values } });
  });
}

export function setPromisedTime(
  deps: CoreDeps,
  input: { id: number; version: number; promisedAt: string | null },
  actor: Actor | null = null,
): Promise<RepairOrderDetail> {
  const promisedAt = checkPromisedAt(input.promisedAt, deps.clock.now());
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const changes = { promisedAt: { from: ro.promised_at, to: promisedAt } };
    await recordAudit(trx, actor, { entity: 'repair_order', entityId: ro.id, repairOrderId: ro.id, action: 'ro.promisedTimeChanged', at: now, details: { label: ro.number, changes } });
    return { promised_at: promisedAt };
  });
}

export async function transition(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof transitionInput>,
): Promise<RepairOrderDetail> {
  const now = isoNow(deps.clock);
  const detail = await deps.db.transaction().execute(async (trx) => {
    const ro = await repo.findRepairOrder(trx, input.id);
    if (!ro) notFound('repairOrder');
    if (ro.version !== input.version) await staleRepairOrder(trx, ro.id);
    const from = ro.status as RepairOrderStatus;
    if (!canTransition(from, input.to)) fail('RULE', 'status.transition', 'to', { from, to: input.to });
    await checkTransition(trx, ro, from, input.to);
    // A withdrawn RO holds no stock (refused while parts are still in the technician's hands).
    if (input.to === 'cancelled') await releaseRepairOrder(trx, ro.id, now);
    if (!(await repo.bumpRepairOrder(trx, ro.id, input.version, now, { status: input.to }))) await staleRepairOrder(trx, ro.id);
    await repo.insertStatusChange(trx, {
      repair_order_id: ro.id,
      from_status: from,
      to_status: input.to,
      changed_by: actor.id,
      changed_at: now,
      note: input.note,
    });
    const changes = { status: { from, to: input.to } };
    await recordAudit(trx, actor, { entity: 'repair_order', entityId: ro.id, repairOrderId: ro.id, action: 'ro.statusChanged', at: now, details: { label: ro.number, changes } });
    return loadRepairOrder(trx, ro.id);
  });
  deps.events.publish({ area: 'repairOrders', id: detail.id });
  return detail;
}

// --- the RO list ---

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: DESK_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: DESK_TIME_ZONE, timeZoneName: 'longOffset' });

/** The calendar day on the desk's wall clock at `at`, as YYYY-MM-DD. */
export function deskDay(at: Date): string {
  return dayFormat.format(at);
}

/** The UTC instant (ISO) at which the desk's calendar day `day` (YYYY-MM-DD) begins. */
export function deskDayStart(day: string): string {
  // The zone's offset at noon of that day: Asia/Shanghai has had no daylight saving since 1991, so it is +08:00.
  const noon = new Date(`${day}T12:00:00Z`);
  const name = offsetFormat.formatToParts(noon).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name === 'GMT' ? '+00:00' : name.slice(3);
  return new Date(`${day}T00:00:00${offset}`).toISOString();
}

/** The day after `day` (YYYY-MM-DD), by the calendar. */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

type RoGridRequest = z.output<typeof roGridInput>;

/** The order of a grid request: a status sort's groups (if any), then one column and the id, in one direction. */
export interface RoGridOrder {
  byStatus: repo.RoSortDirection | null;
  column: repo.RoSortColumn;
  direction: repo.RoSortDirection;
}

/** One grid request as plain SQL conditions, order and position. */
export interface RoGridQuery {
  filter: repo.RoGridFilter;
  order: RoGridOrder;
  /** Rows to walk past (no cursor), and rows asked for. */
  offset: number;
  limit: number;
  /** The last row of the block before (keyset paging), or null. */
  after: repo.RoSortValues | null;
}

const GRID_COLUMNS: Record<Exclude<RoGridColumn, 'status'>, repo.RoSortColumn> = {
  number: 'number',
  openedAt: 'opened_at',
  promisedAt: 'promised_at',
};

/**
 * The grid's first sort column decides (a status sort: its groups, ordered within by the second column, else newest
 * first); equal promised times go by opening time, then ties by id, all in the same direction, so every order is one
 * index walk (see repairOrderWalk).
 */
function gridOrder(sortModel: RoGridRequest['sortModel'], soonestPromised: boolean): RoGridOrder {
  const [first, second] = sortModel;
  if (first?.colId === 'status') {
    return second && second.colId !== 'status'
      ? { byStatus: first.sort, column: GRID_COLUMNS[second.colId], direction: second.sort }
      : { byStatus: first.sort, column: 'opened_at', direction: 'desc' };
  }
  if (first) return { byStatus: null, column: GRID_COLUMNS[first.colId], direction: first.sort };
  return soonestPromised ? { byStatus: null, column: 'promised_at', direction: 'asc' } : { byStatus: null, column: 'opened_at', direction: 'desc' };
}

/**
 * A form of the search text and the index that finds it: anywhere from 3 characters (trigram); in a name, one or two
 * characters anywhere too (a given name, a two-character name); in a number or plate, fewer at the start.
 */
function textTerm(value: string, short: 'gram' | 'prefix'): repo.RoTextTerm | null {
  if (!value) return null;
  return { value, index: [...value].length >= 3 ? 'trigram' : short };
}

/**
 * The view and filters of one grid request as plain SQL conditions (null: nothing can match). Views and filters
 * narrow together: "late" with a status filter is the late ROs among those statuses.
 */
export function roGridQuery(deps: CoreDeps, actor: Actor, input: RoGridRequest): RoGridQuery | null {
  const at = deps.clock.now();
  const view = input.view;
  let statuses: readonly RepairOrderStatus[] | null = input.status.length > 0 ? [...new Set(input.status)] : null;
  if (view !== 'all') statuses = (statuses ?? RO_STATUSES).filter((status) => OPEN_STATUSES.includes(status));
  if (statuses && statuses.length === 0) return null;

  const advisorIds = new Set([...(view === 'mine_open' ? [actor.id] : []), ...(input.advisorId !== undefined ? [input.advisorId] : [])]);
  // Two different advisors: no RO has both.
  if (advisorIds.size > 1) return null;
  const filter: repo.RoGridFilter = { statuses, advisorId: advisorIds.size === 1 ? [...advisorIds][0]! : null };
  if (input.openedFrom) filter.openedFrom = deskDayStart(input.openedFrom);
  if (input.openedTo) filter.openedBefore = deskDayStart(nextDay(input.openedTo));
  if (view === 'due_today') {
    const today = deskDay(at);
    filter.promisedFrom = deskDayStart(today);
    filter.promisedBefore = deskDayStart(nextDay(today));
  } else if (view === 'late') {
    filter.promisedBefore = at.toISOString();
  }
  if (input.payer) filter.payerBit = 1 << RO_PAYERS.indexOf(input.payer);
  if (input.text) {
    const vin = normalizeVin(input.text);
    const number = input.text.toUpperCase();
    filter.text = {
      // Every RO number is RO<year>-<sequence> (formatRoNumber): text starting "RO" can only be found at their start.
      number: number.startsWith('RO') ? { value: number, index: 'prefix' } : textTerm(number, 'prefix'),
      plate: textTerm(normalizePlate(input.text), 'prefix'),
      name: textTerm(nameKey(input.text), 'gram'),
      // A VIN tail is typed as 4 or more of its last characters; fewer would match half the file.
      vinRev: vin.length >= 4 ? reversed(vin) : null,
      vehicles: 'row',
      customers: 'row',
    };
  }
  const after = input.after;
  return {
    filter,
    order: gridOrder(input.sortModel, view === 'due_today' || view === 'late'),
    offset: after ? 0 : input.startRow,
    limit: input.endRow - input.startRow,
    after: after
      ? { id: after.id, status: after.status, number: after.number, opened_at: after.openedAt, promised_at: after.promisedAt }
      : null,
  };
}

/**
 * A set of ROs this small is read whole and sorted (a few milliseconds at most); a larger one is walked in the order
 * of an index, checking each RO, where at least this many of the ten years' ROs match, so a page is found soon.
 */
export const GRID_SMALL_SET = 5000;
/**
 * An RO number prefix is read from (number, opened_at) alone, with no RO row: this many at about 0.15 µs a row at ten
 * years (40 ms for the whole list), less than walking past the years before a clustered prefix (RO2019…).
 */
export const GRID_COVERED_SET = 250_000;
/**
 * Cars or customers matching the search, read once per statement so each RO walked is checked in memory; and the ROs
 * of an RO number prefix read whole from its run of the number index when they must be sorted otherwise.
 */
export const GRID_MEMBERSHIP_SET = 50_000;

/**
 * The search's terms that match anything at all (a term nothing matches is not checked on every RO walked), and how
 * a walk checks the car and customer terms. Null: nothing matches.
 */
async function matchingTerms(db: Db, text: repo.RoTextSearch): Promise<repo.RoTextSearch | null> {
  const number = text.number && (await repo.countTermMatches(db, text, 'number', 0)) > 0 ? text.number : null;
  const vehicles = await repo.countTermMatches(db, text, 'vehicles', GRID_MEMBERSHIP_SET);
  const customers = await repo.countTermMatches(db, text, 'customers', GRID_MEMBERSHIP_SET);
  if (!number && vehicles === 0 && customers === 0) return null;
  return {
    number,
    plate: vehicles > 0 ? text.plate : null,
    vinRev: vehicles > 0 ? text.vinRev : null,
    name: customers > 0 ? text.name : null,
    vehicles: vehicles <= GRID_MEMBERSHIP_SET ? 'set' : 'row',
    customers: customers <= GRID_MEMBERSHIP_SET ? 'set' : 'row',
  };
}

/** One index walk of a page: an RO status (or any) and, for a promised-time order, with or without a promise. */
interface GridSegment {
  status: string | null;
  promisedNull: boolean | null;
}

/** Segments read one after the other (a status sort's groups; the ROs without a promise before or after the rest). */
function gridSegments(order: RoGridOrder, statuses: readonly string[] | null, promisedRange: boolean): GridSegment[] {
  const groups = order.byStatus
    ? [...(statuses ?? RO_STATUSES)].sort((x, y) => (x < y ? -1 : 1) * (order.byStatus === 'asc' ? 1 : -1))
    : [statuses ? statuses[0]! : null];
  // SQLite puts NULL first ascending and last descending; a promised-time range has no ROs without a promise.
  const splits: (boolean | null)[] =
    order.column !== 'promised_at' ? [null] : promisedRange ? [false] : order.direction === 'asc' ? [true, false] : [false, true];
  return groups.flatMap((status) => splits.map((promisedNull) => ({ status, promisedNull })));
}

/** Where a segment lies against the cursor's row: before it (< 0, skipped), its own (0), or after it (> 0). */
function segmentAgainst(segment: GridSegment, order: RoGridOrder, after: repo.RoSortValues): number {
  if (order.byStatus && segment.status !== null && segment.status !== after.status) {
    return (segment.status < after.status ? -1 : 1) * (order.byStatus === 'asc' ? 1 : -1);
  }
  if (segment.promisedNull !== null && segment.promisedNull !== (after.promised_at === null)) {
    const nullFirst = order.direction === 'asc';
    return segment.promisedNull === nullFirst ? -1 : 1;
  }
  return 0;
}

/** The order of rows from different walks (a status filter with several statuses merges one walk per status). */
function compareRows(order: RoGridOrder, a: repo.RoWalkedRow, b: repo.RoWalkedRow): number {
  const sign = order.direction === 'asc' ? 1 : -1;
  const x = a.sort_value;
  const y = b.sort_value;
  if (x !== y) {
    if (x === null) return -sign;
    if (y === null) return sign;
    return (x < y ? -1 : 1) * sign;
  }
  // Promised times tie often: then by opening time (see repairOrderWalk's order).
  if (order.column === 'promised_at' && a.opened_at !== b.opened_at) return (a.opened_at < b.opened_at ? -1 : 1) * sign;
  return (a.id - b.id) * sign;
}

/** The ids of the page's rows plus one (whether there is more), in the page's order, each read from an index. */
async function gridPage(db: Db, q: RoGridQuery): Promise<{ id: number }[]> {
  const need = q.limit + 1;
  const { order, after } = q;
  let filter = q.filter;
  const candidates = async (source: 'text' | 'opened') => {
    const terms: repo.RoOrderTerm[] = [
      ...(order.byStatus ? [{ column: 'status' as const, direction: order.byStatus }] : []),
      { column: order.column, direction: order.direction },
      // Tied promised times by opening time, as the walks order them.
      ...(order.column === 'promised_at' ? [{ column: 'opened_at' as const, direction: order.direction }] : []),
      { column: 'id', direction: order.direction },
    ];
    return repo.repairOrderCandidates(db, { filter, source, order: terms, after, limit: need, offset: q.offset });
  };
  // Conditions that make a set read whole touch each RO's row (no covering index).
  const checksRows = Boolean(filter.statuses || filter.advisorId !== null || filter.payerBit || filter.promisedFrom || filter.promisedBefore);
  if (filter.text) {
    const text = await matchingTerms(db, filter.text);
    if (!text) return [];
    filter = { ...filter, text };
    // No index holds the text's matches in the list's order: a few are read and sorted, many are met soon by a walk.
    // An RO number prefix is a range of the number index: walked when sorted by number, else read from it whole.
    const numberPrefix = repo.numberPrefixOnly(text);
    const numbersWalked = numberPrefix && order.column === 'number' && !order.byStatus;
    // A prefix's numbers are one run of the index (RO2019… is a year): read whole, not walked past the other years.
    const covered = numberPrefix && order.column === 'opened_at' && !order.byStatus && !checksRows && !filter.openedFrom && !filter.openedBefore;
    const cap = covered ? GRID_COVERED_SET : numberPrefix ? GRID_MEMBERSHIP_SET : GRID_SMALL_SET;
    if (!numbersWalked && (await repo.countTextMatches(db, text, cap)) <= cap) return candidates('text');
  }
  // A date range ordered by another column: a small one is read whole (one day: a walk would go on past it to the
  // end of the index looking for more); a large one is walked, numbers and promised times along (number, opened_at)
  // and (promised_at, opened_at), the range checked in the index.
  if ((filter.openedFrom || filter.openedBefore) && order.column !== 'opened_at') {
    const range = { ...(filter.openedFrom ? { openedFrom: filter.openedFrom } : {}), ...(filter.openedBefore ? { openedBefore: filter.openedBefore } : {}) };
    if ((await repo.countCapped(db, range, GRID_SMALL_SET)) <= GRID_SMALL_SET) return candidates('opened');
  }

  // With an advisor and a status, the walk starts from the status if it has few ROs (the open ones), else from the
  // advisor's index and checks the status of each RO.
  const drives = new Map<string | null, 'status' | 'advisor' | null>();
  const driveOf = async (status: string | null) => {
    if (status === null) return filter.advisorId !== null ? 'advisor' : null;
    if (filter.advisorId === null) return 'status';
    let drive = drives.get(status);
    if (drive === undefined) {
      drive = (await repo.countCapped(db, { status }, GRID_SMALL_SET)) <= GRID_SMALL_SET ? 'status' : 'advisor';
      drives.set(status, drive);
    }
    return drive;
  };
  const promisedRange = Boolean(filter.promisedFrom || filter.promisedBefore);
  const take = async (segments: GridSegment[], count: number, skip: number) => {
    const rows: repo.RoWalkedRow[] = [];
    // One segment pages in SQL; several are read in turn, the skipped rows counted off here.
    const single = segments.length === 1;
    for (const segment of segments) {
      const position = after ? segmentAgainst(segment, order, after) : 1;
      if (position < 0) continue;
      const found = await repo.repairOrderWalk(db, {
        filter,
        status: segment.status,
        drive: await driveOf(segment.status),
        column: order.column,
        direction: order.direction,
        promisedNull: segment.promisedNull,
        after: after && position === 0 ? { value: after[order.column], opened_at: after.opened_at, id: after.id } : null,
        limit: single ? count : skip + count - rows.length,
        offset: single ? skip : 0,
      });
      const skipped = single ? 0 : Math.min(skip, found.length);
      skip -= skipped;
      rows.push(...found.slice(skipped));
      if (rows.length >= count) break;
    }
    return rows.slice(0, count);
  };
  if (order.byStatus || !filter.statuses || filter.statuses.length === 1) {
    return take(gridSegments(order, filter.statuses, promisedRange), need, q.offset);
  }
  // Several statuses in another order: one walk per status, merged (each walk's first rows are enough).
  const walks: repo.RoWalkedRow[] = [];
  for (const status of filter.statuses) walks.push(...(await take(gridSegments(order, [status], promisedRange), q.offset + need, 0)));
  return walks.sort((a, b) => compareRows(order, a, b)).slice(q.offset, q.offset + need);
}

/** One page of the RO list (repairOrders.grid): the rows' ids from an index first, then what they show. */
export async function grid(deps: CoreDeps, actor: Actor, input: RoGridRequest): Promise<Page<RoGridRow>> {
  const query = roGridQuery(deps, actor, input);
  if (!query) return { rows: [], hasMore: false };
  const now = deps.clock.now().toISOString();
  const page = await gridPage(deps.db, query);
  const shown = page.slice(0, query.limit);
  const details = new Map((shown.length > 0 ? await repo.repairOrderRows(deps.db, shown.map((row) => row.id)) : []).map((row) => [row.id, row]));
  return {
    hasMore: page.length > query.limit,
    rows: shown.flatMap(({ id }) => {
      const row = details.get(id);
      if (!row) return [];
      const status = row.status as RepairOrderStatus;
      return [
        {
          id: row.id,
          number: row.number,
          status,
          customerName: row.customer_name,
          plate: row.plate,
          advisorId: row.advisor_id,
          advisorName: row.advisor_name,
          openedAt: row.opened_at,
          promisedAt: row.promised_at,
          late: isOpenStatus(status) && row.promised_at !== null && row.promised_at < now,
          totalFen: Number(row.total_fen ?? 0),
          payers: RO_PAYERS.filter((_, bit) => (row.payer_mask & (1 << bit)) !== 0),
        },
      ];
    }),
  };
}
