/**
 * The reports: the KPI dashboard as it opens (this month, the month before, the 12-month trend, the last backup
 * line), the 24-month trend, the monthly CSI report, first-time fix over a year (each dimension), the workshop
 * dashboard as it opens, the KPI drill-down and the 三包 radar, as renderer/src/reports and warranty-risk send them.
 * Raw SQL computes the core figures of the same period in one grouped pass per source table, over the index on its
 * date (ROs opened, deliveries, surveys, comebacks, complaints).
 */
import type { RawDb, ReadCase } from './harness';
import { addDays, deskDayStart, monthDays, shiftMonth, type Sample } from './sample';

const FTF_DIMENSIONS = ['technician', 'advisor', 'operation', 'concernGroup'] as const;
const MONTH_OF = "strftime('%Y-%m', datetime(%s, '+8 hours'))";
const monthOf = (column: string) => MONTH_OF.replace('%s', column);

/** The figures of a KPI period (or of each month of a trend when `byMonth`), one grouped statement per source. */
function kpiFigures(db: RawDb, from: string, to: string, byMonth: boolean): void {
  const start = deskDayStart(from);
  const end = deskDayStart(addDays(to, 1));
  const group = (column: string) => (byMonth ? `${monthOf(column)}` : "'all'");
  db.all(
    `SELECT ${group('opened_at')} AS m, count(*) FROM repair_orders WHERE opened_at >= ? AND opened_at < ? GROUP BY m`,
    start,
    end,
  );
  db.all(
    `SELECT ${group('d.delivered_at')} AS m, count(*), sum((SELECT sum(l.total_fen) FROM repair_order_lines l WHERE l.repair_order_id = d.repair_order_id))
       FROM repair_order_deliveries d WHERE d.delivered_at >= ? AND d.delivered_at < ? GROUP BY m`,
    start,
    end,
  );
  db.all(
    `SELECT ${group('s.answered_at')} AS m, count(*), sum(s.dissatisfied),
            avg((SELECT avg(a.value_int) FROM survey_answers a WHERE a.response_id = s.id AND a.value_int IS NOT NULL))
       FROM survey_responses s WHERE s.answered_at >= ? AND s.answered_at < ? GROUP BY m`,
    start,
    end,
  );
  db.all(
    `SELECT ${group('detected_at')} AS m, count(*) FROM comebacks WHERE detected_at >= ? AND detected_at < ? GROUP BY m`,
    start,
    end,
  );
  db.all(
    `SELECT ${group('created_at')} AS m, count(*), sum(closed_at IS NOT NULL) FROM complaints WHERE created_at >= ? AND created_at < ? GROUP BY m`,
    start,
    end,
  );
  db.all("SELECT count(*) FROM complaints WHERE status NOT IN ('closed') AND created_at < ?", end);
}

function ftf(db: RawDb, from: string, to: string, by: (typeof FTF_DIMENSIONS)[number]): unknown {
  const key = {
    technician: 'j.technician_id',
    advisor: 'r.advisor_id',
    operation: 'l.operation_id',
    concernGroup: 'j.concern_group',
  }[by];
  const lines = by === 'operation' ? "JOIN repair_order_lines l ON l.job_id = j.id AND l.kind = 'labor'" : '';
  return db.all(
    `SELECT ${key} AS k, count(DISTINCT j.id) AS jobs,
            count(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM comebacks c WHERE c.earlier_job_id = j.id AND c.status <> 'not_quality') THEN j.id END) AS back
       FROM repair_order_deliveries d JOIN repair_orders r ON r.id = d.repair_order_id
       JOIN repair_order_jobs j ON j.repair_order_id = r.id AND j.authorization_state = 'approved' ${lines}
      WHERE d.delivered_at >= ? AND d.delivered_at < ? GROUP BY k`,
    deskDayStart(from),
    deskDayStart(addDays(to, 1)),
  );
}

function csi(db: RawDb, month: string): void {
  const { from, to } = monthDays(month);
  const start = deskDayStart(from);
  const end = deskDayStart(addDays(to, 1));
  db.all(
    `SELECT s.advisor_id, a.factor, count(*), avg(a.value_int) FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
      WHERE s.answered_at >= ? AND s.answered_at < ? AND a.value_int IS NOT NULL GROUP BY s.advisor_id, a.factor`,
    start,
    end,
  );
  db.all(
    `SELECT t.technician_id, count(*), avg(s.dissatisfied) FROM survey_responses s JOIN survey_response_technicians t ON t.response_id = s.id
      WHERE s.answered_at >= ? AND s.answered_at < ? GROUP BY t.technician_id`,
    start,
    end,
  );
  // The 12 months before it, for the report's trend line.
  db.all(
    `SELECT ${monthOf('s.answered_at')} AS m, count(*), avg(a.value_int) FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
      WHERE s.answered_at >= ? AND s.answered_at < ? AND a.value_int IS NOT NULL GROUP BY m`,
    deskDayStart(`${shiftMonth(month, -11)}-01`),
    end,
  );
  db.all("SELECT count(*) FROM followup_tasks WHERE kind = 'csi_call' AND created_at >= ? AND created_at < ?", start, end);
}

/** Vehicles inside their 三包 period with repeated repairs of one kind, worst first: a page of 20. */
function radar(db: RawDb, sample: { today: string }): unknown {
  return db.all(
    `SELECT r.vehicle_id, j.concern_group, count(DISTINCT r.id) AS visits
       FROM vehicles v JOIN repair_orders r ON r.vehicle_id = v.id JOIN repair_order_jobs j ON j.repair_order_id = r.id
      WHERE v.invoice_date >= ? AND j.payer = 'warranty'
      GROUP BY r.vehicle_id, j.concern_group HAVING visits >= 2 ORDER BY visits DESC LIMIT 21`,
    addDays(sample.today, -730),
  );
}

export function reportCases(): ReadCase<never>[] {
  const cases: ReadCase<never>[] = [];
  const add = <I>(c: ReadCase<I>) => cases.push(c as ReadCase<never>);
  add<{ month: string }>({
    name: 'KPI dashboard opening (this month, before, 12-month trend)',
    group: 'report',
    role: 'manager',
    draw: (s) => ({ month: s.month }),
    api: async (client, d) => {
      const period = monthDays(d.month);
      await Promise.all([
        client.reports.kpis(period),
        client.reports.kpis(monthDays(shiftMonth(d.month, -1))),
        client.reports.kpiTrend({ to: d.month, months: 12 }),
        client.backups.lastGood({}),
      ]);
    },
    raw: (db, d) => {
      const { from, to } = monthDays(d.month);
      kpiFigures(db, from, to, false);
      const before = monthDays(shiftMonth(d.month, -1));
      kpiFigures(db, before.from, before.to, false);
      kpiFigures(db, monthDays(shiftMonth(d.month, -11)).from, to, true);
    },
  });
  add<{ month: string }>({
    name: 'KPI trend, 24 months',
    group: 'report',
    role: 'manager',
    draw: (s) => ({ month: s.recentMonth(12) }),
    api: (client, d) => client.reports.kpiTrend({ to: d.month, months: 24 }),
    raw: (db, d) => kpiFigures(db, monthDays(shiftMonth(d.month, -23)).from, monthDays(d.month).to, true),
  });
  add<{ month: string }>({
    name: 'KPIs of a past month',
    group: 'report',
    role: 'manager',
    draw: (s) => ({ month: s.pastMonth(120) }),
    api: (client, d) => client.reports.kpis(monthDays(d.month)),
    raw: (db, d) => kpiFigures(db, monthDays(d.month).from, monthDays(d.month).to, false),
  });
  add<{ month: string }>({
    name: 'KPI drill-down (on-time delivery, a month)',
    group: 'report',
    role: 'manager',
    draw: (s) => ({ month: s.pastMonth(24) }),
    api: (client, d) => client.reports.kpiDrillDown({ ...monthDays(d.month), kpi: 'onTimeDelivery', offset: 0, limit: 20 }),
    raw: (db, d) => ftf(db, monthDays(d.month).from, monthDays(d.month).to, 'advisor'),
  });
  add<{ month: string }>({
    name: 'monthly CSI report (+ dealer)',
    group: 'report',
    role: 'manager',
    draw: (s) => ({ month: s.pastMonth(24) }),
    api: async (client, d) => {
      await Promise.all([client.reports.monthlyCsi({ month: d.month }), client.settings.dealer({})]);
    },
    raw: (db, d) => csi(db, d.month),
  });
  for (const by of FTF_DIMENSIONS) {
    add<{ from: string; to: string }>({
      name: `first-time fix over a year, by ${by}`,
      group: 'report',
      role: 'foreman',
      draw: (s) => ({ from: addDays(s.today, -364), to: s.today }),
      api: (client, d) => client.reports.firstTimeFix({ ...d, by }),
      raw: (db, d) => ftf(db, d.from, d.to, by),
    });
  }
  add<{ from: string; to: string }>({
    name: 'workshop dashboard opening (30 days: FTF + efficiency)',
    group: 'report',
    role: 'foreman',
    draw: (s) => ({ from: addDays(s.today, -29), to: s.today }),
    api: async (client, d) => {
      await Promise.all([client.reports.firstTimeFix({ ...d, by: 'technician' }), client.reports.efficiency(d)]);
    },
    raw: (db, d) => {
      ftf(db, d.from, d.to, 'technician');
      db.all(
        `SELECT technician_id, sum((julianday(coalesce(ended_at, started_at)) - julianday(started_at)) * 24) FROM job_clockings
          WHERE started_at >= ? AND started_at < ? GROUP BY technician_id`,
        deskDayStart(d.from),
        deskDayStart(addDays(d.to, 1)),
      );
      db.all(
        'SELECT technician_id, sum(attended_milli) FROM technician_attendance WHERE day >= ? AND day <= ? GROUP BY technician_id',
        d.from,
        d.to,
      );
    },
  });
  for (const reachedOnly of [false, true]) {
    add<{ today: string }>({
      name: `三包 radar${reachedOnly ? ' (reached only)' : ''}`,
      group: 'report',
      role: 'manager',
      draw: (s: Sample) => ({ today: s.today }),
      api: (client) => client.warrantyRisk.radar({ offset: 0, limit: 20, reachedOnly }),
      raw: (db, d) => radar(db, d),
    });
  }
  return cases;
}
