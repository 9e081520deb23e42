import type BetterSqlite3 from 'better-sqlite3';
import type { DmsMapping } from '../../../shared/domain/dms-import';
import { checkOrderLineRow, type OrderLineRow } from '../../../shared/domain/dms-import-rows';
import type { Actor } from '../context';
import { refused, type Judged, type RowJudge } from './judge';

/**
 * The lines of imported ROs: labor and parts, priced as the old system priced them (no discount, tax included), on the
 * RO's one job, found again by the RO and the old line number. A part line names its part by number only: no stock
 * is reserved, issued or valued.
 */

interface StoredLine {
  id: number;
  kind: string;
  code: string;
  name_zh: string;
  qty_milli: number;
  unit_price_fen: number;
  total_fen: number;
}

function statements(sqlite: BetterSqlite3.Database) {
  return {
    order: sqlite.prepare<[string], { id: number; job_id: number | null }>(
      `SELECT r.id, (SELECT j.id FROM repair_order_jobs j WHERE j.repair_order_id = r.id ORDER BY j.position LIMIT 1) AS job_id
       FROM repair_orders r WHERE r.legacy_id = ? AND r.source = 'import'`,
    ),
    line: sqlite.prepare<[number, string], StoredLine>(
      `SELECT id, kind, code, name_zh, qty_milli, unit_price_fen, total_fen FROM repair_order_lines
       WHERE repair_order_id = ? AND legacy_id = ?`,
    ),
    insert: sqlite.prepare(
      `INSERT INTO repair_order_lines (repair_order_id, job_id, kind, position, operation_id, code, name_zh, name_en, qty_milli,
         unit_price_fen, discount_bp, discount_reason, tax_rate_bp, tax_included, gross_fen, discount_fen, net_fen, tax_fen,
         total_fen, created_by, created_at, updated_at, legacy_id)
       VALUES (@orderId, @jobId, @kind, @position, NULL, @code, @name, @name, @qtyMilli, @unitPriceFen, 0, '', 0, 1, @totalFen,
         0, @totalFen, 0, @totalFen, @actorId, @now, @now, @lineNo)`,
    ),
    update: sqlite.prepare(
      `UPDATE repair_order_lines SET kind = @kind, code = @code, name_zh = @name, name_en = @name, qty_milli = @qtyMilli,
         unit_price_fen = @unitPriceFen, gross_fen = @totalFen, net_fen = @totalFen, total_fen = @totalFen, updated_at = @now
       WHERE id = @id`,
    ),
  };
}

export function orderLinesJudge(sqlite: BetterSqlite3.Database, actor: Actor, now: string, mapping: DmsMapping): RowJudge {
  const q = statements(sqlite);
  // The lines seen so far in the file: two million at ten years. Held as text keys they kept ~125 MB alive through
  // the run, and V8 lets its heap grow to a multiple of what is alive (825 MB peak RSS at full size). Lines 1-30 of
  // an RO are one bit each in a small integer per RO (400,000 of them); any other line number is a text key.
  const seenBits = new Map<number, number>();
  const seenOther = new Set<string>();
  const firstTime = (orderId: number, lineNo: string): boolean => {
    const n = /^[1-9]\d?$/.test(lineNo) ? Number(lineNo) : 0;
    if (n >= 1 && n <= 30) {
      const bits = seenBits.get(orderId) ?? 0;
      const bit = 1 << (n - 1);
      if (bits & bit) return false;
      seenBits.set(orderId, bits | bit);
      return true;
    }
    const key = `${orderId}#${lineNo}`;
    if (seenOther.has(key)) return false;
    seenOther.add(key);
    return true;
  };
  // A file lists an RO's lines together: its RO is looked up once for them.
  let last: { legacyId: string; order: { id: number; job_id: number | null } | undefined } = { legacyId: '', order: undefined };

  function same(row: OrderLineRow, stored: StoredLine): boolean {
    return (
      stored.kind === row.kind &&
      stored.code === row.code &&
      stored.name_zh === row.name &&
      stored.qty_milli === row.qtyMilli &&
      stored.unit_price_fen === row.unitPriceFen &&
      stored.total_fen === row.totalFen
    );
  }

  return {
    judge(cells, doWrite): Judged {
      const checked = checkOrderLineRow(cells, mapping);
      if (!checked.ok) return refused(checked.key, checked.reason, checked.field);
      const row = checked.row;
      const key = `${row.orderLegacyId}#${row.lineNo}`;
      if (last.legacyId !== row.orderLegacyId) last = { legacyId: row.orderLegacyId, order: q.order.get(row.orderLegacyId) };
      const order = last.order;
      if (!order || order.job_id === null) return refused(key, 'dmsImport.orderUnknown', 'orderLegacyId');
      if (!firstTime(order.id, row.lineNo)) return refused(key, 'dmsImport.duplicate', 'lineNo');
      const stored = q.line.get(order.id, row.lineNo);
      if (stored && same(row, stored)) return { outcome: 'unchanged', key };
      if (doWrite) {
        const values = { ...row, now };
        if (stored) q.update.run({ ...values, id: stored.id });
        else {
          const position = /^\d{1,6}$/.test(row.lineNo) ? Number(row.lineNo) : 0;
          q.insert.run({ ...values, orderId: order.id, jobId: order.job_id, position, actorId: actor.id });
        }
      }
      return { outcome: stored ? 'updated' : 'created', key };
    },
  };
}
