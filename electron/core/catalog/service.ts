import type { Selectable } from 'kysely';
import type { z } from 'zod';
import {
  lineAmountFen,
  packageEstimate,
  type LaborGridColumn,
  type LaborOperationDto,
  type LaborPick,
  type PackageDetail,
  type laborFields,
  type packageCreateInput,
} from '../../../shared/contract/catalog';
import type { GridInput, Page } from '../../../shared/contract/paging';
import { nameKey } from '../../../shared/domain/text';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import type { LaborOperationsTable, MaintenancePackagesTable } from '../db/schema';
import { fail, notFound, staleVersion } from '../errors';
import * as repo from './repository';
import { changedFields, recordAudit } from '../audit/record';

type LaborInput = z.output<typeof laborFields>;
type PackageInput = z.output<typeof packageCreateInput>;

function laborDto(row: Selectable<LaborOperationsTable>): LaborOperationDto {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    concernGroup: row.concern_group,
    hoursMilli: row.flat_rate_hours_milli,
    laborRateFen: row.labor_rate_fen,
    active: row.active === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function laborWrite(input: LaborInput, now: string): repo.LaborWrite {
  return {
    code: input.code,
    name_zh: input.nameZh,
    name_en: input.nameEn,
    name_en_key: nameKey(input.nameEn),
    concern_group: input.concernGroup,
    flat_rate_hours_milli: input.hoursMilli,
    labor_rate_fen: input.laborRateFen,
    updated_at: now,
  };
}

async function loadLabor(db: Db, id: number): Promise<LaborOperationDto> {
  const row = await repo.findLabor(db, id);
  if (!row) notFound('laborOperation');
  return laborDto(row);
}

export async function getLabor(deps: CoreDeps, id: number): Promise<LaborOperationDto> {
  return loadLabor(deps.db, id);
}

/** What the trail keeps of an operation: what prices an RO line and what a reader names it by. */
function laborAudited(o: Pick<LaborOperationDto, 'code' | 'nameZh' | 'hoursMilli' | 'laborRateFen'>) {
  return { code: o.code, nameZh: o.nameZh, hoursMilli: o.hoursMilli, laborRateFen: o.laborRateFen };
}

export async function createLabor(deps: CoreDeps, actor: Actor | null, input: LaborInput): Promise<LaborOperationDto> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.findLaborHoldingCode(trx, input.code, 0)) fail('CONFLICT', 'code.duplicate', 'code');
    const id = await repo.insertLabor(trx, { ...laborWrite(input, now), created_at: now });
    await recordAudit(trx, actor, {
      entity: 'labor_operation',
      entityId: id,
      action: 'labor.created',
      at: now,
      details: { label: input.nameZh, values: laborAudited(input) },
    });
    return loadLabor(trx, id);
  });
}

export async function updateLabor(
  deps: CoreDeps,
  actor: Actor | null,
  input: LaborInput & { id: number; version: number },
): Promise<LaborOperationDto> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findLabor(trx, input.id);
    if (!before) notFound('laborOperation');
    if (await repo.findLaborHoldingCode(trx, input.code, input.id)) fail('CONFLICT', 'code.duplicate', 'code');
    if (!(await repo.updateLabor(trx, input.id, input.version, laborWrite(input, now)))) staleVersion();
    const changes = changedFields(laborAudited(laborDto(before)), laborAudited(input));
    if (changes)
      await recordAudit(trx, actor, {
        entity: 'labor_operation',
        entityId: input.id,
        action: 'labor.changed',
        at: now,
        details: { label: input.nameZh, changes },
      });
    return loadLabor(trx, input.id);
  });
}

export async function setLaborActive(
  deps: CoreDeps,
  actor: Actor | null,
  input: { id: number; version: number; active: boolean },
): Promise<LaborOperationDto> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findLabor(trx, input.id);
    if (!before) notFound('laborOperation');
    if (!(await repo.setLaborActive(trx, input.id, input.version, input.active, now))) staleVersion();
    const changes = { active: { from: before.active === 1, to: input.active } };
    await recordAudit(trx, actor, {
      entity: 'labor_operation',
      entityId: input.id,
      action: 'labor.activeChanged',
      at: now,
      details: { label: before.name_zh, changes },
    });
    return loadLabor(trx, input.id);
  });
}

export async function laborGrid(deps: CoreDeps, input: GridInput<LaborGridColumn>): Promise<Page<LaborOperationDto>> {
  const limit = input.endRow - input.startRow;
  const rows = await repo.laborGrid(deps.db, input).execute();
  return { hasMore: rows.length > limit, rows: rows.slice(0, limit).map(laborDto) };
}

export async function searchLabor(deps: CoreDeps, input: { q: string; limit: number }): Promise<LaborPick[]> {
  const text = input.q.trim().replace(/\s+/g, ' ');
  if (!text) return [];
  const rows = await repo.searchLabor(deps.db, { text, upper: text.toUpperCase(), lower: text.toLowerCase() }, input.limit);
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    concernGroup: row.concern_group,
    hoursMilli: row.flat_rate_hours_milli,
    laborRateFen: row.labor_rate_fen,
  }));
}

// --- maintenance packages ---

/** Packages with their lines (read in two queries for the whole page) and their estimate. */
async function packageDetails(db: Db, packages: Selectable<MaintenancePackagesTable>[]): Promise<PackageDetail[]> {
  const ids = packages.map((p) => p.id);
  const [laborRows, partRows] = await Promise.all([repo.findPackageLaborLines(db, ids), repo.findPackagePartLines(db, ids)]);
  return packages.map((pkg) => {
    const laborLines = laborRows
      .filter((line) => line.package_id === pkg.id)
      .map((line) => ({
        operationId: line.id,
        code: line.code,
        nameZh: line.name_zh,
        nameEn: line.name_en,
        concernGroup: line.concern_group,
        hoursMilli: line.flat_rate_hours_milli,
        laborRateFen: line.labor_rate_fen,
        active: line.active === 1,
        amountFen: lineAmountFen(line.flat_rate_hours_milli, line.labor_rate_fen),
      }));
    const partLines = partRows
      .filter((line) => line.package_id === pkg.id)
      .map((line) => ({
        partNumber: line.part_number,
        nameZh: line.name_zh,
        nameEn: line.name_en,
        qtyMilli: line.qty_milli,
        unitPriceFen: line.unit_price_fen,
        amountFen: lineAmountFen(line.qty_milli, line.unit_price_fen),
      }));
    return {
      id: pkg.id,
      code: pkg.code,
      nameZh: pkg.name_zh,
      nameEn: pkg.name_en,
      active: pkg.active === 1,
      version: pkg.version,
      createdAt: pkg.created_at,
      updatedAt: pkg.updated_at,
      laborLines,
      partLines,
      ...packageEstimate(laborLines, partLines),
    };
  });
}

async function loadPackage(db: Db, id: number): Promise<PackageDetail> {
  const row = await repo.findPackage(db, id);
  if (!row) notFound('package');
  const [detail] = await packageDetails(db, [row]);
  return detail!;
}

/**
 * Every operation a package names must exist, and one added to it must be active (a retired operation already on
 * the package may stay, so renaming a package does not force replacing its lines).
 */
async function checkPackageOperations(db: Db, input: PackageInput, keptIds: ReadonlySet<number>): Promise<void> {
  const ids = input.laborLines.map((line) => line.operationId);
  const found = new Map((await repo.findLaborByIds(db, ids)).map((row) => [row.id, row]));
  input.laborLines.forEach((line, index) => {
    const operation = found.get(line.operationId);
    const field = `laborLines.${index}.operationId`;
    if (!operation) fail('NOT_FOUND', 'notFound', field, { what: 'laborOperation' });
    if (operation.active !== 1 && !keptIds.has(operation.id)) fail('RULE', 'operation.retired', field, { code: operation.code });
  });
}

function packageWrite(input: PackageInput, now: string): repo.PackageWrite {
  return { code: input.code, name_zh: input.nameZh, name_en: input.nameEn, updated_at: now };
}

function partWrites(input: PackageInput): repo.PartLineWrite[] {
  return input.partLines.map((part) => ({
    part_number: part.partNumber,
    name_zh: part.nameZh,
    name_en: part.nameEn,
    qty_milli: part.qtyMilli,
    unit_price_fen: part.unitPriceFen,
  }));
}

export async function getPackage(deps: CoreDeps, id: number): Promise<PackageDetail> {
  return loadPackage(deps.db, id);
}

export async function listPackages(
  deps: CoreDeps,
  input: { offset: number; limit: number; includeRetired: boolean },
): Promise<Page<PackageDetail>> {
  const rows = await repo.listPackages(deps.db, input);
  return { hasMore: rows.length > input.limit, rows: await packageDetails(deps.db, rows.slice(0, input.limit)) };
}

export async function createPackage(deps: CoreDeps, input: PackageInput): Promise<PackageDetail> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.findPackageHoldingCode(trx, input.code, 0)) fail('CONFLICT', 'code.duplicate', 'code');
    await checkPackageOperations(trx, input, new Set());
    const id = await repo.insertPackage(trx, { ...packageWrite(input, now), created_at: now });
    await repo.replacePackageLines(
      trx,
      id,
      input.laborLines.map((line) => line.operationId),
      partWrites(input),
    );
    return loadPackage(trx, id);
  });
}

export async function updatePackage(
  deps: CoreDeps,
  input: PackageInput & { id: number; version: number },
): Promise<PackageDetail> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.findPackage(trx, input.id))) notFound('package');
    if (await repo.findPackageHoldingCode(trx, input.code, input.id)) fail('CONFLICT', 'code.duplicate', 'code');
    const kept = new Set((await repo.findPackageLaborLines(trx, [input.id])).map((line) => line.id));
    await checkPackageOperations(trx, input, kept);
    if (!(await repo.updatePackage(trx, input.id, input.version, packageWrite(input, now)))) staleVersion();
    await repo.replacePackageLines(
      trx,
      input.id,
      input.laborLines.map((line) => line.operationId),
      partWrites(input),
    );
    return loadPackage(trx, input.id);
  });
}

export async function setPackageActive(
  deps: CoreDeps,
  input: { id: number; version: number; active: boolean },
): Promise<PackageDetail> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.findPackage(trx, input.id))) notFound('package');
    if (!(await repo.setPackageActive(trx, input.id, input.version, input.active, now))) staleVersion();
    return loadPackage(trx, input.id);
  });
}
