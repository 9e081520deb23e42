import type { Insertable } from 'kysely';
import type { Db } from '../db/connection';
import type { DmsImportKind } from '../../../shared/domain/dms-import';
import type { DmsImportRefusalsTable, DmsImportsTable, DmsImportStatus } from '../db/schema/dms-import';

// The import records, their refused rows and the remembered mappings.

export async function insertImport(db: Db, row: Insertable<DmsImportsTable>): Promise<number> {
  const result = await db.insertInto('dms_imports').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export function findImport(db: Db, id: number) {
  return db.selectFrom('dms_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setStatus(db: Db, id: number, status: DmsImportStatus): Promise<void> {
  await db.updateTable('dms_imports').set({ status }).where('id', '=', id).execute();
}

export async function recordRun(
  db: Db,
  id: number,
  values: Pick<
    DmsImportsTable,
    'status' | 'rows' | 'created' | 'matched' | 'unchanged' | 'refused' | 'written' | 'finished_at' | 'mapping_json'
  >,
): Promise<void> {
  await db.updateTable('dms_imports').set(values).where('id', '=', id).execute();
}

export async function clearRefusals(db: Db, importId: number): Promise<void> {
  await db.deleteFrom('dms_import_refusals').where('import_id', '=', importId).execute();
}

export async function insertRefusals(db: Db, rows: Insertable<DmsImportRefusalsTable>[]): Promise<void> {
  for (let at = 0; at < rows.length; at += 100)
    await db
      .insertInto('dms_import_refusals')
      .values(rows.slice(at, at + 100))
      .execute();
}

export async function countRefusals(db: Db, importId: number): Promise<number> {
  const row = await db
    .selectFrom('dms_import_refusals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function refusals(db: Db, importId: number, offset: number, limit: number) {
  return db
    .selectFrom('dms_import_refusals')
    .selectAll()
    .where('import_id', '=', importId)
    .orderBy('line')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function findMapping(db: Db, kind: DmsImportKind, signature: string): Promise<string | null> {
  const row = await db
    .selectFrom('dms_import_mappings')
    .select('mapping_json')
    .where('kind', '=', kind)
    .where('header_signature', '=', signature)
    .executeTakeFirst();
  return row?.mapping_json ?? null;
}

export async function rememberMapping(
  db: Db,
  kind: DmsImportKind,
  signature: string,
  mappingJson: string,
  userId: number,
  now: string,
): Promise<void> {
  await db
    .insertInto('dms_import_mappings')
    .values({ kind, header_signature: signature, mapping_json: mappingJson, updated_by: userId, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['kind', 'header_signature']).doUpdateSet({ mapping_json: mappingJson, updated_by: userId, updated_at: now }),
    )
    .execute();
}
