import type BetterSqlite3 from 'better-sqlite3';
import { normalisePartNumber } from '../../../../../shared/domain/part-number';

export interface Operation {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  group: string;
  hoursMilli: number;
  rateFen: number;
}

export interface PackagePart {
  /** As the package lists it (the RO line's code); the master holds it normalised. */
  number: string;
  normalised: string;
  nameZh: string;
  nameEn: string;
  qtyMilli: number;
  priceFen: number;
}

export interface Package {
  code: string;
  nameZh: string;
  labor: Operation[];
  parts: PackagePart[];
}

export interface Question {
  id: number;
  position: number;
  textZh: string;
  scale: 'scale_1_10' | 'recommend_0_10' | 'yes_no' | 'text';
  factor: string | null;
  required: boolean;
}

export interface Catalogue {
  operations: Map<string, Operation>;
  packages: Map<string, Package>;
  templateId: number;
  questions: Question[];
}

/**
 * What the migrations shipped (the labor operations and packages of 0003, the survey of 0015), read back: the
 * generated ROs are written from the same catalogue a desk picks from.
 */
export function readCatalogue(sqlite: BetterSqlite3.Database): Catalogue {
  const operations = new Map<string, Operation>();
  const byId = new Map<number, Operation>();
  for (const row of sqlite
    .prepare(
      'SELECT id, code, name_zh, name_en, concern_group, flat_rate_hours_milli, labor_rate_fen FROM labor_operations ORDER BY id',
    )
    .all() as {
    id: number;
    code: string;
    name_zh: string;
    name_en: string;
    concern_group: string;
    flat_rate_hours_milli: number;
    labor_rate_fen: number;
  }[]) {
    const op: Operation = {
      id: row.id,
      code: row.code,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      group: row.concern_group,
      hoursMilli: row.flat_rate_hours_milli,
      rateFen: row.labor_rate_fen,
    };
    operations.set(op.code, op);
    byId.set(op.id, op);
  }
  const packages = new Map<string, Package>();
  const packageRows = sqlite.prepare('SELECT id, code, name_zh FROM maintenance_packages ORDER BY id').all() as {
    id: number;
    code: string;
    name_zh: string;
  }[];
  const labor = sqlite.prepare('SELECT operation_id FROM maintenance_package_labor WHERE package_id = ? ORDER BY position');
  const parts = sqlite.prepare(
    'SELECT part_number, name_zh, name_en, qty_milli, unit_price_fen FROM maintenance_package_parts WHERE package_id = ? ORDER BY position',
  );
  for (const row of packageRows) {
    packages.set(row.code, {
      code: row.code,
      nameZh: row.name_zh,
      labor: (labor.all(row.id) as { operation_id: number }[]).map((l) => byId.get(l.operation_id)!),
      parts: (
        parts.all(row.id) as {
          part_number: string;
          name_zh: string;
          name_en: string;
          qty_milli: number;
          unit_price_fen: number;
        }[]
      ).map((p) => ({
        number: p.part_number,
        normalised: normalisePartNumber(p.part_number),
        nameZh: p.name_zh,
        nameEn: p.name_en,
        qtyMilli: p.qty_milli,
        priceFen: p.unit_price_fen,
      })),
    });
  }
  const templateId = Number(sqlite.prepare('SELECT max(id) FROM survey_templates').pluck().get());
  const questions = (
    sqlite
      .prepare(
        'SELECT id, position, text_zh, scale, factor, required FROM survey_questions WHERE template_id = ? ORDER BY position',
      )
      .all(templateId) as {
      id: number;
      position: number;
      text_zh: string;
      scale: Question['scale'];
      factor: string | null;
      required: number;
    }[]
  ).map((q) => ({
    id: q.id,
    position: q.position,
    textZh: q.text_zh,
    scale: q.scale,
    factor: q.factor,
    required: q.required === 1,
  }));
  return { operations, packages, templateId, questions };
}
