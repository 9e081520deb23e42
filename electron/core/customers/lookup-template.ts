import { CompiledQuery, type InferResult } from 'kysely';
import type { Db } from '../db/connection';
import { PINYIN_MAX_KEYS } from '../../../shared/domain/pinyin-keys';
import { prefixUpperBound } from '../db/prefix';
import type { LookupPlan } from './lookup-plan';
import { lookupQuery } from './lookup-repository';

type LookupRowSql = InferResult<NonNullable<ReturnType<typeof lookupQuery>>>[number];
type PlanField = keyof LookupPlan;
type Bind = (plan: LookupPlan, offset: number, limit: number) => unknown;

/**
 * The look-up runs on every key press of every desk, and building + compiling its kysely query costs more than
 * SQLite takes to answer it. Its SQL depends only on which readings are present (at most 2^7 shapes), so each shape is
 * compiled once with marker values, and each call only fills in its parameters. The SQL text is byte-identical to
 * lookupQuery(...).compile(), which the tests and the benchmark check.
 */
const MARK = '\u0000lookup:';
const OFFSET_MARK = 1_000_000_007;
const LIMIT_MARK = 2_000_000_011;

interface Template {
  sql: string;
  binds: Bind[];
}

function bindFor(value: unknown, fields: PlanField[]): Bind {
  for (const field of fields) {
    const mark = `${MARK}${field}`;
    if (value === mark) return (plan) => plan[field];
    if (value === prefixUpperBound(mark)) return (plan) => prefixUpperBound(plan[field]!);
  }
  if (value === OFFSET_MARK + LIMIT_MARK + 1) return (_plan, offset, limit) => offset + limit + 1;
  if (value === (OFFSET_MARK + LIMIT_MARK + 1) * PINYIN_MAX_KEYS)
    return (_plan, offset, limit) => (offset + limit + 1) * PINYIN_MAX_KEYS;
  if (value === LIMIT_MARK + 1) return (_plan, _offset, limit) => limit + 1;
  if (value === OFFSET_MARK) return (_plan, offset) => offset;
  return () => value;
}

function compileTemplate(db: Db, fields: PlanField[]): Template | null {
  const marked: LookupPlan = Object.fromEntries(fields.map((field) => [field, `${MARK}${field}`]));
  const query = lookupQuery(db, marked, OFFSET_MARK, LIMIT_MARK);
  if (!query) return null;
  const compiled = query.compile();
  return { sql: compiled.sql, binds: compiled.parameters.map((value) => bindFor(value, fields)) };
}

const templates = new WeakMap<Db, Map<string, Template | null>>();

/** The look-up's SQL and parameters for one plan and page, from the shape's compiled template. */
export function compileLookup(db: Db, plan: LookupPlan, offset: number, limit: number): CompiledQuery<LookupRowSql> | null {
  const fields = (Object.keys(plan) as PlanField[]).filter((field) => plan[field] !== undefined).sort();
  const key = fields.join(',');
  let byShape = templates.get(db);
  if (!byShape) templates.set(db, (byShape = new Map()));
  if (!byShape.has(key)) byShape.set(key, compileTemplate(db, fields));
  const template = byShape.get(key);
  if (!template) return null;
  return CompiledQuery.raw(
    template.sql,
    template.binds.map((bind) => bind(plan, offset, limit)),
  );
}
