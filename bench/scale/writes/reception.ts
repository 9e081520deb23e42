import type { Flow } from '../harness';
import { type Ids, type DayState, promised, need, roOf, now } from './common';

/** The service day at reception: booked, the RO opened, its jobs and lines priced, the promised time. */
export function receptionSteps(ids: Ids): Flow<DayState>['steps'] {
  return [
    {
      name: 'appointment booking',
      role: 'advisor',
      api: async (client, st) => {
        await client.appointments.book({
          vehicleId: st.vehicleId,
          advisorId: st.advisorId,
          startsAt: st.startsAt,
          reason: 'maintenance',
          concerns: ['保养'],
          estimatedHoursMilli: 1000,
          note: '',
        });
      },
      raw: (db, st) => {
        db.get(
          "SELECT count(*) FROM appointments WHERE advisor_id = ? AND starts_at = ? AND status NOT IN ('cancelled', 'no_show')",
          st.advisorId,
          st.startsAt,
        );
        db.get(
          "SELECT sum(estimated_hours_milli) FROM appointments WHERE starts_at >= ? AND starts_at < ? AND status NOT IN ('cancelled', 'no_show')",
          st.startsAt.slice(0, 10),
          `${st.startsAt.slice(0, 10)}~`,
        );
        db.run(
          `INSERT INTO appointments (customer_id, vehicle_id, advisor_id, starts_at, reason, concerns, estimated_hours_milli, status, created_by, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'maintenance', '["保养"]', 1000, 'booked', ?, ?, ?)`,
          st.customerId,
          st.vehicleId,
          st.advisorId,
          st.startsAt,
          ids.advisor,
          now(),
          now(),
        );
      },
    },
    {
      name: 'create RO',
      role: 'advisor',
      api: async (client, st) => {
        st.ro = await client.repairOrders.create({ vehicleId: st.vehicleId, concerns: ['客户反映异响'] });
      },
      raw: (db, st) => {
        const year = new Date().getUTCFullYear();
        db.run(
          'INSERT INTO repair_order_sequences (year, last_number) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1',
          year,
        );
        const at = now();
        const ro = db.run(
          `INSERT INTO repair_orders (number, customer_id, vehicle_id, advisor_id, status, opened_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'open', ?, ?, ?)`,
          `RAW${process.pid}-${st.seq}-${Date.now()}`,
          st.customerId,
          st.vehicleId,
          ids.advisor,
          at,
          at,
          at,
        );
        st.roId = Number(ro.lastInsertRowid);
        const job = db.run(
          `INSERT INTO repair_order_jobs (repair_order_id, position, concern, concern_group, payer, created_at, updated_at)
             VALUES (?, 1, '客户反映异响', 'other', 'customer', ?, ?)`,
          st.roId,
          at,
          at,
        );
        st.jobIds.push(Number(job.lastInsertRowid));
        db.run(
          "INSERT INTO repair_order_status_history (repair_order_id, from_status, to_status, changed_by, changed_at) VALUES (?, NULL, 'open', ?, ?)",
          st.roId,
          ids.advisor,
          at,
        );
        db.run(
          "INSERT INTO audit_log (at, user_id, user_name, role, entity, entity_id, repair_order_id, action, details) VALUES (?, ?, 'advisor', 'advisor', 'repair_order', ?, ?, 'ro.created', '{}')",
          at,
          ids.advisor,
          st.roId,
          st.roId,
        );
      },
    },
    {
      name: 'add job (comeback detection)',
      role: 'advisor',
      api: async (client, st) => {
        const ro = roOf(st);
        st.ro = await client.repairOrders.addJob({
          id: ro.id,
          version: ro.version,
          concern: '刹车异响',
          concernGroup: st.group,
          payer: 'customer',
        });
      },
      raw: (db, st) => {
        // The same car's jobs of the same group delivered in the comeback window: one index walk by vehicle.
        db.all(
          `SELECT j.id, d.delivered_at FROM repair_orders r JOIN repair_order_jobs j ON j.repair_order_id = r.id
               JOIN repair_order_deliveries d ON d.repair_order_id = r.id
              WHERE r.vehicle_id = ? AND j.concern_group = ? AND d.delivered_at >= ?`,
          st.vehicleId,
          st.group,
          new Date(Date.now() - 90 * 86_400_000).toISOString(),
        );
        const at = now();
        const job = db.run(
          `INSERT INTO repair_order_jobs (repair_order_id, position, concern, concern_group, payer, created_at, updated_at)
             VALUES (?, 2, '刹车异响', ?, 'customer', ?, ?)`,
          need(st.roId, 'RO'),
          st.group,
          at,
          at,
        );
        st.jobIds.push(Number(job.lastInsertRowid));
        db.run('UPDATE repair_orders SET version = version + 1, updated_at = ? WHERE id = ?', at, st.roId);
      },
    },
    {
      name: 'update job (group, category)',
      role: 'advisor',
      api: async (client, st) => {
        const ro = roOf(st);
        st.ro = await client.repairOrders.updateJob({
          id: ro.id,
          version: ro.version,
          jobId: ro.jobs[0]!.id,
          concernGroup: st.group,
          workCategory: 'level1_minor_special',
        });
      },
      raw: (db, st) => {
        db.run(
          "UPDATE repair_order_jobs SET concern_group = ?, work_category = 'level1_minor_special', updated_at = ? WHERE id = ?",
          st.group,
          now(),
          st.jobIds[0],
        );
        db.run('UPDATE repair_orders SET version = version + 1, updated_at = ? WHERE id = ?', now(), st.roId);
      },
    },
    {
      name: 'add labor line',
      role: 'advisor',
      api: async (client, st) => {
        const ro = roOf(st);
        st.ro = await client.repairOrders.addLaborLine({
          id: ro.id,
          version: ro.version,
          jobId: ro.jobs[0]!.id,
          operationId: st.operationId,
        });
      },
      raw: (db, st) => {
        const op = db.get('SELECT * FROM labor_operations WHERE id = ?', st.operationId) as {
          code: string;
          name_zh: string;
          name_en: string;
          flat_rate_hours_milli: number;
          labor_rate_fen: number;
        };
        const total = Math.round((op.flat_rate_hours_milli * op.labor_rate_fen) / 1000);
        const line = db.run(
          `INSERT INTO repair_order_lines (repair_order_id, job_id, kind, position, operation_id, code, name_zh, name_en, qty_milli, unit_price_fen,
               tax_rate_bp, tax_included, gross_fen, discount_fen, net_fen, tax_fen, total_fen, created_by, created_at, updated_at)
             VALUES (?, ?, 'labor', 1, ?, ?, ?, ?, ?, ?, 600, 1, ?, 0, ?, ?, ?, ?, ?, ?)`,
          st.roId,
          st.jobIds[0],
          st.operationId,
          op.code,
          op.name_zh,
          op.name_en,
          op.flat_rate_hours_milli,
          op.labor_rate_fen,
          total,
          total,
          Math.round((total * 600) / 10_600),
          total,
          ids.advisor,
          now(),
          now(),
        );
        st.lineIds.push(Number(line.lastInsertRowid));
        db.run('UPDATE repair_orders SET version = version + 1, updated_at = ? WHERE id = ?', now(), st.roId);
      },
    },
    {
      name: 'add part line (reservation)',
      role: 'advisor',
      api: async (client, st) => {
        const ro = roOf(st);
        st.ro = await client.repairOrders.addPartLine({
          id: ro.id,
          version: ro.version,
          jobId: ro.jobs[0]!.id,
          partNumber: st.partNumber,
          qtyMilli: 1000,
        });
      },
      raw: (db, st) => {
        const part = db.get('SELECT * FROM parts WHERE part_number = ?', st.partNumber) as {
          id: number;
          name_zh: string;
          list_price_fen: number;
          on_hand_milli: number;
        };
        const held = db.get(
          "SELECT coalesce(sum(reserved_milli), 0) AS n FROM part_reservations WHERE part_id = ? AND status = 'open'",
          part.id,
        ) as { n: number };
        const reserve = Math.max(0, Math.min(1000, part.on_hand_milli - held.n));
        const line = db.run(
          `INSERT INTO repair_order_lines (repair_order_id, job_id, kind, position, code, name_zh, qty_milli, unit_price_fen,
               tax_rate_bp, tax_included, gross_fen, discount_fen, net_fen, tax_fen, total_fen, created_by, created_at, updated_at)
             VALUES (?, ?, 'part', 2, ?, ?, 1000, ?, 1300, 1, ?, 0, ?, ?, ?, ?, ?, ?)`,
          st.roId,
          st.jobIds[0],
          st.partNumber,
          part.name_zh,
          part.list_price_fen,
          part.list_price_fen,
          part.list_price_fen,
          Math.round((part.list_price_fen * 1300) / 11_300),
          part.list_price_fen,
          ids.advisor,
          now(),
          now(),
        );
        const lineId = Number(line.lastInsertRowid);
        st.lineIds.push(lineId);
        db.run(
          `INSERT INTO part_reservations (line_id, part_id, repair_order_id, job_id, qty_milli, reserved_milli, to_order_milli, created_at, updated_at)
             VALUES (?, ?, ?, ?, 1000, ?, ?, ?, ?)`,
          lineId,
          part.id,
          st.roId,
          st.jobIds[0],
          reserve,
          1000 - reserve,
          now(),
          now(),
        );
        db.run('UPDATE repair_orders SET version = version + 1, updated_at = ? WHERE id = ?', now(), st.roId);
      },
    },
    {
      name: 'set promised time',
      role: 'advisor',
      api: async (client, st) => {
        const ro = roOf(st);
        st.ro = await client.repairOrders.setPromisedTime({ id: ro.id, version: ro.version, promisedAt: promised() });
      },
      raw: (db, st) => {
        db.run(
          'UPDATE repair_orders SET promised_at = ?, version = version + 1, updated_at = ? WHERE id = ?',
          promised(),
          now(),
          st.roId,
        );
      },
    },
  ];
}
