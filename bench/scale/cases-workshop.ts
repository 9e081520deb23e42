/**
 * The workshop's screens: the board (WorkshopBoardScreen: board + promise risks), a technician's jobs
 * (MyJobsScreen) and the comebacks list (ComebacksScreen: comebacks + the window), as the renderer sends them.
 */
import type { ReadCase } from './harness';
import { addDays, deskDayStart } from './sample';

const OPEN = "('open', 'in_progress', 'qc', 'ready')";

export function workshopCases(): ReadCase<never>[] {
  const cases: ReadCase<never>[] = [];
  const add = <I>(c: ReadCase<I>) => cases.push(c as ReadCase<never>);
  const board = (db: import('./harness').RawDb, day: string) => {
    db.all(
      `SELECT j.id, j.repair_order_id, j.technician_id, j.workshop_state, j.concern_group, r.number, r.promised_at, r.status, v.plate
         FROM repair_orders r JOIN repair_order_jobs j ON j.repair_order_id = r.id JOIN vehicles v ON v.id = r.vehicle_id
        WHERE r.status IN ${OPEN} AND j.authorization_state <> 'declined'`,
    );
    db.all(
      `SELECT technician_id, sum((julianday(coalesce(ended_at, ?)) - julianday(max(started_at, ?))) * 1440) AS minutes
         FROM job_clockings WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?) AND started_at >= ? GROUP BY technician_id`,
      new Date().toISOString(),
      deskDayStart(day),
      deskDayStart(addDays(day, 1)),
      deskDayStart(day),
      deskDayStart(addDays(day, -1)),
    );
    db.all('SELECT * FROM job_clockings WHERE ended_at IS NULL');
    db.all('SELECT * FROM technician_attendance WHERE day = ?', day);
    db.all(
      "SELECT u.id, u.display_name, s.concern_group FROM users u LEFT JOIN technician_skills s ON s.technician_id = u.id WHERE u.role = 'technician' AND u.active = 1",
    );
  };
  add<{ day?: string }>({
    name: 'workshop board opening (today)',
    group: 'screen opening',
    role: 'foreman',
    draw: () => ({}),
    api: async (client) => {
      await Promise.all([client.workshop.board({}), client.repairOrders.promiseRisks({})]);
    },
    raw: (db, d) => board(db, d.day ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)),
  });
  add<{ day: string }>({
    name: 'workshop board: a past day',
    group: 'screen opening',
    role: 'foreman',
    draw: (s) => ({ day: s.recentDay(3000) }),
    api: (client, d) => client.workshop.board({ day: d.day }),
    raw: (db, d) => board(db, d.day),
  });
  add<object>({
    name: "technician's jobs opening",
    group: 'screen opening',
    role: 'technician',
    draw: () => ({}),
    api: (client) => client.workshop.myJobs({}),
    raw: (db) => {
      const me = (db.get("SELECT id FROM users WHERE username = 'technician'") as { id: number }).id;
      db.all(
        // From the open ROs (few), not from every job the technician ever had (tens of thousands at ten years).
        `SELECT j.*, r.number, v.plate FROM repair_orders r CROSS JOIN repair_order_jobs j ON j.repair_order_id = r.id JOIN vehicles v ON v.id = r.vehicle_id
          WHERE r.status IN ${OPEN} AND +j.technician_id = ?`,
        me,
      );
      db.all('SELECT * FROM job_clockings WHERE technician_id = ? AND ended_at IS NULL', me);
    },
  });
  const comebacksRaw = (db: import('./harness').RawDb, status?: string) =>
    db.all(
      `SELECT cb.*, er.number AS earlier_number, lr.number AS later_number, v.plate, ed.delivered_at AS earlier_delivered_at
         FROM (SELECT * FROM comebacks ${status ? 'WHERE status = ?' : ''} ORDER BY detected_at DESC, id DESC LIMIT 51) cb
         CROSS JOIN repair_orders er ON er.id = cb.earlier_repair_order_id
         JOIN repair_orders lr ON lr.id = cb.later_repair_order_id
         JOIN vehicles v ON v.id = lr.vehicle_id
         LEFT JOIN repair_order_deliveries ed ON ed.repair_order_id = cb.earlier_repair_order_id
        ORDER BY cb.detected_at DESC, cb.id DESC`,
      ...(status ? [status] : []),
    );
  add<object>({
    name: 'comebacks list (default)',
    group: 'report',
    role: 'foreman',
    draw: () => ({}),
    api: async (client) => {
      await Promise.all([client.workshop.comebacks({ offset: 0, limit: 50 }), client.workshop.comebackWindow({})]);
    },
    raw: (db) => comebacksRaw(db),
  });
  for (const status of ['suspected', 'confirmed'] as const) {
    add<object>({
      name: `comebacks list: ${status}`,
      group: 'report',
      role: 'foreman',
      draw: () => ({}),
      api: (client) => client.workshop.comebacks({ offset: 0, limit: 50, status }),
      raw: (db) => comebacksRaw(db, status),
    });
  }
  return cases;
}
