import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * The labor-operations catalogue and maintenance packages (issue 3), with the catalogue that ships: every database,
 * demo or not, starts with it, and the manager edits it from there. Frozen once landed: a later edition of the
 * shipped catalogue is a new migration, never an edit of this one.
 *
 * The rows are written through kysely with the table shapes as they are at this version (declared here, not taken
 * from schema.ts, which moves on with later migrations).
 */

/** When this edition of the shipped catalogue was made; the rows carry it, not the moment a desk was installed. */
const EDITION_AT = '2026-11-01T00:00:00.000Z';

interface CatalogTablesV3 {
  labor_operations: {
    code: string;
    name_zh: string;
    name_en: string;
    name_en_key: string;
    concern_group: string;
    flat_rate_hours_milli: number;
    labor_rate_fen: number;
    created_at: string;
    updated_at: string;
  };
  maintenance_packages: { code: string; name_zh: string; name_en: string; created_at: string; updated_at: string };
  maintenance_package_labor: { package_id: number; operation_id: number; position: number };
  maintenance_package_parts: {
    package_id: number;
    position: number;
    part_number: string;
    name_zh: string;
    name_en: string;
    qty_milli: number;
    unit_price_fen: number;
  };
}

/** Shop rates per flat-rate hour in fen, by kind of work (a tier-2 city dealer, 2026). */
const RATE = { maintenance: 18_000, mechanical: 22_000, body: 20_000, electrical: 24_000, highVoltage: 26_000 } as const;

// code, 中文名, English name, concern group, flat-rate hours in thousandths, rate in fen
// prettier-ignore
const OPERATIONS: readonly (readonly [string, string, string, string, number, number])[] = [
  ['MT-OIL', '更换机油及机油滤清器', 'Replace engine oil and oil filter', 'maintenance', 500, RATE.maintenance],
  ['MT-INSP', '常规保养检查（36项）', 'Routine maintenance inspection (36 points)', 'maintenance', 500, RATE.maintenance],
  ['MT-AIRF', '更换空气滤清器', 'Replace engine air filter', 'maintenance', 200, RATE.maintenance],
  ['MT-CABF', '更换空调滤清器', 'Replace cabin air filter', 'maintenance', 300, RATE.maintenance],
  ['MT-FUELF', '更换燃油滤清器', 'Replace fuel filter', 'maintenance', 600, RATE.maintenance],
  ['MT-SPARK', '更换火花塞（四缸）', 'Replace spark plugs (4-cylinder)', 'maintenance', 800, RATE.maintenance],
  ['MT-COOL', '更换发动机冷却液', 'Replace engine coolant', 'maintenance', 800, RATE.maintenance],
  ['MT-WIPER', '更换雨刮片', 'Replace wiper blades', 'maintenance', 200, RATE.maintenance],
  ['MT-RESET', '保养提示复位', 'Reset service indicator', 'maintenance', 100, RATE.maintenance],
  ['EN-THROT', '清洗节气门', 'Clean throttle body', 'engine', 600, RATE.mechanical],
  ['EN-TBELT', '更换正时皮带及张紧轮', 'Replace timing belt and tensioner', 'engine', 3500, RATE.mechanical],
  ['EN-ABELT', '更换发动机附件皮带', 'Replace accessory drive belt', 'engine', 600, RATE.mechanical],
  ['EN-VCGSK', '更换气门室盖垫', 'Replace valve cover gasket', 'engine', 1500, RATE.mechanical],
  ['EN-WPUMP', '更换水泵', 'Replace water pump', 'engine', 2500, RATE.mechanical],
  ['EN-COIL', '更换点火线圈（单个）', 'Replace ignition coil (one)', 'engine', 300, RATE.mechanical],
  ['TR-ATF', '更换自动变速箱油', 'Replace automatic transmission fluid', 'transmission', 1200, RATE.mechanical],
  ['TR-CLUTCH', '更换离合器总成', 'Replace clutch assembly', 'transmission', 5000, RATE.mechanical],
  ['TR-CVBOOT', '更换传动轴防尘套', 'Replace drive shaft CV boot', 'transmission', 1500, RATE.mechanical],
  ['BR-FPAD', '更换前刹车片', 'Replace front brake pads', 'brakes', 1000, RATE.mechanical],
  ['BR-RPAD', '更换后刹车片', 'Replace rear brake pads', 'brakes', 1000, RATE.mechanical],
  ['BR-FDISC', '更换前刹车盘及刹车片', 'Replace front brake discs and pads', 'brakes', 1600, RATE.mechanical],
  ['BR-FLUID', '更换制动液', 'Replace brake fluid', 'brakes', 800, RATE.mechanical],
  ['BR-CALIP', '更换制动卡钳（单侧）', 'Replace brake caliper (one side)', 'brakes', 1000, RATE.mechanical],
  ['SS-ALIGN', '四轮定位', 'Four-wheel alignment', 'suspension_steering', 1000, RATE.mechanical],
  ['SS-FSHOCK', '更换前减震器（一对）', 'Replace front shock absorbers (pair)', 'suspension_steering', 2400, RATE.mechanical],
  ['SS-TIEROD', '更换转向横拉杆球头', 'Replace tie rod end', 'suspension_steering', 1000, RATE.mechanical],
  ['EL-BATT', '更换蓄电池', 'Replace 12 V battery', 'electrical', 300, RATE.electrical],
  ['EL-ALT', '更换发电机', 'Replace alternator', 'electrical', 1500, RATE.electrical],
  ['EL-START', '更换起动机', 'Replace starter motor', 'electrical', 1500, RATE.electrical],
  ['EL-HEADL', '更换前大灯总成', 'Replace headlamp assembly', 'electrical', 1000, RATE.electrical],
  ['EL-WINREG', '更换电动车窗升降器', 'Replace power window regulator', 'electrical', 1200, RATE.electrical],
  ['AC-CHECK', '空调系统检测及加注冷媒', 'A/C system check and refrigerant recharge', 'ac_heating', 1000, RATE.electrical],
  ['AC-COMP', '更换空调压缩机', 'Replace A/C compressor', 'ac_heating', 3000, RATE.electrical],
  ['AC-CLEAN', '空调管路清洗消毒', 'Clean and disinfect A/C ducts', 'ac_heating', 800, RATE.electrical],
  ['BP-PANEL', '单面漆面喷涂', 'Refinish one body panel', 'body_paint', 3000, RATE.body],
  ['BP-BUMPER', '拆装前保险杠', 'Remove and refit front bumper', 'body_paint', 1000, RATE.body],
  ['BP-DENT', '免喷漆凹陷修复（单处）', 'Paintless dent repair (one dent)', 'body_paint', 800, RATE.body],
  ['BP-WSCRN', '更换前挡风玻璃', 'Replace windscreen', 'body_paint', 1500, RATE.body],
  ['TW-ROT', '轮胎换位', 'Rotate tyres', 'tyres_wheels', 400, RATE.maintenance],
  ['TW-BAL', '四轮动平衡', 'Balance four wheels', 'tyres_wheels', 600, RATE.maintenance],
  ['TW-TYRE', '更换轮胎（单条，含动平衡）', 'Replace one tyre (balancing included)', 'tyres_wheels', 400, RATE.maintenance],
  ['TW-PUNCT', '轮胎补胎', 'Repair tyre puncture', 'tyres_wheels', 300, RATE.maintenance],
  ['DG-SCAN', '电脑故障诊断', 'Fault diagnosis with scan tool', 'diagnostics', 500, RATE.electrical],
  ['DG-ELEC', '电气线路故障排查', 'Trace electrical fault', 'diagnostics', 1000, RATE.electrical],
  ['DG-ROAD', '路试', 'Road test', 'diagnostics', 300, RATE.electrical],
  ['EV-BATT', '动力电池系统检测', 'High-voltage battery system inspection', 'ev_high_voltage', 1000, RATE.highVoltage],
  ['EV-ISOL', '高压系统绝缘检测', 'High-voltage insulation test', 'ev_high_voltage', 800, RATE.highVoltage],
  ['EV-COOL', '更换动力电池冷却液', 'Replace battery coolant', 'ev_high_voltage', 1200, RATE.highVoltage],
  ['EV-OBC', '车载充电机检测', 'On-board charger check', 'ev_high_voltage', 800, RATE.highVoltage],
  ['OT-PDI', '新车交付前检查', 'Pre-delivery inspection (PDI)', 'other', 1500, RATE.maintenance],
];

// part number, 中文名, English name, quantity in thousandths, unit price in fen
type PartLine = readonly [string, string, string, number, number];
const OIL: PartLine = ['OIL-5W30-1L', '全合成机油 5W-30（升）', 'Fully synthetic engine oil 5W-30 (litre)', 4000, 6800];
const OIL_FILTER: PartLine = ['FLT-OIL-01', '机油滤清器', 'Oil filter', 1000, 4500];
const DRAIN_WASHER: PartLine = ['WSH-DRAIN-14', '放油螺栓垫片', 'Drain plug washer', 1000, 500];
const AIR_FILTER: PartLine = ['FLT-AIR-01', '空气滤清器滤芯', 'Engine air filter element', 1000, 9500];
const CABIN_FILTER: PartLine = [
  'FLT-CABIN-01',
  '空调滤清器滤芯（活性炭）',
  'Cabin air filter element (activated carbon)',
  1000,
  12000,
];
const THROTTLE_CLEANER: PartLine = ['CHM-THROTTLE', '节气门清洗剂', 'Throttle body cleaner', 1000, 3800];
const SPARK_PLUG: PartLine = ['PLG-SPARK-IR', '铱金火花塞', 'Iridium spark plug', 4000, 8500];
const BRAKE_FLUID: PartLine = ['FLD-BRAKE-DOT4', '制动液 DOT 4（升）', 'Brake fluid DOT 4 (litre)', 1000, 7800];
const FUEL_FILTER: PartLine = ['FLT-FUEL-01', '燃油滤清器', 'Fuel filter', 1000, 16500];

/** The packages most customers come in for, by odometer reading; codes zero-padded so they list in mileage order. */
// prettier-ignore
const PACKAGES: readonly { code: string; nameZh: string; nameEn: string; labor: readonly string[]; parts: readonly PartLine[] }[] = [
  {
    code: 'PKG-05K', nameZh: '5000公里保养', nameEn: '5,000 km service',
    labor: ['MT-OIL', 'MT-INSP', 'MT-RESET'],
    parts: [OIL, OIL_FILTER, DRAIN_WASHER],
  },
  {
    code: 'PKG-10K', nameZh: '10000公里保养', nameEn: '10,000 km service',
    labor: ['MT-OIL', 'MT-INSP', 'MT-CABF', 'TW-ROT', 'MT-RESET'],
    parts: [OIL, OIL_FILTER, DRAIN_WASHER, CABIN_FILTER],
  },
  {
    code: 'PKG-20K', nameZh: '20000公里保养', nameEn: '20,000 km service',
    labor: ['MT-OIL', 'MT-INSP', 'MT-AIRF', 'MT-CABF', 'EN-THROT', 'TW-ROT', 'MT-RESET'],
    parts: [OIL, OIL_FILTER, DRAIN_WASHER, AIR_FILTER, CABIN_FILTER, THROTTLE_CLEANER],
  },
  {
    code: 'PKG-40K', nameZh: '40000公里保养', nameEn: '40,000 km service',
    labor: ['MT-OIL', 'MT-INSP', 'MT-AIRF', 'MT-CABF', 'MT-SPARK', 'BR-FLUID', 'MT-FUELF', 'TW-ROT', 'MT-RESET'],
    parts: [OIL, OIL_FILTER, DRAIN_WASHER, AIR_FILTER, CABIN_FILTER, SPARK_PLUG, BRAKE_FLUID, FUEL_FILTER],
  },
];

/** The same key the core searches English names by (shared/domain/text nameKey), spelled out: this file is frozen. */
const englishKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

export const migration: Migration = {
  name: '0003-create-catalog',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('labor_operations')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      // Stored upper-case, so the plain unique index is also case-insensitive.
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('name_en_key', 'text', (c) => c.notNull())
      // No CHECK on the group: the list in shared/domain may grow, and SQLite cannot alter a CHECK without a rebuild.
      .addColumn('concern_group', 'text', (c) => c.notNull())
      .addColumn('flat_rate_hours_milli', 'integer', (c) =>
        c.notNull().check(sql`flat_rate_hours_milli > 0 AND flat_rate_hours_milli <= 100000`),
      )
      .addColumn('labor_rate_fen', 'integer', (c) => c.notNull().check(sql`labor_rate_fen >= 0`))
      .addColumn('active', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`active IN (0, 1)`),
      )
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('labor_operations_name_zh').on('labor_operations').column('name_zh').execute();
    await db.schema.createIndex('labor_operations_name_en_key').on('labor_operations').column('name_en_key').execute();

    await db.schema
      .createTable('maintenance_packages')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`active IN (0, 1)`),
      )
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('maintenance_package_labor')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('package_id', 'integer', (c) => c.notNull().references('maintenance_packages.id').onDelete('cascade'))
      .addColumn('operation_id', 'integer', (c) => c.notNull().references('labor_operations.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('maintenance_package_labor_line')
      .unique()
      .on('maintenance_package_labor')
      .columns(['package_id', 'operation_id'])
      .execute();
    // Which packages use an operation (foreign-key checks, and later "where is this operation used").
    await db.schema
      .createIndex('maintenance_package_labor_operation')
      .on('maintenance_package_labor')
      .column('operation_id')
      .execute();

    await db.schema
      .createTable('maintenance_package_parts')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('package_id', 'integer', (c) => c.notNull().references('maintenance_packages.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('part_number', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('qty_milli', 'integer', (c) => c.notNull().check(sql`qty_milli > 0`))
      .addColumn('unit_price_fen', 'integer', (c) => c.notNull().check(sql`unit_price_fen >= 0`))
      .execute();
    await db.schema
      .createIndex('maintenance_package_parts_package')
      .on('maintenance_package_parts')
      .columns(['package_id', 'position'])
      .execute();

    // The shipped catalogue, as data.
    const seed = db as unknown as Kysely<CatalogTablesV3>;
    const operationIds = new Map<string, number>();
    for (const [code, nameZh, nameEn, group, hours, rate] of OPERATIONS) {
      const result = await seed
        .insertInto('labor_operations')
        .values({
          code,
          name_zh: nameZh,
          name_en: nameEn,
          name_en_key: englishKey(nameEn),
          concern_group: group,
          flat_rate_hours_milli: hours,
          labor_rate_fen: rate,
          created_at: EDITION_AT,
          updated_at: EDITION_AT,
        })
        .executeTakeFirstOrThrow();
      operationIds.set(code, Number(result.insertId));
    }
    for (const pkg of PACKAGES) {
      const result = await seed
        .insertInto('maintenance_packages')
        .values({ code: pkg.code, name_zh: pkg.nameZh, name_en: pkg.nameEn, created_at: EDITION_AT, updated_at: EDITION_AT })
        .executeTakeFirstOrThrow();
      const packageId = Number(result.insertId);
      await seed
        .insertInto('maintenance_package_labor')
        .values(
          pkg.labor.map((code, position) => {
            const operationId = operationIds.get(code);
            if (operationId === undefined) throw new Error(`0003: package ${pkg.code} names unknown operation ${code}`);
            return { package_id: packageId, operation_id: operationId, position };
          }),
        )
        .execute();
      await seed
        .insertInto('maintenance_package_parts')
        .values(
          pkg.parts.map(([partNumber, nameZh, nameEn, qty, price], position) => ({
            package_id: packageId,
            position,
            part_number: partNumber,
            name_zh: nameZh,
            name_en: nameEn,
            qty_milli: qty,
            unit_price_fen: price,
          })),
        )
        .execute();
    }
  },
};
