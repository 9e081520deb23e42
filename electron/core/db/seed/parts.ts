import { normalisePartNumber } from '../../../../shared/domain/part-number';
import type { Db } from '../connection';
import { postMovement } from '../../parts/ledger';
import { Random } from './random';

/**
 * The demo parts room: about 300 parts of the brands in the bays, with numbers in each OEM's habit (Toyota
 * 04152-YZZA1, VW 06L 115 562 B, Honda 15400-RTA-003), on shelves A-01-01 … E-10-04; every part the catalogue's
 * maintenance packages name, with stock for many services; some parts below their minimum; two supersession chains;
 * three suppliers. Stock goes in through the ledger (receipts), so the ledger and the running totals agree.
 */

export interface SeededParts {
  parts: number;
  movements: number;
  suppliers: number;
}

/** [name zh, name en, unit, list price ¥ from, to] of the kinds of part a service department stocks. */
// prettier-ignore
export const KINDS: readonly (readonly [string, string, string, number, number])[] = [
  ['机油滤清器', 'Oil filter', 'piece', 35, 90],
  ['空气滤清器滤芯', 'Air filter element', 'piece', 60, 180],
  ['空调滤清器滤芯', 'Cabin filter element', 'piece', 70, 200],
  ['燃油滤清器', 'Fuel filter', 'piece', 120, 380],
  ['前刹车片', 'Front brake pads', 'set', 380, 980],
  ['后刹车片', 'Rear brake pads', 'set', 300, 780],
  ['前刹车盘', 'Front brake disc', 'piece', 450, 1200],
  ['后刹车盘', 'Rear brake disc', 'piece', 380, 980],
  ['火花塞', 'Spark plug', 'piece', 45, 160],
  ['点火线圈', 'Ignition coil', 'piece', 280, 760],
  ['雨刮片（前）', 'Front wiper blade', 'pair', 90, 260],
  ['雨刮片（后）', 'Rear wiper blade', 'piece', 50, 120],
  ['正时皮带', 'Timing belt', 'piece', 260, 680],
  ['发动机附件皮带', 'Accessory drive belt', 'piece', 120, 360],
  ['张紧轮', 'Belt tensioner', 'piece', 320, 880],
  ['水泵', 'Water pump', 'piece', 480, 1500],
  ['节温器', 'Thermostat', 'piece', 180, 520],
  ['气门室盖垫', 'Valve cover gasket', 'piece', 90, 260],
  ['前减震器', 'Front shock absorber', 'piece', 680, 1800],
  ['后减震器', 'Rear shock absorber', 'piece', 520, 1400],
  ['转向横拉杆球头', 'Tie rod end', 'piece', 160, 420],
  ['下摆臂', 'Lower control arm', 'piece', 420, 1200],
  ['稳定杆连杆', 'Stabiliser link', 'piece', 120, 320],
  ['前大灯总成', 'Headlamp assembly', 'piece', 1800, 5200],
  ['尾灯总成', 'Tail lamp assembly', 'piece', 680, 1800],
  ['蓄电池 12V', '12 V battery', 'piece', 680, 1600],
  ['发电机', 'Alternator', 'piece', 1800, 4200],
  ['起动机', 'Starter motor', 'piece', 1500, 3600],
  ['空调压缩机', 'A/C compressor', 'piece', 3200, 7800],
  ['冷凝器', 'A/C condenser', 'piece', 900, 2400],
  ['电动车窗升降器', 'Window regulator', 'piece', 520, 1300],
  ['后视镜片', 'Mirror glass', 'piece', 160, 420],
  ['前保险杠', 'Front bumper cover', 'piece', 1200, 3200],
  ['离合器片', 'Clutch disc', 'piece', 680, 1600],
  ['传动轴防尘套', 'CV boot kit', 'set', 120, 320],
  ['氧传感器', 'Oxygen sensor', 'piece', 420, 1100],
  ['节气门体', 'Throttle body', 'piece', 1200, 2800],
  ['喷油嘴', 'Fuel injector', 'piece', 380, 980],
  ['放油螺栓', 'Drain plug', 'piece', 20, 60],
  ['制动卡钳', 'Brake caliper', 'piece', 780, 2200],
];

/** Brand, number style, and its share of the room. */
export const BRANDS: readonly { brand: string; style: 'toyota' | 'vw' | 'honda' | 'buick'; count: number }[] = [
  { brand: '丰田', style: 'toyota', count: 90 },
  { brand: '大众', style: 'vw', count: 100 },
  { brand: '本田', style: 'honda', count: 60 },
  { brand: '别克', style: 'buick', count: 38 },
];

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const ALNUM = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

export function partNumberOf(random: Random, style: 'toyota' | 'vw' | 'honda' | 'buick'): string {
  switch (style) {
    case 'toyota':
      return `${random.digits(5)}-${random.chars(ALNUM, 5)}`;
    case 'vw':
      return `${random.digits(1)}${random.chars(LETTERS, 1)}${random.digits(1)} ${random.digits(3)} ${random.digits(3)} ${random.chars(LETTERS, 1)}`;
    case 'honda':
      return `${random.digits(5)}-${random.chars(LETTERS, 3)}-${random.digits(3)}`;
    case 'buick':
      return random.digits(8);
  }
}

/** The maintenance packages' parts (migration 0003's seed): the ones every demo RO with a package reserves. */
// prettier-ignore
const PACKAGE_PARTS: readonly (readonly [string, string, string, string, number, number, number])[] = [
  // number, zh, en, unit, list ¥, stock (units), bin
  ['OIL-5W30-1L', '全合成机油 5W-30（升）', 'Fully synthetic engine oil 5W-30 (litre)', 'litre', 68, 400, 0],
  ['FLT-OIL-01', '机油滤清器', 'Oil filter', 'piece', 45, 80, 1],
  ['WSH-DRAIN-14', '放油螺栓垫片', 'Drain plug washer', 'piece', 5, 200, 2],
  ['FLT-AIR-01', '空气滤清器滤芯', 'Engine air filter element', 'piece', 95, 40, 3],
  ['FLT-CABIN-01', '空调滤清器滤芯（活性炭）', 'Cabin air filter element (activated carbon)', 'piece', 120, 40, 4],
  ['CHM-THROTTLE', '节气门清洗剂', 'Throttle body cleaner', 'bottle', 38, 40, 5],
  ['PLG-SPARK-IR', '铱金火花塞', 'Iridium spark plug', 'piece', 85, 120, 6],
  ['FLD-BRAKE-DOT4', '制动液 DOT 4（升）', 'Brake fluid DOT 4 (litre)', 'litre', 78, 40, 7],
  ['FLT-FUEL-01', '燃油滤清器', 'Fuel filter', 'piece', 165, 24, 8],
];

/** Supersession chains of the demo (old → … → current): one of three numbers, one of two. */
// prettier-ignore
export const CHAINS: readonly (readonly (readonly [string, string, string])[])[] = [
  [
    ['04465-02220', '前刹车片（旧款）', 'Front brake pads (old)'],
    ['04465-02240', '前刹车片（改进款）', 'Front brake pads (revised)'],
    ['04465-02260', '前刹车片', 'Front brake pads'],
  ],
  [
    ['06H 905 601', '点火线圈（旧款）', 'Ignition coil (old)'],
    ['06H 905 601 A', '点火线圈', 'Ignition coil'],
  ],
];

export const DEMO_SUPPLIERS = [
  { name: '一汽丰田配件中心（北京）', contact: '孙经理', phone: '010-64381234', lead_days: 2 },
  { name: '上汽大众华北配送中心', contact: '周女士', phone: '022-58765432', lead_days: 3 },
  { name: '京诚汽配商贸有限公司', contact: '吴先生', phone: '13901234567', lead_days: 1 },
] as const;

export interface PlannedPart {
  partNumber: string;
  nameZh: string;
  nameEn: string;
  brand: string;
  unit: string;
  listPriceFen: number;
  costFen: number;
  bin: string;
  minMilli: number;
  maxMilli: number;
  /** Receipts: [qty thousandths, bin, days ago]. */
  receipts: [number, string, number][];
}

function binOf(index: number): string {
  const aisle = 'ABCDE'[Math.floor(index / 40) % 5];
  const rack = String((Math.floor(index / 4) % 10) + 1).padStart(2, '0');
  const level = String((index % 4) + 1).padStart(2, '0');
  return `${aisle}-${rack}-${level}`;
}

export function planParts(random: Random): PlannedPart[] {
  const planned: PlannedPart[] = [];
  const seen = new Set<string>();
  const add = (part: PlannedPart) => {
    const key = normalisePartNumber(part.partNumber);
    if (seen.has(key)) return;
    seen.add(key);
    planned.push({ ...part, partNumber: key });
  };
  for (const [number, zh, en, unit, listYuan, stock, slot] of PACKAGE_PARTS) {
    const listPriceFen = listYuan * 100;
    add({
      partNumber: number,
      nameZh: zh,
      nameEn: en,
      brand: '原厂',
      unit,
      listPriceFen,
      costFen: Math.round(listPriceFen * 0.62),
      bin: `A-01-${String(slot + 1).padStart(2, '0')}`,
      minMilli: Math.round(stock / 4) * 1000,
      maxMilli: stock * 2000,
      receipts: [[stock * 1000, `A-01-${String(slot + 1).padStart(2, '0')}`, 20]],
    });
  }
  for (const chain of CHAINS) {
    chain.forEach(([number, zh, en], i) => {
      const last = i === chain.length - 1;
      const listPriceFen = 560_00 + i * 20_00;
      const bin = `B-0${i + 1}-04`;
      add({
        partNumber: number,
        nameZh: zh,
        nameEn: en,
        brand: number.includes(' ') ? '大众' : '丰田',
        unit: 'set',
        listPriceFen,
        costFen: Math.round(listPriceFen * 0.6),
        bin,
        minMilli: last ? 4000 : 0,
        maxMilli: last ? 12_000 : 0,
        // The old numbers keep what is left on the shelf; the current one is stocked.
        receipts: last ? [[10_000, bin, 15]] : i === 0 ? [] : [[2000, bin, 60]],
      });
    });
  }
  let index = 0;
  for (const { brand, style, count } of BRANDS) {
    for (let n = 0; n < count; n += 1) {
      const [zh, en, unit, from, to] = random.pick(KINDS);
      const listPriceFen = random.int(from, to) * 100;
      const bin = binOf(index + 40);
      index += 1;
      const min = random.chance(0.6) ? random.int(1, 6) * 1000 : 0;
      const max = min > 0 ? min * random.int(2, 4) : 0;
      const receipts: [number, string, number][] = [];
      // About one in eight is below its minimum; one in ten has none on hand at all.
      const roll = random.next();
      if (roll >= 0.1) {
        const qty = min > 0 && roll < 0.22 ? Math.max(min - 1000, 1000) : random.int(2, 30) * 1000;
        receipts.push([qty, bin, random.int(1, 90)]);
        if (random.chance(0.12)) receipts.push([random.int(1, 6) * 1000, binOf(random.int(0, 199)), random.int(1, 30)]);
      }
      add({
        partNumber: partNumberOf(random, style),
        nameZh: zh,
        nameEn: en,
        brand,
        unit,
        listPriceFen,
        costFen: Math.round(listPriceFen * (0.55 + random.next() * 0.15)),
        bin,
        minMilli: min,
        maxMilli: max,
        receipts,
      });
    }
  }
  return planned;
}

/**
 * Writes the demo parts room in the caller's transaction (the demo seed's): the master rows in one statement each
 * batch, the chains, the suppliers, then every receipt through the ledger by `userId` (the parts clerk).
 */
export async function seedParts(trx: Db, options: { seed: number; userId: number; now: Date }): Promise<SeededParts> {
  const random = new Random(options.seed ^ 0x5a17);
  const planned = planParts(random);
  const now = options.now.toISOString();
  const ids = new Map<string, number>();
  for (let start = 0; start < planned.length; start += 100) {
    const batch = planned.slice(start, start + 100);
    const inserted = await trx
      .insertInto('parts')
      .values(
        batch.map((p) => ({
          part_number: p.partNumber,
          name_zh: p.nameZh,
          name_en: p.nameEn,
          brand: p.brand,
          unit: p.unit,
          list_price_fen: p.listPriceFen,
          cost_fen: p.costFen,
          tax_class: 'standard',
          superseded_by_id: null,
          default_bin: p.bin,
          min_qty_milli: p.minMilli,
          max_qty_milli: p.maxMilli,
          on_hand_milli: 0,
          stock_value_fen: 0,
          active: 1,
          version: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'part_number'])
      .execute();
    for (const row of inserted) ids.set(row.part_number, row.id);
  }
  for (const chain of CHAINS) {
    for (let i = 0; i + 1 < chain.length; i += 1) {
      await trx
        .updateTable('parts')
        .set({ superseded_by_id: ids.get(normalisePartNumber(chain[i + 1]![0]))! })
        .where('id', '=', ids.get(normalisePartNumber(chain[i]![0]))!)
        .execute();
    }
  }
  await trx
    .insertInto('suppliers')
    .values(DEMO_SUPPLIERS.map((s) => ({ ...s, active: 1, created_at: now })))
    .execute();
  let movements = 0;
  const day = 24 * 60 * 60 * 1000;
  for (const part of planned) {
    for (const [qtyMilli, bin, daysAgo] of part.receipts) {
      await postMovement(trx, {
        partId: ids.get(part.partNumber)!,
        bin,
        kind: 'receipt',
        qtyMilli,
        unitCostFen: part.costFen,
        reason: '期初库存',
        userId: options.userId,
        at: new Date(options.now.getTime() - daysAgo * day).toISOString(),
      });
      movements += 1;
    }
  }
  return { parts: planned.length, movements, suppliers: DEMO_SUPPLIERS.length };
}
