import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAll, openTestCore, type TestCore } from '../fixtures/core';

/**
 * electron/core/db/schema/ (the kysely `Database` type of index.ts, each area's tables in a file beside it) is
 * written by hand; the migrations are the truth. This test migrates a new database file and reads both sides: the
 * tables and columns from SQLite's own pragmas, the `Database` interface through the TypeScript compiler API (the
 * type checker resolves `Generated<…>`, the shared unions and aliases exactly as tsc does). Every table, column, type and nullability must agree; `Generated<…>` only where the
 * database fills the value; a column the database CHECKs against a list of strings carries exactly that union.
 *
 * Which tables are compared (the rule):
 * - Only what `PRAGMA table_list` calls type 'table' in schema 'main'. SQLite itself classifies the rest: 'view'
 *   (no rows of its own), 'virtual' (FTS5 and fts5vocab tables: their columns are the module's) and 'shadow' (the
 *   _data/_idx/_config/_docsize/_content tables FTS5 keeps for a virtual table). None of them is a table the code
 *   writes rows to.
 * - Names starting with `sqlite_` are SQLite's own (the prefix is reserved: sqlite_sequence, sqlite_stat1).
 * - NOT_IN_DATABASE below: real tables kept out of `Database` on purpose, each with its reason. The test proves each
 *   still exists and that no code outside the migrations (and PLUMBING_FILES, each for its own tables) names it.
 */
const NOT_IN_DATABASE: Record<string, string> = {
  schema_backfills: "migrate.ts's own bookkeeping of resumable backfills, created before any migration runs",
  report_queue: 'trigger plumbing (migration 0025): filled and emptied by triggers inside the writing statement',
  report_csi_answer_queue: 'trigger plumbing (migration 0025): filled and emptied by triggers inside the writing statement',
  report_csi_response_queue: 'trigger plumbing (migration 0025): filled and emptied by triggers inside the writing statement',
  fact_refresh_hold:
    "trigger plumbing (migration 0039): an import batch's hold on its facts, set and released in its transaction",
};

/** The one file outside the migrations that may name such a table, because it is that table's own plumbing. */
const PLUMBING_FILES: Record<string, string> = {
  schema_backfills: 'electron/core/db/migrate.ts',
  report_queue: 'electron/core/imports/held-facts.ts',
  fact_refresh_hold: 'electron/core/imports/held-facts.ts',
};

/**
 * Primary keys of ordinary (rowid) tables declared without NOT NULL. SQLite, for backward compatibility, accepts NULL
 * in a non-INTEGER key of such a table, so the database calls them nullable; the code looks rows up by these keys and
 * never writes NULL, so `Database` types them non-null. Listed so that a new one is a decision, not an accident.
 */
const KEYS_SQLITE_LETS_BE_NULL = [
  'login_failures.username',
  'price_import_mappings.header_signature',
  'sessions.token_hash',
  'settings.key',
];

type Kind = 'string' | 'number';

interface DbColumn {
  name: string;
  kind: Kind;
  declaredType: string;
  nullable: boolean;
  /** The database fills it when an INSERT leaves it out: a DEFAULT, NULL, or the rowid. */
  fillsWhenOmitted: boolean;
}

interface TsColumn {
  name: string;
  /** The column's select type, member by member ('string', 'number', 'null', or what else the checker printed). */
  kinds: Set<string>;
  /** The string literals of a union type (ConcernGroup…), sorted; null for a plain string or number. */
  literals: string[] | null;
  /** Generated<…> (or a ColumnType whose insert type takes undefined): an INSERT may leave it out. */
  optionalOnInsert: boolean;
  text: string;
}

/** SQLite's type affinity of a declared type (https://sqlite.org/datatype3.html, 3.1), as better-sqlite3 returns it. */
function kindOfDeclared(declared: string): Kind | null {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'number';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'string';
  if (t.includes('BLOB') || t === '') return null; // Buffers or anything: no column of ours; teach the test first.
  return 'number'; // REAL and NUMERIC affinity
}

interface TableListRow {
  name: string;
  type: string;
  wr: number;
  strict: number;
}

interface ColumnInfoRow {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}

function readDatabaseFile(test: TestCore): { tables: Map<string, DbColumn[]>; all: TableListRow[] } {
  const sqlite = test.core.deps.sqlite;
  const all = sqlite
    .prepare("SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'")
    .all() as TableListRow[];
  const tables = new Map<string, DbColumn[]>();
  for (const table of all) {
    if (table.type !== 'table' || table.name.startsWith('sqlite_') || table.name in NOT_IN_DATABASE) continue;
    const columns = sqlite
      .prepare('SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?)')
      .all(table.name) as ColumnInfoRow[];
    const keyColumns = columns.filter((c) => c.pk > 0).length;
    tables.set(
      table.name,
      columns.map((c) => {
        if (c.hidden !== 0) throw new Error(`${table.name}.${c.name} is a generated column: teach this test how kysely types it`);
        const kind = kindOfDeclared(c.type);
        if (kind === null)
          throw new Error(`${table.name}.${c.name} is declared '${c.type}': teach this test its TypeScript type`);
        // INTEGER PRIMARY KEY is the rowid: never NULL, filled when left out. WITHOUT ROWID and STRICT tables refuse a
        // NULL key. Any other key column of a rowid table takes NULL unless declared NOT NULL (SQLite's old quirk).
        const rowid = c.pk > 0 && keyColumns === 1 && c.type.toUpperCase() === 'INTEGER' && table.wr === 0;
        const keyRefusesNull = c.pk > 0 && (rowid || table.wr === 1 || table.strict === 1);
        const nullable = c.notnull === 0 && !keyRefusesNull;
        return {
          name: c.name,
          kind,
          declaredType: c.type,
          nullable,
          fillsWhenOmitted: rowid || nullable || c.dflt_value !== null,
        };
      }),
    );
  }
  return { tables, all };
}

const ROOT = join(__dirname, '..', '..');
const SCHEMA_FILE = join(ROOT, 'electron/core/db/schema/index.ts');

function compilerOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.node.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.node.json could not be read');
  return { ...config.options, noEmit: true, composite: false, incremental: false };
}

/** The `Database` interface of schema/index.ts, as the type checker sees it. */
function readDatabaseType(): Map<string, TsColumn[]> {
  const program = ts.createProgram([SCHEMA_FILE], compilerOptions());
  const source = program.getSourceFile(SCHEMA_FILE);
  if (!source) throw new Error('schema/index.ts not in the program');
  const problems = ts.getPreEmitDiagnostics(program, source);
  if (problems.length > 0) throw new Error(problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const database = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'Database');
  if (!database) throw new Error('schema/index.ts exports no Database');

  const kindsOf = (type: ts.Type): Set<string> =>
    new Set(
      (type.isUnion() ? type.types : [type]).map((member) => {
        if (member.flags & ts.TypeFlags.StringLike) return 'string';
        if (member.flags & ts.TypeFlags.NumberLike) return 'number';
        if (member.flags & ts.TypeFlags.Null) return 'null';
        if (member.flags & ts.TypeFlags.Undefined) return 'undefined';
        return checker.typeToString(member);
      }),
    );
  const literalsOf = (type: ts.Type): string[] | null => {
    const members = (type.isUnion() ? type.types : [type]).filter((member) => !(member.flags & ts.TypeFlags.Null));
    return members.every((member) => member.isStringLiteral())
      ? members.map((member) => (member as ts.StringLiteralType).value).sort()
      : null;
  };
  const propertyType = (owner: ts.Type, name: string): ts.Type | undefined => {
    const symbol = owner.getProperty(name);
    return symbol && checker.getTypeOfSymbol(symbol);
  };

  const tables = new Map<string, TsColumn[]>();
  for (const table of checker.getDeclaredTypeOfSymbol(database).getProperties()) {
    const row = checker.getTypeOfSymbol(table);
    tables.set(
      table.name,
      row.getProperties().map((column) => {
        const type = checker.getTypeOfSymbol(column);
        // kysely's ColumnType<Select, Insert, Update> (Generated<T> is one) carries its three types as properties.
        const select = propertyType(type, '__select__') ?? type;
        const insert = propertyType(type, '__insert__') ?? type;
        return {
          name: column.name,
          kinds: kindsOf(select),
          literals: literalsOf(select),
          optionalOnInsert: kindsOf(insert).has('undefined') || (column.flags & ts.SymbolFlags.Optional) !== 0,
          text: checker.typeToString(type),
        };
      }),
    );
  }
  return tables;
}

/** Every way the two sides disagree, one line each (an empty list is agreement). */
function disagreements(db: Map<string, DbColumn[]>, types: Map<string, TsColumn[]>): string[] {
  const out: string[] = [];
  for (const name of db.keys())
    if (!types.has(name)) out.push(`${name}: a table of the migrated database, missing from Database`);
  for (const name of types.keys()) if (!db.has(name)) out.push(`${name}: in Database, but the migrations create no such table`);
  for (const [table, columns] of db) {
    const typed = types.get(table);
    if (!typed) continue;
    const byName = new Map(typed.map((c) => [c.name, c]));
    for (const c of typed)
      if (!columns.some((d) => d.name === c.name)) out.push(`${table}.${c.name}: in Database, no such column`);
    for (const column of columns) {
      const ts = byName.get(column.name);
      const at = `${table}.${column.name}`;
      if (!ts) {
        out.push(`${at}: column missing from Database`);
        continue;
      }
      const nonNull = [...ts.kinds].filter((k) => k !== 'null');
      if (nonNull.length !== 1 || nonNull[0] !== column.kind) {
        out.push(`${at}: declared ${column.declaredType} (${column.kind}), typed ${ts.text}`);
      }
      const typedNullable = ts.kinds.has('null');
      const nullable = column.nullable && !KEYS_SQLITE_LETS_BE_NULL.includes(at);
      if (typedNullable !== nullable) out.push(`${at}: ${nullable ? 'nullable' : 'NOT NULL'} in the database, typed ${ts.text}`);
      if (ts.optionalOnInsert && !column.fillsWhenOmitted) {
        out.push(`${at}: typed ${ts.text} (an INSERT may leave it out), but the database has no default for it`);
      }
    }
  }
  return out;
}

/**
 * The `column IN ('a', 'b')` CHECKs of each table's CREATE statement (ALTER TABLE … ADD COLUMN is folded into it by
 * SQLite): table.column → the strings the database admits, sorted.
 */
function stringChecks(test: TestCore): Map<string, string[]> {
  const tables = test.core.deps.sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  const checks = new Map<string, string[]>();
  for (const table of tables) {
    for (const match of table.sql.matchAll(/"?(\w+)"?\s+in\s*\(([^()]*)\)/gi)) {
      const items = match[2]!.split(',').map((item) => item.trim());
      if (items.every((item) => /^'[^']*'$/.test(item)))
        checks.set(`${table.name}.${match[1]}`, items.map((item) => item.slice(1, -1)).sort());
    }
  }
  return checks;
}

/** Every .ts file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('db/schema against the migrated database', () => {
  let test: TestCore;
  let db: ReturnType<typeof readDatabaseFile>;
  let types: Map<string, TsColumn[]>;

  beforeAll(async () => {
    test = await openTestCore();
    db = readDatabaseFile(test);
    types = readDatabaseType();
  });
  afterAll(async () => {
    await test.close();
  });

  it('has every table the migrations create, every column, with its type, nullability and default', () => {
    expect(db.tables.size).toBeGreaterThan(60);
    expect(disagreements(db.tables, types)).toEqual([]);
  });

  it('keeps out of Database only the tables it lists, and no app code names them', () => {
    const realTables = db.all.filter((t) => t.type === 'table').map((t) => t.name);
    for (const name of Object.keys(NOT_IN_DATABASE)) expect(realTables).toContain(name);
    const named = sourceFiles(join(ROOT, 'electron'))
      .filter((file) => !file.includes(join('core', 'db', 'migrations')))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return Object.keys(NOT_IN_DATABASE)
          .filter((table) => new RegExp(`\\b${table}\\b`).test(text))
          .filter((table) => !(table in PLUMBING_FILES && file === join(ROOT, PLUMBING_FILES[table]!)))
          .map((table) => `${relative(ROOT, file)} names ${table}`);
      });
    expect(named).toEqual([]);
  });

  it("counts every table of Database in the fixture's nothing-was-written check", () => {
    expect(Object.keys(countAll(test.core))).toEqual(expect.arrayContaining([...types.keys(), ...Object.keys(NOT_IN_DATABASE)]));
  });

  it('types a column the database CHECKs against a list of strings with the union of exactly those strings', () => {
    const checks = stringChecks(test);
    expect(checks.size).toBeGreaterThan(0);
    const differing = [...checks].flatMap(([at, admitted]) => {
      const [table, column] = at.split('.');
      const typed = types.get(table!)?.find((c) => c.name === column);
      return JSON.stringify(typed?.literals) === JSON.stringify(admitted)
        ? []
        : [`${at}: the database admits ${admitted.join(' | ')}, typed ${typed?.text ?? 'nothing'}`];
    });
    expect(differing).toEqual([]);
  });

  it('lists only keys that SQLite really lets be NULL', () => {
    const stillSo = KEYS_SQLITE_LETS_BE_NULL.filter((at) => {
      const [table, column] = at.split('.');
      return db.tables.get(table!)?.find((c) => c.name === column)?.nullable === true;
    });
    expect(stillSo).toEqual(KEYS_SQLITE_LETS_BE_NULL);
  });
});
