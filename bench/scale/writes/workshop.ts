import type { Flow } from '../harness';
import { type Ids, type DayState, transition, roOf, now } from './common';

/** The service day in the workshop: approved, dispatched, clocked, inspected, ready. */
export function workshopSteps(ids: Ids): Flow<DayState>['steps'] {
  return [
    {
      name: 'authorise (customer approves)',
      role: 'advisor',
      api: async (client, st) => {
        const ro = roOf(st);
        st.ro = await client.repairOrders.authorise({
          id: ro.id,
          version: ro.version,
          customerName: ro.customer.name,
          channel: 'phone',
          // The first job approved, the one added later declined (it goes to the car's declined work).
          decisions: ro.jobs.map((job, index) => ({
            jobId: job.id,
            decision: index === 0 ? ('approved' as const) : ('declined' as const),
          })),
        });
      },
      raw: (db, st) => {
        const auth = db.run(
          `INSERT INTO repair_order_authorisations (repair_order_id, customer_name, channel, authorised_at, approved_total_fen, recorded_by, recorded_at)
             VALUES (?, '车主', 'phone', ?, 0, ?, ?)`,
          st.roId,
          now(),
          ids.advisor,
          now(),
        );
        for (const [index, jobId] of st.jobIds.entries()) {
          const decision = index === 0 ? 'approved' : 'declined';
          db.run(
            "INSERT INTO repair_order_authorisation_jobs (authorisation_id, job_id, concern, decision, job_total_fen) VALUES (?, ?, '', ?, 0)",
            auth.lastInsertRowid,
            jobId,
            decision,
          );
          db.run('UPDATE repair_order_jobs SET authorization_state = ? WHERE id = ?', decision, jobId);
        }
        db.run('UPDATE repair_orders SET version = version + 1, updated_at = ? WHERE id = ?', now(), st.roId);
      },
    },
    {
      name: 'dispatch job (foreman)',
      role: 'foreman',
      api: async (client, st) => {
        const ro = roOf(st);
        await client.workshop.assign({ jobId: ro.jobs[0]!.id, technicianId: ids.technician, overrideSkills: true });
      },
      raw: (db, st) => {
        db.run(
          "UPDATE repair_order_jobs SET technician_id = ?, workshop_state = 'assigned' WHERE id = ?",
          ids.technician,
          st.jobIds[0],
        );
      },
    },
    transition('in_progress', ids),
    {
      name: 'clock on (technician)',
      role: 'technician',
      api: async (client, st) => {
        await client.workshop.clockOn({ jobId: roOf(st).jobs[0]!.id });
      },
      raw: (db, st) => {
        const c = db.run(
          'INSERT INTO job_clockings (repair_order_id, job_id, technician_id, started_at, created_at) VALUES (?, ?, ?, ?, ?)',
          st.roId,
          st.jobIds[0],
          ids.foreman,
          now(),
          now(),
        );
        st.clockingId = Number(c.lastInsertRowid);
        db.run("UPDATE repair_order_jobs SET workshop_state = 'working' WHERE id = ?", st.jobIds[0]);
      },
    },
    {
      name: 'clock off, finished (technician)',
      role: 'technician',
      api: async (client, st) => {
        await client.workshop.clockOff({ jobId: roOf(st).jobs[0]!.id, finished: true });
      },
      raw: (db, st) => {
        db.run('UPDATE job_clockings SET ended_at = ? WHERE id = ?', now(), st.clockingId);
        db.run("UPDATE repair_order_jobs SET workshop_state = 'done' WHERE id = ?", st.jobIds[0]);
      },
    },
    transition('qc', ids),
    {
      name: 'QC checklist (opening the form)',
      role: 'foreman',
      api: async (client, st) => {
        const ro = roOf(st);
        st.checklist = (await client.workshop.qcChecklist({ jobId: ro.jobs[0]!.id })).items;
      },
      raw: (db, st) => {
        db.all('SELECT id, concern_group FROM repair_order_jobs WHERE repair_order_id = ?', st.roId);
      },
    },
    {
      name: 'quality check passed',
      role: 'foreman',
      api: async (client, st) => {
        await client.workshop.recordQc({
          jobId: roOf(st).jobs[0]!.id,
          result: 'passed',
          answers: Object.fromEntries((st.checklist ?? []).map((item) => [item, 'ok' as const])),
        });
      },
      raw: (db, st) => {
        db.run(
          "INSERT INTO qc_inspections (repair_order_id, job_id, inspector_id, result, answers, inspected_at) VALUES (?, ?, ?, 'passed', '{}', ?)",
          st.roId,
          st.jobIds[0],
          ids.foreman,
          now(),
        );
      },
    },
    transition('ready', ids),
  ];
}
