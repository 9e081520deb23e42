import { normalisePartNumber } from '../../../../../shared/domain/part-number';
import { averageUnitCost, valueOfQty } from '../../../../../shared/domain/stock';
import type { MainPartKind } from '../../../../../shared/domain/warranty-risk';
import { MODELS } from '../data';
import { BRANDS, CHAINS, DEMO_SUPPLIERS, KINDS, partNumberOf, planParts } from '../parts';
import { Random } from '../random';
import { DAY, HOUR, deskDay, iso } from './calendar';
import type { Sink, Staffer } from './sink';

/** Parts of the demo's kinds that are main parts under 三包 (SAMR Order 43): replacing one twice is a radar signal. */
const MAIN_PART: Readonly<Record<string, MainPartKind>> = {
  前减震器: 'suspension',
  后减震器: 'suspension',
  下摆臂: 'suspension',
  制动卡钳: 'brakes',
  转向横拉杆球头: 'steering',
  离合器片: 'transmission',
};

interface Movement {
  at: number;
  seq: number;
  part: number;
  kind: 'receipt' | 'issue';
  qty: number;
  refs: [roId: number, jobId: number, lineId: number] | null;
  reason: string;
  userId: number;
}

/**
 * The parts room: the master (the demo's parts room, then the rest of an OEM price file up to the scale's size) and
 * its ledger. Stock moves as postMovement (../../../parts/ledger.ts) moves it: a signed ledger row with the running
 * total after it, the moving-average value, per-bin and per-part totals; issues at delivery ('issued at delivery', as
 * the settlement does), receipts when a shelf runs below its minimum. Like the audit trail, movements wait in a
 * bucket per desk day and go into the ledger in time order (see Sink), which is when the running totals are known.
 */
export class PartsRoom {
  readonly count: number;
  readonly number: string[] = [];
  readonly nameZh: string[] = [];
  readonly nameEn: string[] = [];
  readonly listPrice: Int32Array;
  private readonly brand: string[] = [];
  private readonly unit: string[] = [];
  private readonly cost: Int32Array;
  private readonly bin: string[] = [];
  private readonly min: Int32Array;
  private readonly max: Int32Array;
  private readonly onHand: Float64Array;
  private readonly value: Float64Array;
  private readonly touched: Uint8Array;
  private readonly mainKind: (string | null)[] = [];
  private readonly supersededBy: Int32Array;
  /** Open reservations per part (what open ROs hold on the shelf at the end). */
  readonly reserved: Float64Array;
  /** Part ids by normalised number, and by kind (name) and kind|brand, for the lines of repairs. */
  readonly byNumber = new Map<string, number>();
  private readonly byKind = new Map<string, number[]>();
  private readonly movements = new Map<number, Movement[]>();
  private seq = 0;
  private readonly firstId: number;

  constructor(
    private readonly sink: Sink,
    size: number,
    seed: number,
    private readonly clerk: Staffer,
    start: number,
  ) {
    const random = new Random((seed ^ 0x9a27) >>> 0);
    const planned = planParts(new Random(seed ^ 0x5a17));
    const total = Math.max(size, planned.length);
    this.count = total;
    this.listPrice = new Int32Array(total);
    this.cost = new Int32Array(total);
    this.min = new Int32Array(total);
    this.max = new Int32Array(total);
    this.onHand = new Float64Array(total);
    this.value = new Float64Array(total);
    this.touched = new Uint8Array(total);
    this.reserved = new Float64Array(total);
    this.supersededBy = new Int32Array(total);
    this.firstId = sink.count('part') + 1;

    const add = (p: {
      number: string;
      zh: string;
      en: string;
      brand: string;
      unit: string;
      list: number;
      cost: number;
      bin: string;
      min: number;
      max: number;
    }) => {
      const i = this.number.length;
      this.number.push(p.number);
      this.nameZh.push(p.zh);
      this.nameEn.push(p.en);
      this.brand.push(p.brand);
      this.unit.push(p.unit);
      this.listPrice[i] = p.list;
      this.cost[i] = p.cost;
      this.bin.push(p.bin);
      this.min[i] = p.min;
      this.max[i] = p.max;
      this.byNumber.set(p.number, i);
      const kind = p.zh.replace(/（.*）$/, '');
      this.mainKind.push(MAIN_PART[kind] ?? null);
      for (const key of [kind, `${kind}|${p.brand}`]) {
        let list = this.byKind.get(key);
        if (!list) this.byKind.set(key, (list = []));
        list.push(i);
      }
      return i;
    };

    // The demo's parts room first (the packages' parts, the supersession chains, ~300 parts), stocked at the opening.
    for (const p of planned) {
      const i = add({
        number: p.partNumber,
        zh: p.nameZh,
        en: p.nameEn,
        brand: p.brand,
        unit: p.unit,
        list: p.listPriceFen,
        cost: p.costFen,
        bin: p.bin,
        min: p.minMilli,
        max: p.maxMilli,
      });
      for (const [qty] of p.receipts) this.move(start, i, 'receipt', qty, null, '期初库存');
    }
    for (const chain of CHAINS) {
      for (let k = 0; k + 1 < chain.length; k++) {
        const from = this.byNumber.get(normalisePartNumber(chain[k]![0]))!;
        this.supersededBy[from] = this.firstId + this.byNumber.get(normalisePartNumber(chain[k + 1]![0]))!;
      }
    }
    // The rest of the price file: every brand's numbers for the kinds a service department stocks, named for the
    // model they fit. Most never move; the opening stock covers a quarter of them.
    const models = MODELS.map((m) => m.model);
    let shelf = 0;
    while (this.number.length < total) {
      const style = BRANDS[random.int(0, BRANDS.length - 1)]!;
      const [zh, en, unit, from, to] = random.pick(KINDS);
      const number = normalisePartNumber(partNumberOf(random, style.style));
      if (this.byNumber.has(number)) continue;
      const list = random.int(from, to) * 100;
      const min = random.chance(0.3) ? random.int(1, 4) * 1000 : 0;
      shelf += 1;
      const i = add({
        number,
        zh: random.chance(0.7) ? `${zh}（${random.pick(models)}）` : zh,
        en,
        brand: style.brand,
        unit,
        list,
        cost: Math.round(list * (0.55 + random.next() * 0.15)),
        bin: binName(shelf),
        min,
        max: min > 0 ? min * random.int(2, 4) : 0,
      });
      if (random.chance(0.25)) this.move(start, i, 'receipt', random.int(1, 10) * 1000, null, '期初库存');
    }
  }

  /** A part for a repair line of kind `kind` on a car of make `make`: the make's own part when there is one. */
  partFor(kind: string, make: string, random: Random): number | null {
    const list = this.byKind.get(`${kind}|${make}`) ?? this.byKind.get(kind);
    if (!list || list.length === 0) return null;
    // Most repairs use the few numbers that fit the common models; the long tail moves now and then.
    const popular = Math.max(1, Math.ceil(list.length / 20));
    return list[random.chance(0.8) ? random.int(0, popular - 1) : random.int(0, list.length - 1)]!;
  }

  id(index: number): number {
    return this.firstId + index;
  }

  /** Queues a movement at `at` (written in time order by flush). */
  move(
    at: number,
    part: number,
    kind: 'receipt' | 'issue',
    qty: number,
    refs: Movement['refs'],
    reason: string,
    userId = this.clerk.id,
  ): void {
    const day = deskDay(at);
    let bucket = this.movements.get(day);
    if (!bucket) this.movements.set(day, (bucket = []));
    bucket.push({ at, seq: this.seq++, part, kind, qty, refs, reason, userId });
  }

  /** Posts the movements of every desk day before `day`, in time order. */
  flush(day: number): void {
    for (;;) {
      let first = Number.POSITIVE_INFINITY;
      for (const d of this.movements.keys()) if (d < first) first = d;
      if (first >= day) return;
      const rows = this.movements.get(first)!;
      this.movements.delete(first);
      rows.sort((a, b) => a.at - b.at || a.seq - b.seq);
      for (const m of rows) {
        if (m.kind === 'issue' && this.onHand[m.part]! < m.qty) {
          // Nothing to take it from: the clerk restocks first (the history seed does the same).
          this.post(m.at, m.part, Math.max(this.max[m.part]!, m.qty * 2) - this.onHand[m.part]!, null, '补货入库', this.clerk.id);
        }
        this.post(m.at, m.part, m.kind === 'issue' ? -m.qty : m.qty, m.refs, m.reason, m.userId);
        // Below its minimum: the supplier's delivery comes two days later.
        if (m.kind === 'issue' && this.min[m.part]! > 0 && this.onHand[m.part]! < this.min[m.part]!) {
          this.move(m.at + 2 * DAY + 2 * HOUR, m.part, 'receipt', this.max[m.part]! - this.onHand[m.part]!, null, '补货入库');
          this.min[m.part] = -this.min[m.part]!; // one order at a time: re-armed by the receipt
        }
        if (m.kind === 'receipt' && this.min[m.part]! < 0) this.min[m.part] = -this.min[m.part]!;
      }
    }
  }

  private post(at: number, part: number, qty: number, refs: Movement['refs'], reason: string, userId: number): void {
    if (qty === 0) return;
    const onHand = this.onHand[part]!;
    const value = this.value[part]!;
    const after = onHand + qty;
    const average = averageUnitCost(onHand, value, this.cost[part]!);
    let valueAfter: number;
    let unitCost: number;
    if (qty > 0) {
      unitCost = this.cost[part]!;
      valueAfter = onHand < 0 ? valueOfQty(Math.max(after, 0), unitCost) : value + valueOfQty(qty, unitCost);
    } else {
      unitCost = average;
      valueAfter = after <= 0 ? 0 : value - valueOfQty(-qty, average);
    }
    this.onHand[part] = after;
    this.value[part] = valueAfter;
    this.touched[part] = 1;
    this.sink.s.movement.run(
      this.sink.next('movement'),
      this.id(part),
      this.bin[part]!,
      qty > 0 ? 'receipt' : 'issue',
      qty,
      unitCost,
      valueAfter - value,
      after,
      refs?.[0] ?? null,
      refs?.[1] ?? null,
      refs?.[2] ?? null,
      null,
      null,
      null,
      reason,
      null,
      userId,
      iso(at),
    );
  }

  /** Open ROs hold their parts on the shelf: a last delivery where the shelf has less than they hold. */
  topUpForOpenLines(at: number): void {
    for (let i = 0; i < this.count; i++) {
      const short = this.reserved[i]! - this.onHand[i]!;
      if (short > 0) this.move(at, i, 'receipt', short + Math.max(this.min[i]!, 0), null, '补货入库');
    }
  }

  /** Writes the master with its final totals, the per-bin stock and the suppliers. */
  writeMaster(created: number): void {
    const at = iso(created);
    for (let i = 0; i < this.count; i++) {
      this.sink.s.part.run(
        this.sink.next('part'),
        this.number[i]!,
        this.nameZh[i]!,
        this.nameEn[i]!,
        this.brand[i]!,
        this.unit[i]!,
        this.listPrice[i]!,
        this.cost[i]!,
        'standard',
        this.supersededBy[i]! || null,
        this.bin[i]!,
        Math.abs(this.min[i]!),
        this.max[i]!,
        this.onHand[i]!,
        this.value[i]!,
        1,
        1,
        at,
        at,
        this.mainKind[i]!,
      );
      if (this.touched[i]) this.sink.s.partStock.run(this.id(i), this.bin[i]!, this.onHand[i]!);
    }
    for (const s of DEMO_SUPPLIERS)
      this.sink.s.supplier.run(this.sink.next('supplier'), s.name, s.contact, s.phone, s.lead_days, 1, at);
  }
}

/** Shelves past the demo's aisles A-E: F-01-01 … Z-99-09, as a big parts room labels them. */
function binName(n: number): string {
  const aisle = 'FGHJKLMNPQRSTUVWXYZ'[Math.floor(n / 891) % 19];
  const rack = String((Math.floor(n / 9) % 99) + 1).padStart(2, '0');
  const level = String((n % 9) + 1).padStart(2, '0');
  return `${aisle}-${rack}-${level}`;
}
