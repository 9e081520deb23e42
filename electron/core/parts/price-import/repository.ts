import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Db } from '../../db/connection';
import type { Database, PriceImportsTable } from '../../db/schema';

/**
 * The price-file import's SQL. The lines of a file are staged in a TEMP table (one per connection, so it never
 * touches the database file and vanishes with a rollback), then checked, counted and applied set-based against the
 * parts master through its unique part-number index: a 300,000-line file is a few statements, never one per line.
 */

/** One staged line; null columns leave the master's value as it is (a new part takes the default). */
export interface StageTable {
  /** The rowid: lines are staged in file order, so every insert is an append. */
  line: number;
  part_number: string;
  name_zh: string | null;
  name_en: string | null;
  brand: string | null;
  unit: string | null;
  list_price_fen: number;
  cost_fen: number | null;
  superseded_by: string | null;
  /** The master's part of this number, when it exists (filled by linkMaster). */
  part_id: number | null;
}
export type StageRow = Omit<StageTable, 'part_id'>;

type StageDb = Kysely<Database & { price_import_stage: StageTable }>;

function staged(db: Db): StageDb {
  return db.withTables<{ price_import_stage: StageTable }>();
}

/** Values per IN (...) list. */
const IN_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// --- the import's record and the remembered mappings ---

export async function insertImport(db: Db, row: Omit<PriceImportsTable, 'id'>): Promise<number> {
  const result = await db.insertInto('price_imports').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function setStoredPath(db: Db, id: number, storedPath: string): Promise<void> {
  await db.updateTable('price_imports').set({ stored_path: storedPath }).where('id', '=', id).execute();
}

export function findImport(db: Db, id: number) {
  return db.selectFrom('price_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordCommit(
  db: Db,
  id: number,
  counts: { lineCount: number; added: number; changed: number; unchanged: number; rejected: number },
  now: string,
): Promise<void> {
  await db
    .updateTable('price_imports')
    .set({
      status: 'committed',
      line_count: counts.lineCount,
      added: counts.added,
      changed: counts.changed,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      written: counts.lineCount - counts.rejected,
      committed_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * The file's writing starts: what its check found is recorded with the status, so a record cut short still tells what
 * the file was doing (`written` of line_count - rejected lines). Runs in the first chunk's transaction.
 */
export async function recordWriting(
  db: Db,
  id: number,
  counts: { lineCount: number; added: number; changed: number; unchanged: number; rejected: number },
): Promise<void> {
  await db
    .updateTable('price_imports')
    .set({
      status: 'writing',
      line_count: counts.lineCount,
      added: counts.added,
      changed: counts.changed,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      written: 0,
    })
    .where('id', '=', id)
    .execute();
}

/** Lines written so far: in the same transaction as the chunk that wrote them. */
export async function recordWritten(db: Db, id: number, written: number): Promise<void> {
  await db.updateTable('price_imports').set({ written }).where('id', '=', id).execute();
}

/** The write stopped partway: `written` stays as the last chunk that committed left it. */
export async function recordInterrupted(db: Db, id: number): Promise<void> {
  await db
    .updateTable('price_imports')
    .set({ status: 'interrupted' })
    .where('id', '=', id)
    .where('status', '=', 'writing')
    .execute();
}

/**
 * Records left at 'writing' by a process that died while writing. Called while the import lock is held, when no
 * import of this core is writing; the table is a few rows a month, read whole.
 */
export async function interruptStale(db: Db): Promise<void> {
  await db.updateTable('price_imports').set({ status: 'interrupted' }).where('status', '=', 'writing').execute();
}

export async function findMapping(db: Db, signature: string): Promise<string | null> {
  const row = await db
    .selectFrom('price_import_mappings')
    .select('mapping_json')
    .where('header_signature', '=', signature)
    .executeTakeFirst();
  return row?.mapping_json ?? null;
}

export async function rememberMapping(
  db: Db,
  signature: string,
  mappingJson: string,
  userId: number,
  now: string,
): Promise<void> {
  await db
    .insertInto('price_import_mappings')
    .values({ header_signature: signature, mapping_json: mappingJson, updated_by: userId, updated_at: now })
    .onConflict((oc) =>
      oc.column('header_signature').doUpdateSet({ mapping_json: mappingJson, updated_by: userId, updated_at: now }),
    )
    .execute();
}

// --- staging ---

export async function createStage(db: Db): Promise<void> {
  // A stage left by a process that stopped mid-import would be gone with its connection; dropped first all the same.
  await dropStage(db);
  await db.schema
    .createTable('price_import_stage')
    .temporary()
    .addColumn('line', 'integer', (c) => c.primaryKey())
    .addColumn('part_number', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text')
    .addColumn('name_en', 'text')
    .addColumn('brand', 'text')
    .addColumn('unit', 'text')
    .addColumn('list_price_fen', 'integer', (c) => c.notNull())
    .addColumn('cost_fen', 'integer')
    .addColumn('superseded_by', 'text')
    .addColumn('part_id', 'integer')
    .execute();
}

/**
 * The stage's part-number index, made on the empty stage: the lines then go into it chunk by chunk as they are staged
 * (one sorted build after all lines would cost less in all, but it is one statement of a second or two at 300,000
 * lines, during which no desk is answered). Unique: duplicates within the file are refused before they are staged.
 */
export async function indexStage(db: Db): Promise<void> {
  await db.schema.createIndex('price_import_stage_number').unique().on('price_import_stage').column('part_number').execute();
}

export async function dropStage(db: Db): Promise<void> {
  await db.schema.dropTable('price_import_stage').ifExists().execute();
}

const STAGE_COLUMNS = [
  'line',
  'part_number',
  'name_zh',
  'name_en',
  'brand',
  'unit',
  'list_price_fen',
  'cost_fen',
  'superseded_by',
] as const satisfies readonly (keyof StageRow)[];

/**
 * Stages lines through one prepared statement: kysely compiles the one-row INSERT once, and the very same SQL runs
 * for every line on the connection the import's transaction holds (better-sqlite3 is synchronous, so nothing else
 * can interleave). Compiling or binding a query per line, or per multi-row batch, costs more than SQLite's own work
 * at 300,000 lines.
 */
export function stageRows(db: Db, sqlite: BetterSqlite3.Database, rows: readonly StageRow[]): void {
  const placeholder = Object.fromEntries(STAGE_COLUMNS.map((column) => [column, null])) as unknown as StageRow;
  const compiled = staged(db).insertInto('price_import_stage').values(placeholder).compile();
  const insert = sqlite.prepare(compiled.sql);
  for (const row of rows) insert.run(STAGE_COLUMNS.map((column) => row[column]));
}

/**
 * Each staged line (of the range, or all) gets the id of the master's part with its number (one unique-index search
 * per line). Run for the whole stage before the checks, and again for each chunk inside the chunk's own transaction:
 * a part another desk created between the checks and the chunk is then updated as an existing part (its other
 * fields kept where the line leaves them empty), never inserted twice.
 */
export function linkMasterQuery(db: Db, lines?: LineRange) {
  const query = staged(db)
    .updateTable('price_import_stage')
    .set((eb) => ({
      part_id: eb.selectFrom('parts').select('parts.id').whereRef('parts.part_number', '=', 'price_import_stage.part_number'),
    }));
  return lines ? query.where('price_import_stage.line', '>=', lines.from).where('price_import_stage.line', '<', lines.to) : query;
}

export async function linkMaster(db: Db, lines?: LineRange): Promise<void> {
  await linkMasterQuery(db, lines).execute();
}

/** Staged lines of parts the master does not have yet and that name no Chinese name. */
export function newWithoutName(db: Db) {
  return staged(db)
    .selectFrom('price_import_stage')
    .select(['line', 'part_number'])
    .where('part_id', 'is', null)
    .where('name_zh', 'is', null)
    .orderBy('line')
    .execute();
}

export async function unstage(db: Db, lines: readonly number[]): Promise<void> {
  const s = staged(db);
  for (const chunk of chunks(lines, IN_CHUNK)) await s.deleteFrom('price_import_stage').where('line', 'in', chunk).execute();
}

/** Every supersession of the master as part number -> successor's part number (few rows; the index finds them). */
export async function masterSuccessors(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('parts as p')
    .innerJoin('parts as s', 's.id', 'p.superseded_by_id')
    .select(['p.part_number as partNumber', 's.part_number as successor'])
    .where('p.superseded_by_id', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [row.partNumber, row.successor]));
}

/** Which of these numbers the master has. */
export async function existingNumbers(db: Db, numbers: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks(numbers, IN_CHUNK)) {
    const rows = await db.selectFrom('parts').select('part_number').where('part_number', 'in', chunk).execute();
    for (const row of rows) found.add(row.part_number);
  }
  return found;
}

export interface StageCounts {
  added: number;
  changedPrice: number;
  changedOther: number;
  unchanged: number;
}

/** What the staged lines (of the range, or all) would do to the master, counted in SQL. */
export async function classify(db: Db, lines?: LineRange): Promise<StageCounts> {
  const row = await classifyQuery(db, lines).executeTakeFirstOrThrow();
  return {
    added: Number(row.added),
    changedPrice: Number(row.changedPrice),
    changedOther: Number(row.changedOther),
    unchanged: Number(row.unchanged),
  };
}

export function classifyQuery(db: Db, lines?: LineRange) {
  return staged(db)
    .selectFrom('price_import_stage as st')
    .where(inRange(lines))
    .leftJoin('parts as p', 'p.id', 'st.part_id')
    .leftJoin('parts as s', 's.id', 'p.superseded_by_id')
    .select((eb) => {
      const differs = (column: 'name_zh' | 'name_en' | 'brand' | 'unit' | 'cost_fen') =>
        eb.and([eb(`st.${column}`, 'is not', null), eb(`st.${column}`, 'is not', eb.ref(`p.${column}`))]);
      const otherDiffers = eb.or([
        differs('name_zh'),
        differs('name_en'),
        differs('brand'),
        differs('unit'),
        differs('cost_fen'),
        eb.and([eb('st.superseded_by', 'is not', null), eb('st.superseded_by', 'is not', eb.ref('s.part_number'))]),
      ]);
      const existing = eb('st.part_id', 'is not', null);
      const samePrice = eb('st.list_price_fen', '=', eb.ref('p.list_price_fen'));
      return [
        eb.fn.countAll<number>().filterWhere('st.part_id', 'is', null).as('added'),
        eb.fn
          .countAll<number>()
          .filterWhere(eb.and([existing, eb('st.list_price_fen', '!=', eb.ref('p.list_price_fen'))]))
          .as('changedPrice'),
        eb.fn
          .countAll<number>()
          .filterWhere(eb.and([existing, samePrice, otherDiffers]))
          .as('changedOther'),
        eb.fn
          .countAll<number>()
          .filterWhere(eb.and([existing, samePrice, eb.not(otherDiffers)]))
          .as('unchanged'),
      ];
    });
}

/**
 * Writes the staged lines into the master. Existing parts whose names, brand and unit stay as they are (most lines of
 * an OEM price file: a new price) get a plain UPDATE of their price (and cost, where it moves) first: SQLite rewrites
 * the entries of every index whose column an UPDATE sets, so the upsert below, which sets every column, would rewrite
 * seven index entries and the name search rows of each part (10 s and more for 300,000 lines at ten years). Then one INSERT ... SELECT ... ON CONFLICT DO UPDATE for the rest: new parts and
 * parts whose other columns change. Either way a part is written only when something differs (its version moves, so
 * an open edit form notices), at most once, and stock columns are never in the update. Successors are set afterwards
 * (applySuccessors): a successor may be a part this file adds.
 */
export async function applyStage(db: Db, now: string, lines?: LineRange): Promise<void> {
  await applyPricesQuery(db, now, 'price', lines).execute();
  await applyPricesQuery(db, now, 'cost', lines).execute();
  await applyStageQuery(db, now, lines).execute();
}

/** File lines `from` (inclusive) to `to` (exclusive): one chunk of the stage, read by its rowid. */
export interface LineRange {
  from: number;
  to: number;
}

/** All lines, or one chunk of them. */
function inRange(lines: LineRange | undefined) {
  return lines ? sql<boolean>`st.line >= ${lines.from} AND st.line < ${lines.to}` : sql<boolean>`st.line > 0`;
}

/**
 * The line leaves the part's names, brand and unit as they are (a null keeps the master's value). `master` is the
 * parts row the line is compared with.
 */
function sameOther(master: 'parts' | 'p') {
  type Column = 'name_zh' | 'name_en' | 'brand' | 'unit';
  const column = (name: Column) =>
    sql`(${sql.ref(`st.${name}`)} IS NULL OR ${sql.ref(`st.${name}`)} IS ${sql.ref(`${master}.${name}`)})`;
  return sql<boolean>`(${column('name_zh')} AND ${column('name_en')} AND ${column('brand')} AND ${column('unit')})`;
}

/**
 * Existing parts that only change price: `price` sets the list price of those whose cost stays; `cost` sets list
 * price and cost of those whose cost moves (the cost's own index entry is rewritten only for them).
 */
export function applyPricesQuery(db: Db, now: string, what: 'price' | 'cost', lines?: LineRange) {
  const costMoves = sql<boolean>`(st.cost_fen IS NOT NULL AND st.cost_fen IS NOT parts.cost_fen)`;
  return staged(db)
    .updateTable('parts')
    .from('price_import_stage as st')
    .set(() => ({
      list_price_fen: sql<number>`st.list_price_fen`,
      ...(what === 'cost' ? { cost_fen: sql<number>`st.cost_fen` } : {}),
      version: sql<number>`parts.version + 1`,
      updated_at: now,
    }))
    .where(sql<boolean>`st.part_id = parts.id`)
    .where(inRange(lines))
    .where(sameOther('parts'))
    .where(what === 'cost' ? costMoves : sql<boolean>`st.list_price_fen IS NOT parts.list_price_fen AND NOT ${costMoves}`);
}

export function applyStageQuery(db: Db, now: string, lines?: LineRange) {
  return staged(db)
    .insertInto('parts')
    .columns([
      'part_number',
      'name_zh',
      'name_en',
      'brand',
      'unit',
      'list_price_fen',
      'cost_fen',
      'tax_class',
      'superseded_by_id',
      'default_bin',
      'min_qty_milli',
      'max_qty_milli',
      'on_hand_milli',
      'stock_value_fen',
      'active',
      'version',
      'created_at',
      'updated_at',
    ])
    .expression((eb) =>
      eb
        .selectFrom('price_import_stage as st')
        .leftJoin('parts as p', 'p.id', 'st.part_id')
        .select((e) => [
          'st.part_number',
          e.fn.coalesce('st.name_zh', 'p.name_zh', e.val('')).as('name_zh'),
          e.fn.coalesce('st.name_en', 'p.name_en', e.val('')).as('name_en'),
          e.fn.coalesce('st.brand', 'p.brand', e.val('')).as('brand'),
          e.fn.coalesce('st.unit', 'p.unit', e.val('piece')).as('unit'),
          'st.list_price_fen',
          e.fn.coalesce('st.cost_fen', 'p.cost_fen', e.val(0)).as('cost_fen'),
          e.val('standard').as('tax_class'),
          e.val(null).as('superseded_by_id'),
          e.val('').as('default_bin'),
          e.val(0).as('min_qty_milli'),
          e.val(0).as('max_qty_milli'),
          e.val(0).as('on_hand_milli'),
          e.val(0).as('stock_value_fen'),
          e.val(1).as('active'),
          e.val(1).as('version'),
          e.val(now).as('created_at'),
          e.val(now).as('updated_at'),
        ])
        // Also keeps SQLite's parser from reading the upsert's ON as the join's (sqlite.org/lang_upsert.html).
        .where(inRange(lines))
        // Parts that change price only were written by applyPricesQuery (and now equal the line in every column).
        .where((e) => e.or([e('st.part_id', 'is', null), e.not(sameOther('p'))])),
    )
    .onConflict((oc) =>
      oc
        .column('part_number')
        .doUpdateSet((eb) => ({
          name_zh: eb.ref('excluded.name_zh'),
          name_en: eb.ref('excluded.name_en'),
          brand: eb.ref('excluded.brand'),
          unit: eb.ref('excluded.unit'),
          list_price_fen: eb.ref('excluded.list_price_fen'),
          cost_fen: eb.ref('excluded.cost_fen'),
          version: sql<number>`parts.version + 1`,
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where((eb) =>
          eb.or([
            eb('excluded.name_zh', 'is not', eb.ref('parts.name_zh')),
            eb('excluded.name_en', 'is not', eb.ref('parts.name_en')),
            eb('excluded.brand', 'is not', eb.ref('parts.brand')),
            eb('excluded.unit', 'is not', eb.ref('parts.unit')),
            eb('excluded.list_price_fen', 'is not', eb.ref('parts.list_price_fen')),
            eb('excluded.cost_fen', 'is not', eb.ref('parts.cost_fen')),
          ]),
        ),
    );
}

/**
 * Points the staged parts (of the range, or all) that name a successor at it, where it differs. Run after every line
 * is written: a successor may be a part a later chunk adds.
 */
export async function applySuccessors(db: Db, now: string, lines?: LineRange): Promise<void> {
  await staged(db)
    .updateTable('parts')
    .set((eb) => ({
      superseded_by_id: eb
        .selectFrom('price_import_stage as st')
        .innerJoin('parts as s', 's.part_number', 'st.superseded_by')
        .select('s.id')
        .whereRef('st.part_number', '=', 'parts.part_number'),
      version: sql<number>`parts.version + 1`,
      updated_at: now,
    }))
    .where((eb) =>
      eb.and([
        eb(
          'parts.part_number',
          'in',
          eb
            .selectFrom('price_import_stage as st')
            .select('st.part_number')
            .where('st.superseded_by', 'is not', null)
            .where(inRange(lines)),
        ),
        eb(
          'parts.superseded_by_id',
          'is not',
          eb
            .selectFrom('price_import_stage as st')
            .innerJoin('parts as s', 's.part_number', 'st.superseded_by')
            .select('s.id')
            .whereRef('st.part_number', '=', 'parts.part_number'),
        ),
      ]),
    )
    .execute();
}
