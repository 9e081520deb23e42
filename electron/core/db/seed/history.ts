import { createRouterClient, type RouterClient } from '@orpc/server';
import type { DemoUser } from '../../../../shared/contract/users';
import type { ConcernGroup } from '../../../../shared/domain/concern-groups';
import { addDays, instantAt, wallClock } from '../../../../shared/domain/desk-time';
import type { GuaranteeCategory } from '../../../../shared/domain/guarantee';
import { normalisePartNumber } from '../../../../shared/domain/part-number';
import { router, type Router } from '../../api';
import { ManualClock } from '../../clock';
import type { Actor, CoreDeps } from '../../context';
import { ChangeBus } from '../../events';
import { availableMilli, postMovement } from '../../parts/ledger';
import type { Db } from '../connection';
import { Random } from './random';

/**
 * Thirteen months of service history for part of the demo cars, so the manager's reports open on a living
 * dealership: appointments, ROs with packages and repairs from the catalogue, technicians clocking, quality checks,
 * settlements and deliveries (some late), comebacks, warranty jobs, day-3 calls with answered surveys, complaints at
 * every step, and today's state (cars in the workshop, calls due today).
 *
 * Every write goes through the API as the person whose job it is (advisor, foreman, technician, CSI agent, manager),
 * on a clock moved through the past days, so each rule and derived row (status history, settlement totals,
 * follow-up tasks, reservations and stock movements, comebacks) is what the app itself writes. The one exception is
 * the parts clerk's restocking, posted through the ledger as the parts seed does (a purchase cycle per oil filter
 * would only slow the seed down).
 */

/** Extra staff the history spreads its work over (the reports compare advisors and technicians). */
export const HISTORY_STAFF: readonly DemoUser[] = [
  { username: 'advisor2', displayName: '王芳', role: 'advisor' },
  { username: 'advisor3', displayName: '周磊', role: 'advisor' },
  { username: 'technician2', displayName: '孙建华', role: 'technician' },
  { username: 'technician3', displayName: '马超', role: 'technician' },
  { username: 'technician4', displayName: '何伟', role: 'technician' },
];

/**
 * The rest of the demo workshop's crew: twelve technicians in all, the size of workshop the planner is drawn for
 * (issue 17 item 4). They work the history like the others; the login screen does not list them.
 */
export const WORKSHOP_CREW: readonly DemoUser[] = [
  { username: 'technician5', displayName: '黄志强', role: 'technician' },
  { username: 'technician6', displayName: '吴刚', role: 'technician' },
  { username: 'technician7', displayName: '徐磊', role: 'technician' },
  { username: 'technician8', displayName: '郭鹏', role: 'technician' },
  { username: 'technician9', displayName: '林涛', role: 'technician' },
  { username: 'technician10', displayName: '罗斌', role: 'technician' },
  { username: 'technician11', displayName: '梁勇', role: 'technician' },
  { username: 'technician12', displayName: '宋亮', role: 'technician' },
];

export interface HistoryCounts {
  repairOrders: number;
  delivered: number;
  inWorkshop: number;
  appointments: number;
  surveys: number;
  dissatisfied: number;
  complaints: number;
  callsDueToday: number;
}

type Client = RouterClient<Router>;
type Detail = Awaited<ReturnType<Client['repairOrders']['get']>>;

const MINUTE = 60_000;
const HISTORY_DAYS = 395;
/** Arrival slots on the desk's wall clock (the appointment board's 30-minute slots, 08:30 to 16:00). */
export const ARRIVAL_SLOTS = Array.from({ length: 16 }, (_, i) => 8 * 60 + 30 + i * 30);

// [operation code, concern in the customer's words, group, part kind (parts room name) or null, guarantee category]
// prettier-ignore
export const REPAIRS: readonly (readonly [string, string, ConcernGroup, string | null, GuaranteeCategory])[] = [
  ['BR-FPAD', '踩刹车时前轮有异响', 'brakes', '前刹车片', 'level1_minor_special'],
  ['BR-RPAD', '后刹车发出吱吱声', 'brakes', '后刹车片', 'level1_minor_special'],
  ['BR-FDISC', '刹车时方向盘抖动', 'brakes', '前刹车盘', 'level1_minor_special'],
  ['SS-ALIGN', '车辆行驶跑偏', 'suspension_steering', null, 'level1_minor_special'],
  ['SS-FSHOCK', '过减速带时前悬挂咚咚响', 'suspension_steering', '前减震器', 'whole_vehicle_or_assembly'],
  ['SS-TIEROD', '转向时有松旷感', 'suspension_steering', '转向横拉杆球头', 'level1_minor_special'],
  ['EL-BATT', '早上打不着火', 'electrical', '蓄电池 12V', 'level1_minor_special'],
  ['EL-WINREG', '左前车窗升不上去', 'electrical', '电动车窗升降器', 'level1_minor_special'],
  ['EL-HEADL', '右前大灯进水起雾', 'electrical', '前大灯总成', 'level1_minor_special'],
  ['AC-CHECK', '空调不够凉', 'ac_heating', null, 'level1_minor_special'],
  ['AC-CLEAN', '开空调有异味', 'ac_heating', null, 'level1_minor_special'],
  ['EN-COIL', '发动机抖动，故障灯亮', 'engine', '点火线圈', 'level1_minor_special'],
  ['EN-VCGSK', '发动机漏油', 'engine', '气门室盖垫', 'level1_minor_special'],
  ['EN-ABELT', '冷车启动皮带尖叫', 'engine', '发动机附件皮带', 'level1_minor_special'],
  ['TR-CVBOOT', '转弯时前轮咔咔响', 'transmission', '传动轴防尘套', 'level1_minor_special'],
  ['TW-PUNCT', '右后轮慢撒气', 'tyres_wheels', null, 'level1_minor_special'],
  ['BP-DENT', '左后门有凹陷', 'body_paint', null, 'level1_minor_special'],
  ['DG-SCAN', '仪表盘故障灯亮', 'diagnostics', null, 'level1_minor_special'],
];
/** Repairs a car under warranty gets free (a defect, not wear). */
export const WARRANTY_REPAIRS = new Set(['EL-WINREG', 'EL-HEADL', 'EN-COIL', 'EN-VCGSK', 'SS-FSHOCK', 'DG-SCAN']);
export const EV_MAINTENANCE = ['MT-INSP', 'MT-CABF', 'EV-BATT', 'EV-ISOL'];

export const CAUSES: Record<string, [string, string]> = {
  brakes: ['刹车片磨损到极限', '更换刹车片，清洁制动器并试车'],
  suspension_steering: ['底盘部件磨损松旷', '更换磨损部件，做四轮定位并试车'],
  electrical: ['电气部件损坏', '更换损坏部件，检查线路正常'],
  ac_heating: ['空调系统冷媒不足、蒸发箱脏污', '检漏、加注冷媒并清洗消毒'],
  engine: ['发动机部件老化', '更换老化部件，清除故障码并试车'],
  transmission: ['防尘套破裂进沙', '更换防尘套并加注润滑脂'],
  tyres_wheels: ['轮胎扎钉', '拔钉补胎并做动平衡'],
  body_paint: ['外力撞击造成凹陷', '免喷漆修复凹陷'],
  diagnostics: ['传感器信号异常', '读取故障码，处理故障并清码'],
  maintenance: ['按里程例行保养', '按保养项目完成作业，复位保养提示'],
};

export const PRAISE = [
  '服务顾问很热情，解释得很清楚',
  '交车很准时，车也洗得很干净',
  '休息区环境不错，还有免费咖啡',
  '师傅技术很好，异响彻底没了',
  '预约很方便，到店就有人接待',
];
export const GRIPES: Record<string, readonly string[]> = {
  pickup: ['说好下午四点交车，等到六点多才拿到车', '交车晚了两个小时，也没人提前打电话说明'],
  quality: ['修完没几天毛病又出现了，还得再跑一趟', '异响还在，感觉没修好'],
  advisor: ['服务顾问态度冷淡，问问题爱答不理', '结算时才告诉我加了项目，事先没说清楚'],
  facility: ['休息区太吵，等了很久也没人添水', '停车位太少，进店排队很久'],
};

export const CHINESE_NAMES_FOR_COLLECTION = ['车主本人', '车主家属', '车主本人'];

interface Staff {
  advisors: Actor[];
  technicians: Actor[];
  foreman: Actor;
  csi: Actor;
  manager: Actor;
  partsClerk: Actor;
}

interface Car {
  id: number;
  customerId: number;
  consent: boolean;
  make: string;
  fuel: string;
  createdAt: number;
  invoiceDay: string | null;
  km: number;
  kmAt: number;
  kmPerDay: number;
}

/** What a visit ends in: delivered (the past), or one of today's states in the workshop. */
type Stage = 'delivered' | 'open' | 'running' | 'waiting_parts' | 'qc' | 'ready';

interface Visit {
  car: Car;
  day: string;
  minute: number;
  kind: 'maintenance' | 'repair';
  repairs: (typeof REPAIRS)[number][];
  appointment: boolean;
  stage: Stage;
  /** Delivered later than promised. */
  late: boolean;
  /** Finishes after a day or more (a part ordered in). */
  days: number;
  comeback: boolean;
  /** A survey answered dissatisfied, for what. */
  gripe: keyof typeof GRIPES | null;
  /** Left uncalled (due today, or overdue). */
  skipCall: boolean;
}

/**
 * A database handle that runs a service's own transaction inside the seed's: the whole demo (base and history)
 * commits or fails as one. Methods are bound to the real transaction (kysely keeps its state in private fields).
 */
function sharing(trx: Db): Db {
  const proxy: Db = new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') return () => ({ execute: <T>(fn: (db: Db) => Promise<T>) => fn(proxy) });
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return proxy;
}

class History {
  readonly clock: ManualClock;
  readonly deps: CoreDeps;
  private readonly clients = new Map<number, Client>();
  private readonly techFree = new Map<number, number>();
  private readonly agenda: { at: number; seq: number; run: () => Promise<void> }[] = [];
  private seq = 0;
  readonly counts: HistoryCounts = {
    repairOrders: 0,
    delivered: 0,
    inWorkshop: 0,
    appointments: 0,
    surveys: 0,
    dissatisfied: 0,
    complaints: 0,
    callsDueToday: 0,
  };
  partIds = new Map<string, { id: number; costFen: number }[]>();
  questions: Awaited<ReturnType<Client['followup']['surveyTemplate']>>['questions'] = [];

  constructor(
    readonly trx: Db,
    base: CoreDeps,
    public staff: Staff,
    readonly random: Random,
    readonly now: number,
  ) {
    this.clock = new ManualClock(new Date(now).toISOString());
    this.deps = { ...base, db: sharing(trx), clock: this.clock, sessions: new Map(), events: new ChangeBus() };
  }

  as(actor: Actor): Client {
    let client = this.clients.get(actor.id);
    if (!client) {
      const token = `seed-history-${actor.id}`;
      this.deps.sessions.set(token, { actor, expiresAt: '9999-12-31T00:00:00.000Z' });
      client = createRouterClient(router, {
        context: { deps: this.deps, reqHeaders: new Headers({ authorization: `Bearer ${token}` }) },
      });
      this.clients.set(actor.id, client);
    }
    return client;
  }

  at(ms: number): void {
    this.clock.set(new Date(ms).toISOString());
  }

  later(ms: number, run: () => Promise<void>): void {
    if (ms < this.now) this.agenda.push({ at: ms, seq: this.seq++, run });
  }

  /** Runs what the agenda holds up to `ms`, in time order. */
  async runAgenda(ms: number): Promise<void> {
    for (;;) {
      let next = -1;
      for (let i = 0; i < this.agenda.length; i++) {
        const item = this.agenda[i]!;
        if (item.at > ms) continue;
        if (
          next < 0 ||
          item.at < this.agenda[next]!.at ||
          (item.at === this.agenda[next]!.at && item.seq < this.agenda[next]!.seq)
        )
          next = i;
      }
      if (next < 0) return;
      const [item] = this.agenda.splice(next, 1);
      this.at(item!.at);
      await item!.run();
    }
  }

  /** The parts clerk receives what the next lines need when the shelf runs short (a restocking delivery). */
  async restock(partId: number, costFen: number, qtyMilli: number, at: number): Promise<void> {
    const free = await availableMilli(this.trx, partId);
    if (free >= qtyMilli) return;
    await postMovement(this.trx, {
      partId,
      kind: 'receipt',
      qtyMilli: qtyMilli - free + 20_000,
      unitCostFen: costFen,
      reason: '补货入库',
      userId: this.staff.partsClerk.id,
      at: new Date(at).toISOString(),
    });
  }

  pickTechnician(ready: number, minutes: number): { tech: Actor; start: number; end: number } {
    let best = this.staff.technicians[0]!;
    let bestFree = Number.POSITIVE_INFINITY;
    for (const tech of this.staff.technicians) {
      const free = Math.max(this.techFree.get(tech.id) ?? 0, ready);
      // A little chance in the choice, so every technician gets a share of each kind of work.
      const score = free + this.random.int(0, 20) * MINUTE;
      if (score < bestFree) {
        bestFree = score;
        best = tech;
      }
    }
    const start = Math.max(this.techFree.get(best.id) ?? 0, ready);
    const end = start + minutes * MINUTE;
    this.techFree.set(best.id, end + 5 * MINUTE);
    return { tech: best, start, end };
  }

  busy(techId: number): void {
    if (this.staff.technicians.length > 1) this.staff.technicians = this.staff.technicians.filter((tech) => tech.id !== techId);
  }

  odometer(car: Car, at: number): number {
    const km = Math.max(car.km + 1, Math.round(car.km + ((at - car.kmAt) / 86_400_000) * car.kmPerDay));
    car.km = km;
    car.kmAt = at;
    return km;
  }
}

export function packageFor(km: number): string {
  if (km < 7_500) return 'PKG-05K';
  const step = Math.round(km / 10_000) % 4;
  return step === 0 ? 'PKG-40K' : step === 2 ? 'PKG-20K' : 'PKG-10K';
}

async function loadStaff(trx: Db): Promise<Staff> {
  const rows = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'role']).orderBy('id').execute();
  const actors = rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
  }));
  const one = (role: Actor['role']) => actors.find((a) => a.role === role)!;
  return {
    advisors: actors.filter((a) => a.role === 'advisor'),
    technicians: actors.filter((a) => a.role === 'technician'),
    foreman: one('foreman'),
    csi: one('csi_agent'),
    manager: one('manager'),
    partsClerk: one('parts_clerk'),
  };
}

/** The cars the history visits: one owner all along (the RO's customer is the owner then and now), first seen a month ago or earlier. */
async function loadCars(trx: Db, random: Random, now: number): Promise<Car[]> {
  const rows = await trx
    .selectFrom('vehicles as v')
    .innerJoin('vehicle_ownerships as o', (j) => j.onRef('o.vehicle_id', '=', 'v.id').on('o.to_at', 'is', null))
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .select(['v.id', 'v.make', 'v.fuel_type', 'v.created_at', 'v.invoice_date', 'o.customer_id', 'c.consent_to_contact'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('vehicle_ownerships as p')
            .select('p.id')
            .whereRef('p.vehicle_id', '=', 'v.id')
            .where('p.to_at', 'is not', null),
        ),
      ),
    )
    .orderBy('v.id')
    .execute();
  const readings = await trx
    .selectFrom('vehicle_mileage')
    .select(['vehicle_id', 'km', 'recorded_at', 'source'])
    .orderBy('id')
    .execute();
  const byVehicle = new Map<number, typeof readings>();
  for (const r of readings) {
    const list = byVehicle.get(r.vehicle_id) ?? [];
    list.push(r);
    byVehicle.set(r.vehicle_id, list);
  }
  const cars: Car[] = [];
  for (const row of rows) {
    const take = random.chance(0.22);
    const createdAt = Date.parse(row.created_at);
    if (!take || createdAt > now - 30 * 86_400_000) continue;
    const list = byVehicle.get(row.id) ?? [];
    const first = list[0];
    const last = list[list.length - 1];
    const span = first && last ? (Date.parse(last.recorded_at) - Date.parse(first.recorded_at)) / 86_400_000 : 0;
    const kmPerDay = span > 60 ? Math.max(15, (last!.km - first!.km) / span) : random.int(20, 60);
    cars.push({
      id: row.id,
      customerId: row.customer_id,
      consent: row.consent_to_contact === 1,
      make: row.make,
      fuel: row.fuel_type,
      createdAt,
      invoiceDay: row.invoice_date,
      km: first?.km ?? 0,
      kmAt: first ? Date.parse(first.recorded_at) : createdAt,
      kmPerDay,
    });
  }
  return cars;
}

/**
 * The seeded readings after registration stand for visits the plan made up; the history's check-ins replace them
 * for its cars (an odometer reading belongs to a visit, and a visit here is a real RO), one save less each.
 */
async function dropInventedReadings(trx: Db, cars: readonly Car[]): Promise<void> {
  for (let i = 0; i < cars.length; i += 500) {
    const ids = cars.slice(i, i + 500).map((c) => c.id);
    const counts = await trx
      .selectFrom('vehicle_mileage')
      .select(['vehicle_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('vehicle_id', 'in', ids)
      .where('source', '!=', 'registration')
      .groupBy('vehicle_id')
      .execute();
    await trx.deleteFrom('vehicle_mileage').where('vehicle_id', 'in', ids).where('source', '!=', 'registration').execute();
    for (const { vehicle_id, n } of counts) {
      await trx
        .updateTable('vehicles')
        .set((eb) => ({ version: eb('version', '-', Number(n)) }))
        .where('id', '=', vehicle_id)
        .execute();
    }
  }
}

function planVisits(random: Random, cars: readonly Car[], today: string, lastDay: string): Visit[] {
  const first = addDays(today, -HISTORY_DAYS);
  const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
  const visits: Visit[] = [];
  const base = (car: Car, day: string, kind: Visit['kind']): Visit => ({
    car,
    day,
    minute: random.pick(ARRIVAL_SLOTS),
    kind,
    repairs: [],
    appointment: random.chance(kind === 'maintenance' ? 0.65 : 0.3),
    stage: 'delivered',
    late: random.chance(0.12),
    days: 0,
    comeback: false,
    gripe: null,
    skipCall: false,
  });
  for (const car of cars) {
    const seen = wallClock(new Date(car.createdAt)).day;
    const start = seen > first ? addDays(seen, 3) : first;
    const interval = random.int(120, 200);
    let day = addDays(start, random.int(0, interval));
    while (day < addDays(today, -3)) {
      const kind: Visit['kind'] = random.chance(0.72) ? 'maintenance' : 'repair';
      const visit = base(car, day, kind);
      if (kind === 'repair' || random.chance(0.3)) visit.repairs.push(random.pick(REPAIRS));
      if (visit.repairs.length > 0 && random.chance(0.06)) visit.days = random.int(1, 2);
      visits.push(visit);
      // Some repairs come back within the comeback window: the same concern group, days later.
      if (visit.repairs.length > 0 && random.chance(0.1)) {
        const back = addDays(day, random.int(4, 20));
        if (back < addDays(today, -3)) {
          const comeback = base(car, back, 'repair');
          comeback.repairs.push(visit.repairs[0]!);
          comeback.comeback = true;
          visits.push(comeback);
        }
      }
      day = addDays(day, interval + random.int(-20, 30));
    }
  }
  const idle = (count: number, day: string) =>
    cars.filter(
      (c) =>
        wallClock(new Date(c.createdAt)).day < addDays(day, -7) && !visits.some((v) => v.car === c && v.day >= addDays(day, -40)),
    );
  // Calls due today and yesterday: a few cars delivered three and four days ago (the queue is never empty on day one).
  for (const [offset, count] of [
    [-3, 4],
    [-4, 2],
  ] as const) {
    const day = addDays(today, offset);
    for (const car of idle(count, day)
      .filter((c) => c.consent)
      .slice(0, count))
      visits.push(base(car, day, 'maintenance'));
  }
  // Today's workshop: cars at every stage; one has waited a week for a part (a 三包 warning on the radar).
  const stages: Stage[] = ['ready', 'qc', 'running', 'open', 'open', 'running'];
  const cands = idle(stages.length + 1, lastDay);
  stages.forEach((stage, i) => {
    const car = cands[i];
    if (!car) return;
    const visit = base(car, lastDay, i % 2 === 0 ? 'maintenance' : 'repair');
    if (visit.kind === 'repair') visit.repairs.push(random.pick(REPAIRS));
    visit.minute = ARRIVAL_SLOTS[i]!;
    visit.appointment = i < 3;
    visit.stage = stage;
    visit.late = false;
    visits.push(visit);
  });
  const waiting = cands[stages.length];
  if (waiting) {
    const visit = base(waiting, addDays(lastDay, -7), 'repair');
    visit.repairs.push(REPAIRS.find((r) => r[0] === 'SS-FSHOCK')!);
    visit.stage = 'waiting_parts';
    visits.push(visit);
  }
  // A young car whose engine misfire keeps coming back: five repairs of the same fault in a year (三包 radar).
  const lemon = cars.find(
    (c) =>
      c.fuel !== 'bev' &&
      c.invoiceDay !== null &&
      c.invoiceDay > addDays(today, -500) &&
      c.createdAt < Date.parse(addDays(today, -340)),
  );
  if (lemon) {
    for (const offset of [-330, -250, -170, -95, -35]) {
      const visit = base(lemon, addDays(today, offset), 'repair');
      visit.repairs.push(REPAIRS.find((r) => r[0] === 'EN-COIL')!);
      visit.late = false;
      visits.push(visit);
    }
  }
  for (const v of visits)
    if (v.car.fuel === 'bev' && v.kind === 'maintenance') v.repairs = v.repairs.filter((r) => r[2] !== 'engine');
  return visits.sort((a, b) => dayMs(a.day) - dayMs(b.day) || a.minute - b.minute);
}

function answersFor(h: History, visit: Visit): { questionId: number; value: number | boolean | string | null }[] {
  const r = h.random;
  const gripe = visit.gripe;
  const low = () => r.int(3, 6);
  const high = () => (r.chance(0.5) ? 10 : r.chance(0.6) ? 9 : r.chance(0.7) ? 8 : 7);
  return h.questions.map((q) => {
    if (!q.required && q.scale !== 'text' && r.chance(0.15)) return { questionId: q.id, value: null };
    switch (q.scale) {
      case 'scale_1_10': {
        const hit =
          (gripe === 'pickup' && q.factor === 'vehicle_pickup') ||
          (gripe === 'quality' && q.factor === 'service_quality') ||
          (gripe === 'advisor' && q.factor === 'service_advisor') ||
          (gripe === 'facility' && q.factor === 'service_facility');
        return { questionId: q.id, value: hit ? low() : high() };
      }
      case 'recommend_0_10':
        return { questionId: q.id, value: gripe ? r.int(4, 7) : r.chance(0.7) ? r.int(9, 10) : r.int(7, 8) };
      case 'yes_no':
        return { questionId: q.id, value: !(gripe === 'quality' || visit.comeback) };
      case 'text':
        if (gripe) return { questionId: q.id, value: r.pick(GRIPES[gripe]!) };
        return { questionId: q.id, value: r.chance(0.3) ? r.pick(PRAISE) : null };
    }
    return { questionId: q.id, value: null };
  });
}

/** A complaint walked through its steps over the days after it came in; recent ones stop part-way. */
function scheduleComplaint(
  h: History,
  complaint: { id: number; version: number; customerSays: string },
  from: number,
  gripe: keyof typeof GRIPES,
  roAdvisor: Actor,
  draft: boolean,
): void {
  const { csi, manager, advisors } = h.staff;
  const handler = advisors.find((a) => a.id !== roAdvisor.id) ?? csi;
  const c = { ...complaint };
  const department = gripe === 'quality' ? ('workshop' as const) : ('service' as const);
  const invalid = h.random.chance(0.1);
  let at = from;
  if (draft) {
    // The survey drafted it; the manager confirms it (or, now and then, dismisses it) within hours.
    at += h.random.int(1, 5) * 60 * MINUTE;
    const dismiss = h.random.chance(0.12);
    h.later(at, async () => {
      const client = h.as(manager).complaints;
      const detail = dismiss
        ? await client.dismiss({ id: c.id, version: c.version, reason: '回访时客户表示已无意见，不作为投诉处理' })
        : await client.confirm({
            id: c.id,
            version: c.version,
            level: gripe === 'quality' ? 'escalated' : 'ordinary',
            againstDepartment: department,
            customerSays: c.customerSays,
            customerWants: gripe === 'quality' ? '尽快把车彻底修好' : '希望给个说法',
          });
      c.version = detail.version;
    });
    if (dismiss) return;
  }
  const steps: [Actor, Parameters<Client['complaints']['advance']>[0]['step'], Record<string, unknown>][] = invalid
    ? [[csi, 'validity', { valid: false, reason: '经核实，客户所述情况与维修记录不符，已向客户解释' }]]
    : [
        [csi, 'validity', { valid: true, reason: '回访记录属实，客户确有不满' }],
        [manager, 'assign', { department }],
        [
          handler,
          'analyse',
          { cause: gripe === 'quality' ? '维修后未充分试车，故障未彻底排除' : '交车时间预估不足，未及时告知客户' },
        ],
        [
          handler,
          'propose',
          gripe === 'quality'
            ? { resolutionKind: 'redo', resolution: '免费返修并提供代步车' }
            : { resolutionKind: 'discount', amountFen: 20_000, resolution: '下次保养工时费减免200元' },
        ],
        [manager, 'approve', { approved: true, reason: '' }],
        [handler, 'carry_out', { done: '已按方案处理并电话告知客户' }],
        [csi, 'callback', { satisfied: true, note: '客户表示满意' }],
        [
          manager,
          'summary',
          {
            rootCause: gripe === 'quality' ? 'workmanship' : 'communication',
            correctiveAction: '在晨会上通报案例，完善交车前试车和进度告知流程',
          },
        ],
      ];
  // Some stall on the way (an analysis not written, an approval waiting): open and, after two weeks, overdue.
  const stall = h.random.chance(0.2) ? h.random.int(1, steps.length - 2) : steps.length;
  for (const [actor, step, fields] of steps.slice(0, stall)) {
    at += (h.random.int(3, 28) * 60 + h.random.int(0, 59)) * MINUTE;
    h.later(at, async () => {
      const detail = await h.as(actor).complaints.advance({ id: c.id, version: c.version, step, ...fields } as never);
      c.version = detail.version;
    });
  }
}

async function followUp(h: History, visit: Visit, ro: Detail, advisor: Actor, deliveredAt: number): Promise<void> {
  const task = await h.trx
    .selectFrom('followup_tasks')
    .select(['id', 'due_at'])
    .where('repair_order_id', '=', ro.id)
    .where('kind', '=', 'csi_call')
    .executeTakeFirst();
  if (!task || visit.skipCall) return;
  const dueDay = wallClock(new Date(task.due_at)).day;
  const today = wallClock(new Date(h.now)).day;
  // Today's calls wait for the agent; a few of yesterday's are still overdue.
  if (dueDay >= today || (dueDay >= addDays(today, -2) && h.random.chance(0.4))) return;
  const csi = h.staff.csi;
  const callAt = (day: string) => instantAt(day, h.random.int(9 * 60 + 30, 16 * 60 + 30)).getTime();
  let version = 1;
  let day = dueDay;
  const unreachable = h.random.chance(0.04);
  const misses = unreachable ? 5 : h.random.chance(0.15) ? 1 : 0;
  for (let i = 0; i < misses; i++) {
    h.later(callAt(day), async () => {
      version = (await h.as(csi).followup.recordAttempt({ taskId: task.id, version, outcome: 'no_answer', note: '无人接听' }))
        .version;
    });
    day = addDays(day, 1);
  }
  if (unreachable) return;
  const at = callAt(day);
  h.later(at, async () => {
    const result = await h
      .as(csi)
      .followup.recordSurvey({ repairOrderId: ro.id, followUpTaskId: task.id, answers: answersFor(h, visit) });
    h.counts.surveys += 1;
    if (result.dissatisfied) h.counts.dissatisfied += 1;
    await h.as(csi).followup.recordAttempt({ taskId: task.id, version, outcome: 'done', note: '回访完成' });
    // A comeback answered "not fixed the first time" is dissatisfied even without a low score: a quality complaint.
    if (result.dissatisfied && !visit.gripe) visit.gripe = 'quality';
    if (result.dissatisfied && visit.gripe) {
      const draft = result.complaint !== null;
      const complaint =
        result.complaint !== null
          ? await h.as(csi).complaints.get({ id: result.complaint.id })
          : await h.as(csi).complaints.create({
              source: 'phone',
              customerId: ro.customer.id,
              repairOrderId: ro.id,
              level: visit.gripe === 'quality' ? 'escalated' : 'ordinary',
              againstDepartment: visit.gripe === 'quality' ? 'workshop' : 'service',
              customerSays:
                (answersFor(h, visit).find((a) => typeof a.value === 'string')?.value as string) ?? '客户对本次服务不满意',
              customerWants: visit.gripe === 'quality' ? '尽快把车修好' : '希望给个说法',
            });
      h.counts.complaints += 1;
      scheduleComplaint(h, complaint, at, visit.gripe, advisor, draft);
    }
  });
  void deliveredAt;
}

/** One visit, from the booking to the handover (or to the stage today's cars are at). */
async function runVisit(h: History, visit: Visit): Promise<{ ro: Detail; advisor: Actor } | null> {
  const r = h.random;
  const { staff } = h;
  const car = visit.car;
  const advisor = r.pick(staff.advisors);
  const adv = h.as(advisor);
  const arrival = instantAt(visit.day, visit.minute).getTime();
  const inWorkshop = visit.stage !== 'delivered';
  const gap = (min: number, max: number) => (inWorkshop ? 2 : r.int(min, max)) * MINUTE;
  let t = arrival;
  await h.runAgenda(arrival);

  const concerns = visit.kind === 'maintenance' ? ['到店做常规保养'] : [visit.repairs[0]![1]];
  let ro: Detail;
  const estimateMin = (visit.kind === 'maintenance' ? 90 : 0) + visit.repairs.length * 75;
  if (visit.appointment && visit.stage === 'delivered' && r.chance(0.08)) {
    // This customer once missed a booking a week earlier.
    const missed = arrival - 7 * 86_400_000;
    h.at(missed - r.int(1, 4) * 86_400_000);
    const booking = await adv.appointments.book({
      vehicleId: car.id,
      advisorId: advisor.id,
      startsAt: new Date(missed).toISOString(),
      reason: visit.kind === 'maintenance' ? 'maintenance' : 'repair',
      concerns,
      estimatedHoursMilli: Math.max(500, estimateMin * 17),
    });
    h.counts.appointments += 1;
    h.at(missed + 45 * MINUTE);
    await adv.appointments.noShow({ id: booking.id, version: booking.version });
  }
  if (visit.appointment) {
    const bookedAt = instantAt(addDays(visit.day, -r.int(1, 6)), r.int(9 * 60, 17 * 60)).getTime();
    h.at(bookedAt);
    const booked = await adv.appointments.book({
      vehicleId: car.id,
      advisorId: advisor.id,
      startsAt: new Date(arrival).toISOString(),
      reason: visit.kind === 'maintenance' ? 'maintenance' : 'repair',
      concerns,
      estimatedHoursMilli: Math.max(500, estimateMin * 17),
    });
    h.counts.appointments += 1;
    h.at((t += r.int(0, 10) * MINUTE));
    const arrived = await adv.appointments.arrive({ id: booked.id, version: booked.version });
    h.at((t += gap(2, 5)));
    const { repairOrderId } = await adv.appointments.convert({ id: arrived.id, version: arrived.version });
    ro = await adv.repairOrders.get({ id: repairOrderId });
  } else {
    h.at((t += r.int(0, 15) * MINUTE));
    ro = await adv.repairOrders.create({ vehicleId: car.id, concerns });
  }
  h.counts.repairOrders += 1;
  h.at((t += gap(3, 8)));
  const km = h.odometer(car, t);
  const checkedIn = await adv.repairOrders.checkIn({
    id: ro.id,
    version: ro.version,
    mileageKm: km,
    fuelEighths: r.int(1, 8),
    valuables: r.chance(0.2) ? '行车记录仪' : '',
  });
  ro = { ...ro, version: checkedIn.roVersion };

  // Jobs and lines, as the advisor writes them up.
  h.at((t += gap(4, 10)));
  const firstJob = ro.jobs[0]!;
  const underWarranty = car.invoiceDay !== null && car.invoiceDay > addDays(visit.day, -3 * 365);
  const categories = new Map<number, GuaranteeCategory>();
  const addRepair = async (repair: (typeof REPAIRS)[number], jobId: number | null): Promise<number> => {
    const [code, concern, group, partKind, category] = repair;
    const payer = underWarranty && WARRANTY_REPAIRS.has(code) && !visit.comeback ? 'warranty' : 'customer';
    if (jobId === null) {
      ro = await adv.repairOrders.addJob({ id: ro.id, version: ro.version, concern, concernGroup: group, payer });
      jobId = ro.jobs[ro.jobs.length - 1]!.id;
    } else {
      ro = await adv.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId, concernGroup: group, payer });
    }
    const operation = await h.trx.selectFrom('labor_operations').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    ro = await adv.repairOrders.addLaborLine({ id: ro.id, version: ro.version, jobId, operationId: operation.id });
    if (partKind) {
      const parts = h.partIds.get(`${partKind}|${car.make}`) ?? h.partIds.get(partKind);
      if (parts && parts.length > 0) {
        const part = parts[car.id % parts.length]!;
        await h.restock(part.id, part.costFen, 1000, t);
        const number = await h.trx.selectFrom('parts').select('part_number').where('id', '=', part.id).executeTakeFirstOrThrow();
        ro = await adv.repairOrders.addPartLine({
          id: ro.id,
          version: ro.version,
          jobId,
          partNumber: number.part_number,
          qtyMilli: 1000,
        });
      }
    }
    categories.set(jobId, category);
    return jobId;
  };
  if (visit.kind === 'maintenance') {
    if (car.fuel === 'bev') {
      ro = await adv.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId: firstJob.id, concernGroup: 'maintenance' });
      for (const code of EV_MAINTENANCE) {
        const operation = await h.trx
          .selectFrom('labor_operations')
          .select('id')
          .where('code', '=', code)
          .executeTakeFirstOrThrow();
        ro = await adv.repairOrders.addLaborLine({
          id: ro.id,
          version: ro.version,
          jobId: firstJob.id,
          operationId: operation.id,
        });
      }
      categories.set(firstJob.id, 'level1_minor_special');
    } else {
      const pkg = await h.trx
        .selectFrom('maintenance_packages')
        .select('id')
        .where('code', '=', packageFor(km))
        .executeTakeFirstOrThrow();
      const lines = await h.trx
        .selectFrom('maintenance_package_parts')
        .select(['part_number', 'qty_milli'])
        .where('package_id', '=', pkg.id)
        .execute();
      for (const line of lines) {
        const part = await h.trx
          .selectFrom('parts')
          .select(['id', 'cost_fen'])
          .where('part_number', '=', normalisePartNumber(line.part_number))
          .executeTakeFirst();
        if (part) await h.restock(part.id, part.cost_fen, line.qty_milli, t);
      }
      // The package answers the customer's own "保养" concern: it fills that job (issue 17 item 7).
      ro = await adv.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: pkg.id, jobId: firstJob.id });
      categories.set(firstJob.id, packageFor(km) === 'PKG-40K' ? 'level2_maintenance' : 'level1_minor_special');
    }
    for (const repair of visit.repairs) await addRepair(repair, null);
  } else {
    await addRepair(visit.repairs[0]!, firstJob.id);
  }
  // Work the technician recommends now and then, which the customer puts off (declined work, named in the call).
  let declined: number | null = null;
  if (r.chance(0.15)) {
    ro = await adv.repairOrders.addJob({
      id: ro.id,
      version: ro.version,
      concern: '建议更换雨刮片',
      concernGroup: 'maintenance',
    });
    declined = ro.jobs[ro.jobs.length - 1]!.id;
    const wiper = await h.trx
      .selectFrom('labor_operations')
      .select('id')
      .where('code', '=', 'MT-WIPER')
      .executeTakeFirstOrThrow();
    ro = await adv.repairOrders.addLaborLine({ id: ro.id, version: ro.version, jobId: declined, operationId: wiper.id });
  }
  for (const [jobId, category] of categories)
    ro = await adv.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId, workCategory: category });
  h.at((t += gap(3, 8)));
  ro = await adv.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'in_person',
    signedOnPaper: true,
    decisions: ro.jobs.map((job) => ({ jobId: job.id, decision: job.id === declined ? 'declined' : 'approved' })),
  });
  // The promise once the work is agreed: its flat-rate hours, the check and the wash, rounded up to the half hour.
  const soldHours =
    ro.jobs
      .filter((job) => job.id !== declined)
      .reduce((sum, job) => sum + job.laborLines.reduce((n, line) => n + line.qtyMilli, 0), 0) / 1000;
  const promised = Math.ceil((t + (soldHours * 66 + 60 + visit.days * 24 * 60) * MINUTE) / (30 * MINUTE)) * 30 * MINUTE;
  h.at((t += MINUTE));
  ro = await adv.repairOrders.setPromisedTime({ id: ro.id, version: ro.version, promisedAt: new Date(promised).toISOString() });
  if (visit.stage === 'open') return null;
  h.at((t += gap(2, 6)));
  ro = await adv.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });

  // The workshop: the foreman dispatches, technicians clock on and off and write their findings.
  const foreman = h.as(staff.foreman);
  const approved = ro.jobs.filter((job) => job.id !== declined);
  let workEnd = t;
  for (const [i, job] of approved.entries()) {
    const hours = job.laborLines.reduce((sum, line) => sum + line.qtyMilli, 0) / 1000;
    const minutes = inWorkshop ? 15 : Math.max(10, Math.round(hours * 60 * (0.75 + r.next() * 0.5)));
    const slot = h.pickTechnician(t + MINUTE, minutes);
    h.at(Math.max(t, slot.start - MINUTE));
    await foreman.workshop.assign({
      jobId: job.id,
      technicianId: slot.tech.id,
      bay: `${(slot.tech.id % 6) + 1}号工位`,
      overrideSkills: true,
    });
    const tech = h.as(slot.tech);
    h.at(slot.start);
    await tech.workshop.clockOn({ jobId: job.id });
    if ((visit.stage === 'running' && i === 0) || visit.stage === 'waiting_parts') {
      // Still at it (or waiting for the part): nobody gives this technician other work in the seed.
      h.busy(slot.tech.id);
      if (visit.stage === 'waiting_parts') {
        h.at(slot.start + 40 * MINUTE);
        await tech.workshop.pause({ jobId: job.id, reason: 'parts', note: '减震器缺货，已向厂家订货' });
      }
      return null;
    }
    h.at(slot.end);
    await tech.workshop.clockOff({ jobId: job.id, finished: true });
    const [cause, correction] = CAUSES[job.concernGroup] ?? CAUSES.maintenance!;
    h.at(slot.end + MINUTE);
    await tech.workshop.recordFindings({ jobId: job.id, cause, correction });
    workEnd = Math.max(workEnd, slot.end + 2 * MINUTE);
  }
  if (visit.stage === 'running') return null;
  t = workEnd + visit.days * 24 * 60 * MINUTE;
  h.at(t);
  // The findings moved the RO on (they are part of it); dispatch and clocking did not.
  ro = await adv.repairOrders.get({ id: ro.id });
  ro = await adv.repairOrders.transition({ id: ro.id, version: ro.version, to: 'qc' });
  if (visit.stage === 'qc') return null;
  h.at((t += gap(10, 30)));
  for (const job of approved) {
    const { items } = await foreman.workshop.qcChecklist({ jobId: job.id });
    await foreman.workshop.recordQc({
      jobId: job.id,
      result: 'passed',
      answers: Object.fromEntries(items.map((item) => [item, 'ok' as const])),
    });
  }
  // Late: the car is ready after the time promised (a part came late, a job ran over).
  if (visit.late) t = Math.max(t, promised + r.int(30, 150) * MINUTE);
  else if (t >= promised - 10 * MINUTE) visit.late = true;
  h.at((t += gap(3, 10)));
  ro = await adv.repairOrders.transition({ id: ro.id, version: ro.version, to: 'ready' });
  if ([...categories.values()].some((c) => c !== 'level1_minor_special')) {
    h.at((t += gap(2, 5)));
    await foreman.workshop.issueCertificate({ repairOrderId: ro.id });
    ro = await adv.repairOrders.get({ id: ro.id });
  }
  if (visit.stage === 'ready') return null;

  // Settlement and handover.
  h.at((t += gap(15, 60)));
  const settlement = await adv.repairOrders.settlement({ id: ro.id });
  if (settlement.balanceFen > 0) {
    ro = await adv.repairOrders.recordPayment({
      id: ro.id,
      version: ro.version,
      method: r.pick(['wechat', 'alipay', 'card', 'card', 'cash'] as const),
      amountFen: settlement.balanceFen,
    });
  }
  h.at((t += gap(2, 8)));
  ro = await adv.repairOrders.deliver({
    id: ro.id,
    version: ro.version,
    explanation: `已完成：${approved.map((job) => job.concern).join('；')}。费用已逐项说明。`,
    collectedBy: r.pick(CHINESE_NAMES_FOR_COLLECTION),
    mileageOutKm: km + r.int(0, 8),
  });
  h.counts.delivered += 1;
  car.km = km + 8;
  car.kmAt = t;
  // Whether the customer will grumble: a late car, a comeback, now and then the advisor or the lounge.
  if (visit.late && r.chance(0.3)) visit.gripe = 'pickup';
  else if (visit.comeback && r.chance(0.6)) visit.gripe = 'quality';
  else if (r.chance(0.03)) visit.gripe = r.pick(['advisor', 'facility', 'quality'] as const);
  await followUp(h, visit, ro, advisor, t);
  return { ro, advisor };
}

/** Complaints that never came through a survey: a walk-in and a 12315 referral, both still being handled. */
async function manualComplaints(h: History, delivered: { ro: Detail; advisor: Actor }[]): Promise<void> {
  const picks = delivered.slice(-30);
  for (const [i, source] of (['walk_in', '12315'] as const).entries()) {
    const pick = picks[i * 7];
    if (!pick) continue;
    const at = h.now - (i + 2) * 86_400_000;
    h.at(at);
    const complaint = await h.as(h.staff.csi).complaints.create({
      source,
      customerId: pick.ro.customer.id,
      repairOrderId: pick.ro.id,
      level: source === '12315' ? 'major' : 'ordinary',
      againstDepartment: 'service',
      customerSays: source === '12315' ? '结算金额比估价高出很多，事先没有告知' : '在店里等了三个小时，没有人告诉我进度',
      customerWants: source === '12315' ? '退还多收的费用' : '希望以后能及时告知进度',
    });
    h.counts.complaints += 1;
    if (i === 0)
      await h.as(h.staff.csi).complaints.advance({
        id: complaint.id,
        version: complaint.version,
        step: 'validity',
        valid: true,
        reason: '客户反映情况属实',
      });
  }
}

/**
 * Writes the history through the API inside the seed's transaction `trx` (see sharing). `base` is the core's deps;
 * its clock says what "today" is.
 */
export async function seedHistory(trx: Db, base: CoreDeps, options: { seed: number }): Promise<HistoryCounts> {
  const now = base.clock.now().getTime();
  const random = new Random((options.seed ^ 0x4157_0e11) >>> 0);
  const staff = await loadStaff(trx);
  const h = new History(trx, base, staff, random, now);
  const today = wallClock(new Date(now)).day;
  // Today's cars arrived this morning once the morning is under way; before that, yesterday's are still in.
  const lastDay = wallClock(new Date(now)).minutes >= 12 * 60 ? today : addDays(today, -1);

  const cars = await loadCars(trx, random, now);
  await dropInventedReadings(trx, cars);
  const parts = await trx
    .selectFrom('parts')
    .select(['id', 'name_zh', 'brand', 'cost_fen'])
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  for (const p of parts) {
    for (const key of [p.name_zh, `${p.name_zh}|${p.brand}`]) {
      const list = h.partIds.get(key) ?? [];
      list.push({ id: p.id, costFen: p.cost_fen });
      h.partIds.set(key, list);
    }
  }
  h.questions = (await h.as(staff.csi).followup.surveyTemplate({})).questions;

  // Every technician does every kind of work here (a small workshop); the foreman records it once.
  const firstDay = addDays(today, -HISTORY_DAYS - 1);
  h.at(instantAt(firstDay, 8 * 60).getTime());
  for (const tech of staff.technicians) {
    await h.as(staff.foreman).workshop.setSkills({
      technicianId: tech.id,
      concernGroups: [
        'engine',
        'transmission',
        'brakes',
        'suspension_steering',
        'electrical',
        'ac_heating',
        'tyres_wheels',
        'maintenance',
        'diagnostics',
      ],
    });
  }

  const visits = planVisits(random, cars, today, lastDay);
  const delivered: { ro: Detail; advisor: Actor }[] = [];
  for (const visit of visits) {
    const done = await runVisit(h, visit);
    if (done) delivered.push(done);
    if (visit.stage !== 'delivered') h.counts.inWorkshop += 1;
  }
  await h.runAgenda(now - MINUTE);
  await manualComplaints(h, delivered);

  // Tomorrow's bookings, made today.
  h.at(now - 30 * MINUTE);
  const tomorrow = addDays(today, 1);
  for (const [i, car] of cars.slice(-4).entries()) {
    const advisor = staff.advisors[i % staff.advisors.length]!;
    await h.as(advisor).appointments.book({
      vehicleId: car.id,
      advisorId: advisor.id,
      startsAt: instantAt(tomorrow, ARRIVAL_SLOTS[i * 2]!).toISOString(),
      reason: 'maintenance',
      concerns: ['到店做常规保养'],
      estimatedHoursMilli: 1500,
    });
    h.counts.appointments += 1;
  }
  const due = await trx
    .selectFrom('followup_tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .where('kind', '=', 'csi_call')
    .where('due_at', '=', instantAt(today, 0).toISOString())
    .executeTakeFirstOrThrow();
  h.counts.callsDueToday = Number(due.n);
  return h.counts;
}
