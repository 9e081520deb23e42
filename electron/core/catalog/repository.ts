import { sql } from 'kysely';
import type { LaborGridColumn } from '../../../shared/contract/catalog';
import type { GridInput } from '../../../shared/contract/paging';
import type { Db } from '../db/connection';
import { likeEscape, prefixUpperBound } from '../db/prefix';
import type { LaborOperationsTable, MaintenancePackagePartsTable, MaintenancePackagesTable } from '../db/schema';

export type LaborWrite = Omit<LaborOperationsTable, 'id' | 'active' | 'version' | 'created_at'>;
export type PackageWrite = Omit<MaintenancePackagesTable, 'id' | 'active' | 'version' | 'created_at'>;
export type PartLineWrite = Omit<MaintenancePackagePartsTable, 'id' | 'package_id' | 'position'>;

// --- labor operations ---

export async function insertLabor(db: Db, row: LaborWrite & { created_at: string }): Promise<number> {
  const result = await db.insertInto('labor_operations').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/** Updates only if nobody saved since `version` was read; returns whether it did. */
export async function updateLabor(db: Db, id: number, version: number, row: LaborWrite): Promise<boolean> {
  const result = await db
    .updateTable('labor_operations')
    .set({ ...row, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setLaborActive(db: Db, id: number, version: number, active: boolean, now: string): Promise<boolean> {
  const result = await db
    .updateTable('labor_operations')
    .set({ active: active ? 1 : 0, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function findLabor(db: Db, id: number) {
  return db.selectFrom('labor_operations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another operation already holding this code (also enforced by the unique index). */
export function findLaborHoldingCode(db: Db, code: string, exceptId: number) {
  return db.selectFrom('labor_operations').select('id').where('code', '=', code).where('id', '<>', exceptId).executeTakeFirst();
}

export function findLaborByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('labor_operations').selectAll().where('id', 'in', ids).execute();
}

/** Grid column id -> SQL column for sorting; the code breaks ties, so paging is stable. */
const LABOR_SORT = {
  code: 'code',
  nameZh: 'name_zh',
  nameEn: 'name_en_key',
  concernGroup: 'concern_group',
  hours: 'flat_rate_hours_milli',
  rate: 'labor_rate_fen',
  active: 'active',
} as const;

function likePattern(type: 'contains' | 'startsWith' | 'equals', text: string): string {
  const escaped = likeEscape(text);
  return type === 'equals' ? escaped : type === 'startsWith' ? `${escaped}%` : `%${escaped}%`;
}

/** The operations grid: filters and sorts mapped through the allow-list (the contract refused anything else). */
export function laborGrid(db: Db, request: GridInput<LaborGridColumn>) {
  const limit = request.endRow - request.startRow;
  let query = db.selectFrom('labor_operations').selectAll();
  for (const [column, filter] of Object.entries(request.filterModel)) {
    if (!filter) continue;
    const text = filter.filter.trim();
    if (!text) continue;
    if (column === 'code') {
      query = query.where(sql<boolean>`code LIKE ${likePattern(filter.type, text.toUpperCase())} ESCAPE '\\'`);
    } else if (column === 'nameZh' || column === 'nameEn') {
      // One name filter finds either language: desks are bilingual, and a name may be typed in either.
      const zh = likePattern(filter.type, text);
      const en = likePattern(filter.type, text.replace(/\s+/g, ' ').toLowerCase());
      query = query.where((eb) =>
        eb.or([sql<boolean>`name_zh LIKE ${zh} ESCAPE '\\'`, sql<boolean>`name_en_key LIKE ${en} ESCAPE '\\'`]),
      );
    } else if (column === 'concernGroup') {
      // Typed text, not a ConcernGroup: one that names no group matches nothing.
      query = query.where(sql<boolean>`concern_group = ${text}`);
    } else if (column === 'active') {
      query = query.where('active', '=', text === 'true' ? 1 : 0);
    }
  }
  for (const sort of request.sortModel) query = query.orderBy(LABOR_SORT[sort.colId], sort.sort);
  return query
    .orderBy('code')
    .limit(limit + 1)
    .offset(request.startRow);
}

/**
 * The picker's search over active operations: code prefix (an index range), then name prefix, then names holding
 * the text anywhere. `q` arrives trimmed; `upper` and `lower` are its code and English-name forms.
 */
export function searchLabor(db: Db, q: { upper: string; text: string; lower: string }, limit: number) {
  const codeFrom = q.upper;
  const codeTo = prefixUpperBound(q.upper);
  const zhContains = `%${likeEscape(q.text)}%`;
  const enContains = `%${likeEscape(q.lower)}%`;
  const zhPrefix = `${likeEscape(q.text)}%`;
  const enPrefix = `${likeEscape(q.lower)}%`;
  return db
    .selectFrom('labor_operations')
    .select(['id', 'code', 'name_zh', 'name_en', 'concern_group', 'flat_rate_hours_milli', 'labor_rate_fen'])
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([
        eb.and([eb('code', '>=', codeFrom), eb('code', '<', codeTo)]),
        sql<boolean>`name_zh LIKE ${zhContains} ESCAPE '\\'`,
        sql<boolean>`name_en_key LIKE ${enContains} ESCAPE '\\'`,
      ]),
    )
    .orderBy((eb) =>
      eb
        .case()
        .when(eb.and([eb('code', '>=', codeFrom), eb('code', '<', codeTo)]))
        .then(0)
        .when(eb.or([sql<boolean>`name_zh LIKE ${zhPrefix} ESCAPE '\\'`, sql<boolean>`name_en_key LIKE ${enPrefix} ESCAPE '\\'`]))
        .then(1)
        .else(2)
        .end(),
    )
    .orderBy('code')
    .limit(limit)
    .execute();
}

// --- maintenance packages ---

export async function insertPackage(db: Db, row: PackageWrite & { created_at: string }): Promise<number> {
  const result = await db.insertInto('maintenance_packages').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function updatePackage(db: Db, id: number, version: number, row: PackageWrite): Promise<boolean> {
  const result = await db
    .updateTable('maintenance_packages')
    .set({ ...row, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setPackageActive(db: Db, id: number, version: number, active: boolean, now: string): Promise<boolean> {
  const result = await db
    .updateTable('maintenance_packages')
    .set({ active: active ? 1 : 0, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function findPackage(db: Db, id: number) {
  return db.selectFrom('maintenance_packages').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPackageHoldingCode(db: Db, code: string, exceptId: number) {
  return db
    .selectFrom('maintenance_packages')
    .select('id')
    .where('code', '=', code)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
}

/** A page of packages by code (one row more than asked, to tell whether there is more). */
export function listPackages(db: Db, page: { offset: number; limit: number; includeRetired: boolean }) {
  let query = db.selectFrom('maintenance_packages').selectAll();
  if (!page.includeRetired) query = query.where('active', '=', 1);
  return query
    .orderBy('code')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
}

/** The labor lines of some packages, each with its operation as it is now. */
export function findPackageLaborLines(db: Db, packageIds: readonly number[]) {
  if (packageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('maintenance_package_labor as l')
    .innerJoin('labor_operations as o', 'o.id', 'l.operation_id')
    .select([
      'l.package_id',
      'o.id',
      'o.code',
      'o.name_zh',
      'o.name_en',
      'o.concern_group',
      'o.flat_rate_hours_milli',
      'o.labor_rate_fen',
      'o.active',
    ])
    .where('l.package_id', 'in', packageIds)
    .orderBy('l.package_id')
    .orderBy('l.position')
    .execute();
}

export function findPackagePartLines(db: Db, packageIds: readonly number[]) {
  if (packageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('maintenance_package_parts')
    .selectAll()
    .where('package_id', 'in', packageIds)
    .orderBy('package_id')
    .orderBy('position')
    .execute();
}

/** Replaces all lines of a package (inside the caller's transaction, so the old lines stay if anything fails). */
export async function replacePackageLines(
  db: Db,
  packageId: number,
  operationIds: readonly number[],
  parts: readonly PartLineWrite[],
): Promise<void> {
  await db.deleteFrom('maintenance_package_labor').where('package_id', '=', packageId).execute();
  await db.deleteFrom('maintenance_package_parts').where('package_id', '=', packageId).execute();
  if (operationIds.length > 0) {
    await db
      .insertInto('maintenance_package_labor')
      .values(operationIds.map((operationId, position) => ({ package_id: packageId, operation_id: operationId, position })))
      .execute();
  }
  if (parts.length > 0) {
    await db
      .insertInto('maintenance_package_parts')
      .values(parts.map((part, position) => ({ ...part, package_id: packageId, position })))
      .execute();
  }
}
