import { priceLine, type LinePrice } from '../../../../../shared/domain/money';
import { needsCertificate, formatCertificateNumber } from '../../../../../shared/domain/qc-checklists';
import type { GuaranteeCategory } from '../../../../../shared/domain/guarantee';
import { CHINESE_NAMES_FOR_COLLECTION, EV_MAINTENANCE, WARRANTY_REPAIRS, packageFor } from '../history';
import { DAY, MINUTE, deskDay, deskInstant, deskMinutes, deskYear, iso } from './calendar';
import type { Operation } from './catalogue';
import { ownerAt } from './fleet';
import { followUp, type Delivered } from './followup';
import { writeAppointments } from './appointments';
import type { Visit } from './planner';
import type { Staffer } from './sink';
import { DAMAGE_KINDS } from '../../../../../shared/contract/repair-orders/check-in';
import { bayOf, dispatch, findingsOf, qcAnswers, writeJobWork, type JobWork } from './workshop';
import type { World, WrittenJob } from './world';

const TAX_BP = 1300;
const MEMBER_DISCOUNT = '会员折扣';

interface PlannedLine {
  kind: 'labor' | 'part';
  operationId: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  qtyMilli: number;
  priceFen: number;
  /** Index into the parts room, for part lines of a part in the master. */
  part: number | null;
}

interface PlannedJob {
  concern: string;
  group: string;
  payer: 'customer' | 'warranty' | 'internal' | 'insurance';
  category: GuaranteeCategory;
  lines: PlannedLine[];
  declined: boolean;
}

const priceCache = new Map<string, LinePrice>();
/** priceLine (shared/domain/money) of a line; catalogue prices repeat, so each combination is priced once. */
function price(unitPriceFen: number, qtyMilli: number, discountBp: number): LinePrice {
  const key = `${unitPriceFen}|${qtyMilli}|${discountBp}`;
  let priced = priceCache.get(key);
  if (!priced) {
    priced = priceLine({ unitPriceFen, qtyMilli, discountBp, taxRateBp: TAX_BP, taxIncluded: true });
    priceCache.set(key, priced);
  }
  return priced;
}

/** The foreman's quality-check rounds (minutes on the desk's clock). */
const QC_ROUNDS = [9 * 60, 10 * 60 + 30, 13 * 60 + 30, 15 * 60, 16 * 60 + 30, 17 * 60 + 45];

function nextQcRound(at: number): number {
  const day = deskDay(at);
  const minute = deskMinutes(at);
  const round = QC_ROUNDS.find((m) => m >= minute);
  return round === undefined ? deskInstant(day + 1, QC_ROUNDS[0]!) : deskInstant(day, round);
}

function laborLine(op: Operation): PlannedLine {
  return {
    kind: 'labor',
    operationId: op.id,
    code: op.code,
    nameZh: op.nameZh,
    nameEn: op.nameEn,
    qtyMilli: op.hoursMilli,
    priceFen: op.rateFen,
    part: null,
  };
}

/** What the advisor writes up: the package or repairs of the visit, as jobs with their lines. */
function planJobs(w: World, visit: Visit, km: number, at: number): PlannedJob[] {
  const { catalogue, parts, fleet, random: r } = w;
  const v = visit.vehicle;
  const jobs: PlannedJob[] = [];
  const op = (code: string) => catalogue.operations.get(code)!;
  if (visit.kind === 'maintenance') {
    if (fleet.fuel[v] === 'bev') {
      jobs.push({
        concern: '到店做常规保养',
        group: 'maintenance',
        payer: 'customer',
        category: 'level1_minor_special',
        lines: EV_MAINTENANCE.map((c) => laborLine(op(c))),
        declined: false,
      });
    } else {
      const code = packageFor(km);
      const pkg = catalogue.packages.get(code)!;
      jobs.push({
        concern: pkg.nameZh,
        group: 'maintenance',
        payer: 'customer',
        category: code === 'PKG-40K' ? 'level2_maintenance' : 'level1_minor_special',
        lines: [
          ...pkg.labor.map(laborLine),
          ...pkg.parts.map((p) => ({
            kind: 'part' as const,
            operationId: null,
            code: p.number,
            nameZh: p.nameZh,
            nameEn: p.nameEn,
            qtyMilli: p.qtyMilli,
            priceFen: p.priceFen,
            part: parts.byNumber.get(p.normalised) ?? null,
          })),
        ],
        declined: false,
      });
    }
  }
  const invoice = fleet.invoiceAt[v]!;
  const underWarranty = !Number.isNaN(invoice) && at - invoice < 3 * 365 * DAY;
  for (const [code, concern, group, partKind, category] of visit.repairs) {
    const lines: PlannedLine[] = [laborLine(op(code))];
    if (partKind) {
      const part = parts.partFor(partKind, fleet.make[v]!, r);
      if (part !== null)
        lines.push({
          kind: 'part',
          operationId: null,
          code: parts.number[part]!,
          nameZh: parts.nameZh[part]!,
          nameEn: parts.nameEn[part]!,
          qtyMilli: 1000,
          priceFen: parts.listPrice[part]!,
          part,
        });
    }
    const payer =
      underWarranty && WARRANTY_REPAIRS.has(code) && !visit.comeback
        ? 'warranty'
        : group === 'body_paint' && r.chance(0.4)
          ? 'insurance'
          : visit.comeback && r.chance(0.7)
            ? 'internal'
            : 'customer';
    jobs.push({ concern, group, payer, category, lines, declined: false });
  }
  // Work the technician recommends, which the customer puts off (declined work, offered again at the next visits).
  if (r.chance(0.18))
    jobs.push({
      concern: '建议更换雨刮片',
      group: 'maintenance',
      payer: 'customer',
      category: 'level1_minor_special',
      lines: [laborLine(op('MT-WIPER'))],
      declined: true,
    });
  return jobs;
}

type Status = 'open' | 'in_progress' | 'on_hold' | 'qc' | 'ready' | 'delivered' | 'closed' | 'cancelled';

/**
 * Writes one visit from arrival to today: the appointment, the RO with its jobs and lines, check-in, authorisation,
 * the workshop (dispatch, clockings, holds for parts), the final check and certificate, payment and handover, the
 * parts issued, comebacks against the car's last visit, the day-3 call; each step only if it happened by `now`, so
 * the last days leave ROs at every stage. The rows are what the services write for the same steps (see history.ts,
 * which drives the real services; tests/integration/seed-scale.test.ts reads these back through the API).
 */
export function writeVisit(w: World, visit: Visit): void {
  const { sink, fleet, now, random: r, staff } = w;
  const s = sink.s;
  const v = visit.vehicle;
  const vehicleId = v + 1;
  const customerId = ownerAt(fleet, v, visit.arrival);
  if (customerId === null) return;
  const advisor = r.pick(staff.advisors);
  const opened = visit.arrival + (visit.appointment ? r.int(2, 8) : r.int(0, 15)) * MINUTE;
  const roId = opened <= now ? sink.next('repairOrder') : null;
  writeAppointments(w, visit, customerId, advisor, roId, opened);
  if (roId === null) return;

  const year = deskYear(deskDay(opened));
  const number = `RO${year}-${String(sink.number('RO', year)).padStart(6, '0')}`;
  let version = 1;
  let updated = opened;
  const bump = (at: number) => {
    if (at > now) return false;
    version += 1;
    updated = Math.max(updated, at);
    return true;
  };
  const history: [Status | null, Status, number, Staffer][] = [[null, 'open', opened, advisor]];
  sink.audit(opened, advisor, 'repair_order', roId, roId, 'ro.created', { label: number });

  // Check-in: the odometer, fuel, valuables.
  const checkIn = opened + r.int(3, 8) * MINUTE;
  const km = odometer(w, v, checkIn);
  let mileageIn: number | null = null;
  if (checkIn <= now) {
    const readingId = sink.next('mileage');
    s.mileage.run(readingId, vehicleId, km, 'check_in', iso(checkIn), advisor.id);
    w.vehicleSaves[v]! += 1;
    w.vehicleUpdatedAt[v] = Math.max(w.vehicleUpdatedAt[v]!, checkIn);
    s.checkIn.run(
      roId,
      km,
      readingId,
      null,
      r.int(1, 8),
      r.chance(0.2) ? '行车记录仪' : '',
      '',
      advisor.id,
      iso(checkIn),
      iso(checkIn),
    );
    mileageIn = km;
    bump(checkIn);
    // The walk-around finds a scratch or a dent on some cars, marked on the diagram.
    if (r.chance(0.08)) {
      for (let n = 1, marks = r.int(1, 2); n <= marks; n++)
        s.damageMark.run(
          sink.next('damageMark'),
          roId,
          n,
          r.int(50, 950),
          r.int(80, 920),
          r.pick(DAMAGE_KINDS),
          '',
          advisor.id,
          iso(checkIn),
          null,
          null,
        );
    }
  }

  // Jobs and lines as written up; the customer's authorisation; the promise.
  const written = checkIn + r.int(4, 10) * MINUTE;
  const planned = planJobs(w, visit, km, opened);
  const discountBp = r.chance(0.07) ? r.pick([500, 1000]) : 0;
  const cancelled = !visit.comeback && r.chance(0.012);
  const authorisedAt = written + r.int(3, 8) * MINUTE;
  const jobIds: number[] = [];
  const jobTotals: number[] = [];
  const lineIds: number[][] = [];
  let soldMilli = 0;
  let customerOwes = 0;
  for (const job of planned) {
    const jobId = sink.next('job');
    jobIds.push(jobId);
    let total = 0;
    const ids: number[] = [];
    for (const line of job.lines) {
      const discount = line.kind === 'labor' && !job.declined ? discountBp : 0;
      total += price(line.priceFen, line.qtyMilli, discount).totalFen;
    }
    jobTotals.push(total);
    if (!job.declined) {
      soldMilli += job.lines.reduce((n, l) => n + (l.kind === 'labor' ? l.qtyMilli : 0), 0);
      if (job.payer === 'customer') customerOwes += total;
    }
    for (const _ of job.lines) ids.push(sink.next('line'));
    lineIds.push(ids);
  }
  const promised = Math.ceil((authorisedAt + ((soldMilli * 66) / 1000) * MINUTE + 60 * MINUTE) / (30 * MINUTE)) * 30 * MINUTE;

  // The workshop: each approved job dispatched to the technician free first; some wait for a part overnight.
  const cancelAt = opened + r.int(20, 90) * MINUTE;
  // The car waits in the lot until the foreman dispatches it (between other work, some time in the next hour or so).
  const dispatchFrom = authorisedAt + r.int(5, 100) * MINUTE;
  const works: (JobWork | null)[] = [];
  let workEnd = dispatchFrom;
  // The RO is open until work starts on it: the first clock-on (a car that came in the evening waits for the morning).
  let startAt = Number.POSITIVE_INFINITY;
  let hold: [number, number] | null = null;
  const longJob = visit.kind === 'repair' && r.chance(0.06) ? r.int(1, 2) : 0;
  for (const [i, job] of planned.entries()) {
    if (job.declined || cancelled) {
      works.push(null);
      continue;
    }
    const hours = job.lines.reduce((n, l) => n + (l.kind === 'labor' ? l.qtyMilli : 0), 0) / 1000;
    const minutes = Math.max(10, Math.round(hours * 60 * (0.6 + r.next() * 0.35)));
    const slot = dispatch(w, dispatchFrom, minutes);
    startAt = Math.min(startAt, slot.start);
    const stretches: [number, number][] = [];
    let pausedAt: number | null = null;
    if (job.lines.some((l) => l.part !== null && l.kind === 'part') && job.group !== 'maintenance' && r.chance(0.07)) {
      // Waiting for a part: paused after the diagnosis, resumed when the part came in a day or two later.
      pausedAt = slot.start + Math.min(40, minutes - 5) * MINUTE;
      const resume = deskInstant(deskDay(slot.start) + r.int(1, 4), 9 * 60 + r.int(0, 120));
      stretches.push([slot.start, pausedAt], [resume, resume + Math.max(10, minutes - 35) * MINUTE]);
      hold = [pausedAt, resume];
    } else {
      stretches.push([slot.start, slot.end]);
    }
    works.push({ jobId: jobIds[i]!, group: job.group, label: job.concern, tech: slot.tech, stretches, pausedAt });
    workEnd = Math.max(workEnd, stretches[stretches.length - 1]![1] + 2 * MINUTE);
  }
  const qcAt = workEnd + longJob * DAY;
  // The foreman checks finished cars in rounds between other work; what is finished in the evening waits for the morning.
  const inspectedAt = nextQcRound(qcAt + 10 * MINUTE) + r.int(0, 15) * MINUTE;
  const late = r.chance(0.12);
  let readyAt = inspectedAt + r.int(3, 10) * MINUTE;
  if (late) readyAt = Math.max(readyAt, promised + r.int(30, 150) * MINUTE);
  const certificateAt = readyAt + r.int(2, 5) * MINUTE;
  // Customers collect soon after the call, or after work; a car ready in the evening goes the next morning.
  const readyMinute = deskMinutes(readyAt);
  const pickup =
    readyMinute >= 18 * 60 + 30
      ? deskInstant(deskDay(readyAt) + 1, r.int(9 * 60, 11 * 60 + 30))
      : readyMinute < 16 * 60 && r.chance(0.45)
        ? deskInstant(deskDay(readyAt), r.int(17 * 60, 19 * 60))
        : readyAt + r.int(15, 90) * MINUTE;
  const paidAt = pickup - r.int(2, 8) * MINUTE;
  const account = fleet.customerCompany[customerId - 1] === 1 && r.chance(0.5);
  const closedAt = account ? pickup + r.int(5, 30) * DAY : pickup;

  if (cancelled) history.push(['open', 'cancelled', cancelAt, advisor]);
  else {
    history.push(['open', 'in_progress', startAt, advisor]);
    if (hold) history.push(['in_progress', 'on_hold', hold[0], advisor], ['on_hold', 'in_progress', hold[1], advisor]);
    history.push(
      ['in_progress', 'qc', qcAt, advisor],
      ['qc', 'ready', readyAt, advisor],
      ['ready', 'delivered', pickup, advisor],
    );
    // Closed when paid: at the handover, or when an account customer's transfer comes in.
    history.push(['delivered', 'closed', customerOwes > 0 ? closedAt : pickup, advisor]);
  }
  let status: Status = 'open';
  for (const [from, to, at, who] of history) {
    if (at > now) break;
    status = to;
    // A cancellation keeps the customer's reason, as the RO page asks for it (issue 17).
    s.statusHistory.run(sink.next('statusHistory'), roId, from, to, who.id, iso(at), to === 'cancelled' ? '客户取消' : '');
    if (from !== null) {
      bump(at);
      sink.audit(at, who, 'repair_order', roId, roId, 'ro.statusChanged', { label: number, changes: { status: { from, to } } });
    }
  }
  const delivered = status === 'delivered' || status === 'closed';

  // Jobs, lines and their parts, as they stand at `now`.
  const jobsOut: WrittenJob[] = [];
  const technicianIds = new Set<number>();
  const authorised = !cancelled && authorisedAt <= now;
  for (const [i, job] of planned.entries()) {
    const jobId = jobIds[i]!;
    const work = works[i];
    let state = 'waiting';
    let pauseReason: string | null = null;
    let technicianId: number | null = null;
    let findings = false;
    let jobUpdated = written;
    if (work) {
      const tech = staff.technicians[work.tech]!;
      const result = writeJobWork(w, roId, work, tech);
      state = result.state;
      pauseReason = result.pauseReason;
      technicianId = result.technicianId;
      findings = result.findings;
      if (technicianId !== null) technicianIds.add(technicianId);
      const last = work.stretches[work.stretches.length - 1]![1];
      if (findings) jobUpdated = last + MINUTE;
      else if (work.stretches[0]![0] <= now) jobUpdated = Math.min(now, work.stretches[0]![0]);
    }
    const [cause, correction] = findings ? findingsOf(job.group) : ['', ''];
    const authorization = authorised ? (job.declined ? 'declined' : 'approved') : 'pending';
    if (authorised) jobUpdated = Math.max(jobUpdated, authorisedAt);
    s.job.run(
      jobId,
      roId,
      i,
      job.concern,
      cause,
      correction,
      job.group,
      job.payer,
      authorization,
      iso(written),
      iso(Math.min(jobUpdated, now)),
      authorised ? job.category : null,
      technicianId,
      state,
      pauseReason,
      pauseReason ? '配件缺货，已向厂家订货' : '',
      technicianId !== null && work ? bayOf(work.tech) : '',
      'reception',
      null,
      '',
    );
    if (authorised && !job.declined) jobsOut.push({ id: jobId, group: job.group, technicianId });
    for (const [k, line] of job.lines.entries()) {
      const lineId = lineIds[i]![k]!;
      const discount = line.kind === 'labor' && !job.declined ? discountBp : 0;
      const p = price(line.priceFen, line.qtyMilli, discount);
      s.line.run(
        lineId,
        roId,
        jobId,
        line.kind,
        k,
        line.operationId,
        line.code,
        line.nameZh,
        line.nameEn,
        line.qtyMilli,
        line.priceFen,
        discount,
        discount > 0 ? MEMBER_DISCOUNT : '',
        TAX_BP,
        1,
        p.grossFen,
        p.discountFen,
        p.netFen,
        p.taxFen,
        p.totalFen,
        advisor.id,
        iso(written),
        iso(written),
      );
      if (line.part !== null && line.kind === 'part' && job.payer === 'warranty' && findings && work)
        tagOldPart(w, roId, jobId, lineId, line, work.stretches[work.stretches.length - 1]![1] + 10 * MINUTE);
      if (line.part !== null)
        reserve(
          w,
          line.part,
          line.qtyMilli,
          [roId, jobId, lineId],
          written,
          job.declined || cancelled ? cancelAt : delivered ? pickup : null,
          delivered && !job.declined,
          advisor,
        );
    }
  }
  if (written <= now) version += planned.length;

  if (authorised) {
    const authId = sink.next('authorisation');
    const approvedTotal = planned.reduce((n, job, i) => n + (job.declined ? 0 : jobTotals[i]!), 0);
    s.authorisation.run(
      authId,
      roId,
      fleet.customerName[customerId - 1]!,
      'in_person',
      iso(authorisedAt),
      null,
      1,
      '',
      approvedTotal,
      advisor.id,
      iso(authorisedAt),
    );
    for (const [i, job] of planned.entries()) {
      s.authorisationJob.run(
        sink.next('authorisationJob'),
        authId,
        jobIds[i]!,
        job.concern,
        job.declined ? 'declined' : 'approved',
        jobTotals[i]!,
      );
      if (job.declined) {
        const dismissed = authorisedAt + r.int(60, 300) * DAY;
        const gone = r.chance(0.35) && dismissed <= now;
        s.declinedWork.run(
          sink.next('declinedWork'),
          vehicleId,
          roId,
          jobIds[i]!,
          job.concern,
          job.group,
          job.payer,
          jobTotals[i]!,
          iso(authorisedAt),
          gone ? 'dismissed' : 'open',
          null,
          null,
          null,
          gone ? '客户表示暂不需要' : '',
          gone ? iso(dismissed) : null,
          gone ? advisor.id : null,
        );
      }
    }
    bump(authorisedAt);
  }
  let promisedAt: string | null = null;
  if (!cancelled && authorisedAt + MINUTE <= now) {
    promisedAt = iso(promised);
    bump(authorisedAt + MINUTE);
    sink.audit(authorisedAt + MINUTE, advisor, 'repair_order', roId, roId, 'ro.promisedTimeChanged', {
      label: number,
      changes: { promisedAt: { from: null, to: promisedAt } },
    });
  }

  // The final check, the certificate, payment and handover.
  if (!cancelled && inspectedAt <= now && (status === 'ready' || delivered)) {
    for (const work of works)
      if (work)
        s.qc.run(sink.next('qc'), roId, work.jobId, staff.foreman.id, 'passed', qcAnswers(work.group), '', iso(inspectedAt));
    const categories = [...new Set(planned.filter((j) => !j.declined).map((j) => j.category))];
    if (needsCertificate(categories) && certificateAt <= now) {
      const certYear = deskYear(deskDay(certificateAt));
      s.certificate.run(
        sink.next('certificate'),
        roId,
        formatCertificateNumber(certYear, sink.number('HG', certYear)),
        staff.foreman.id,
        iso(certificateAt),
        mileageIn,
        JSON.stringify(categories),
      );
    }
  }
  if (delivered) {
    const paid = account ? closedAt : paidAt;
    if (customerOwes > 0 && paid <= now) {
      const method = account ? 'transfer' : r.pick(['wechat', 'alipay', 'card', 'card', 'cash', 'wechat']);
      s.payment.run(sink.next('payment'), roId, method, customerOwes, '', '', advisor.id, iso(paid));
      bump(paid);
      sink.audit(paid, advisor, 'payment', null, roId, 'ro.payment.recorded', {
        label: number,
        values: { method, amountFen: customerOwes, balanceFen: 0 },
      });
    }
    const mileageOut = km + r.int(0, 8);
    const collectors = CHINESE_NAMES_FOR_COLLECTION;
    s.delivery.run(
      roId,
      advisor.id,
      iso(pickup),
      `已完成：${planned
        .filter((j) => !j.declined)
        .map((j) => j.concern)
        .join('；')}。费用已逐项说明。`,
      r.pick(collectors),
      mileageOut,
    );
    bump(pickup);
    sink.audit(pickup, advisor, 'repair_order', roId, roId, 'ro.delivered', {
      label: number,
      values: { mileageOutKm: mileageOut },
    });
    w.fleet.km[v] = mileageOut;
    w.fleet.kmAt[v] = pickup;
  }

  s.repairOrder.run(
    roId,
    number,
    customerId,
    vehicleId,
    advisor.id,
    status,
    promisedAt,
    iso(opened),
    mileageIn,
    version,
    iso(opened),
    iso(updated),
  );

  detectComebacks(w, v, roId, opened, mileageIn, jobsOut, written);
  if (delivered) {
    w.lastDelivery.set(v, { roId, at: pickup, km: mileageIn ?? km, jobs: jobsOut });
    let gripe: Delivered['gripe'] = null;
    if (late && r.chance(0.12)) gripe = 'pickup';
    else if (visit.comeback && r.chance(0.4)) gripe = 'quality';
    else if (r.chance(0.012)) gripe = r.pick(['advisor', 'facility', 'quality'] as const);
    followUp(w, {
      roId,
      number,
      vehicleId,
      customerId,
      advisor,
      deliveredAt: pickup,
      technicianIds: [...technicianIds],
      gripe,
      comeback: visit.comeback,
    });
    // Some repairs do not hold: the car comes back with the same fault within the comeback window.
    const repairs = visit.repairs;
    if (repairs.length > 0 && r.chance(0.045)) {
      const backDay = deskDay(pickup) + r.int(2, 24);
      w.planner.book(w.planner.visit(v, backDay, repairs[0]));
    }
  }
  w.planner.busyUntil[v] = delivered ? pickup : cancelled ? cancelAt : now + 30 * DAY;
  if (!visit.comeback) w.planner.dueAgain(v, opened);
}

/** The odometer at `at`: the last reading plus the car's daily average since. */
function odometer(w: World, v: number, at: number): number {
  const { fleet } = w;
  const km = Math.max(fleet.km[v]! + 1, Math.round(fleet.km[v]! + ((at - fleet.kmAt[v]!) / DAY) * w.kmPerDay[v]!));
  fleet.km[v] = km;
  fleet.kmAt[v] = at;
  return km;
}

/**
 * A part line holds its part on the shelf until the car leaves; at the handover the part is issued (the ledger's
 * 'issued at delivery') and the reservation closes; a declined job's or a cancelled RO's line gives it back.
 */
function reserve(
  w: World,
  part: number,
  qty: number,
  refs: [number, number, number],
  at: number,
  closed: number | null,
  issued: boolean,
  advisor: Staffer,
): void {
  const { sink, parts, now } = w;
  const id = sink.next('reservation');
  const partId = parts.id(part);
  if (closed !== null && closed <= now) {
    sink.s.reservation.run(
      id,
      refs[2],
      partId,
      refs[0],
      refs[1],
      qty,
      0,
      0,
      issued ? qty : 0,
      null,
      'closed',
      2,
      iso(at),
      iso(closed),
    );
    if (issued) parts.move(closed, part, 'issue', qty, refs, 'issued at delivery', advisor.id);
  } else {
    sink.s.reservation.run(id, refs[2], partId, refs[0], refs[1], qty, qty, 0, 0, null, 'open', 1, iso(at), iso(at));
    parts.reserved[part]! += qty;
  }
}

/**
 * The core's comeback detection (workshop/comebacks/service): a job of this RO in the same concern group as an
 * approved job of the car's RO delivered within the window (30 desk days, 3,000 km) is linked to it. The foreman
 * has decided the older ones: most confirmed with a root cause, some not a quality issue.
 */
function detectComebacks(
  w: World,
  v: number,
  roId: number,
  opened: number,
  km: number | null,
  jobs: WrittenJob[],
  at: number,
): void {
  const last = w.lastDelivery.get(v);
  if (!last || last.roId === roId || at > w.now) return;
  const days = deskDay(opened) - deskDay(last.at);
  if (days < 0 || days > 30 || (km !== null && km - last.km > 3000)) return;
  const { sink, random: r, now } = w;
  for (const job of jobs) {
    for (const earlier of last.jobs) {
      if (earlier.group !== job.group) continue;
      const decidedAt = at + r.int(1, 10) * DAY;
      const decided = decidedAt <= now && r.chance(0.85);
      const confirmed = decided && r.chance(0.75);
      sink.s.comeback.run(
        sink.next('comeback'),
        earlier.id,
        last.roId,
        job.id,
        roId,
        job.group,
        days,
        decided ? (confirmed ? 'confirmed' : 'not_quality') : 'suspected',
        confirmed ? r.pick(['diagnosis', 'workmanship', 'workmanship', 'parts', 'customer_information']) : null,
        decided && !confirmed ? '客户新的损伤，与上次维修无关' : '',
        decided ? w.staff.foreman.id : null,
        decided ? iso(decidedAt) : null,
        iso(at),
        decided ? 2 : 1,
      );
    }
  }
}

/**
 * The failed part a warranty job took off (旧件): tagged for the old-parts shelf when the job is done, kept until the
 * OEM settles the claim, then sent back or scrapped (parts/old-parts/service).
 */
function tagOldPart(w: World, roId: number, jobId: number, lineId: number, line: PlannedLine, at: number): void {
  const { sink, now, random: r, staff } = w;
  if (at > now) return;
  const year = deskYear(deskDay(at));
  const tag = `JJ${year}-${String(sink.number('JJ', year)).padStart(6, '0')}`;
  const settled = at + r.int(20, 45) * DAY;
  const disposed = settled + r.int(10, 60) * DAY;
  const status = disposed <= now ? (r.chance(0.6) ? 'returned' : 'scrapped') : settled <= now ? 'claim_settled' : 'held';
  sink.s.oldPart.run(
    sink.next('oldPart'),
    tag,
    roId,
    jobId,
    lineId,
    w.parts.id(line.part!),
    line.code,
    line.nameZh,
    line.qtyMilli,
    settled <= now ? `SP${year}${r.digits(7)}` : '',
    `旧件架${r.int(1, 6)}-${r.int(1, 20)}`,
    status,
    settled <= now ? iso(settled) : null,
    disposed <= now ? iso(disposed) : null,
    disposed <= now ? staff.partsClerk.id : null,
    '',
    staff.partsClerk.id,
    iso(at),
    1 + (settled <= now ? 1 : 0) + (disposed <= now ? 1 : 0),
  );
}
