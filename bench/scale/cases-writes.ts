/**
 * The writes of a service day, as one chain per iteration: an appointment booked, an RO opened for a car drawn from
 * the file, a second job added (the comeback detection runs inside that write), findings and category set, a labor
 * line from the catalogue, a part line that reserves stock, a promised time, the customer's approval, the job
 * dispatched, started, clocked on and off, inspected, ready, paid and delivered, then the survey and a complaint;
 * and a customer created and updated. Every call is what the screen sends (RepairOrderPage, JobCard, LineForms,
 * QualitySection, SettlementSection, MyJobsScreen, FollowupCallScreen, NewComplaintScreen, CustomerForm,
 * BookingForm). Raw steps write the equivalent rows with prepared statements, one transaction each, on the bench's
 * copy of the file (committed, so they pay the same fsync as the API's commits).
 */
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import type { SurveyTemplateDto } from '../../shared/contract/followup/surveys';
import { CONCERN_GROUPS, type ConcernGroup } from '../../shared/domain/concern-groups';
import type { Client, Flow, RawDb } from './harness';
import { addDays, deskDayStart, type Sample } from './sample';

/** Groups a car comes back for: the comeback detection looks for an earlier job of the same group. */
const GROUPS: readonly ConcernGroup[] = CONCERN_GROUPS;

interface Ids {
  advisor: number;
  technician: number;
  foreman: number;
  agent: number;
}

interface DayState {
  vehicleId: number;
  customerId: number;
  advisorId: number;
  startsAt: string;
  group: ConcernGroup;
  operationId: number;
  partNumber: string;
  partId: number;
  seq: number;
  /** API side. */
  ro?: RepairOrderDetail;
  /** Raw side. */
  roId?: number;
  jobIds: number[];
  lineIds: number[];
  clockingId?: number;
  checklist?: string[];
  customerVersion?: number;
  newCustomerId?: number;
}

let seq = 0;
let template: SurveyTemplateDto | null = null;

/** A free reception slot (09:00-16:30 on the half hour) on a day a few months ahead. */
function slot(s: Sample): string {
  const day = addDays(s.today, s.random.int(30, 900));
  const minutes = 9 * 60 + 30 * s.random.int(0, 15);
  return new Date(Date.parse(deskDayStart(day)) + minutes * 60_000).toISOString();
}

function promised(): string {
  return new Date(Date.now() + 2 * 86_400_000).toISOString();
}

const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`${what} missing (an earlier step failed)`);
  return value;
};

async function surveyTemplate(client: Client): Promise<SurveyTemplateDto> {
  return (template ??= await client.followup.surveyTemplate({}));
}

function answers(t: SurveyTemplateDto): { questionId: number; value: number | boolean | null }[] {
  return t.questions.map((q) => ({
    questionId: q.id,
    value: q.scale === 'yes_no' ? true : q.scale === 'text' ? null : 9,
  }));
}

export function serviceDay(ids: Ids): Flow<DayState> {
  const roOf = (state: DayState) => need(state.ro, 'RO');
  const now = () => new Date().toISOString();
  return {
    name: 'service day',
    async setup(clients) {
      // The demo technician may be clocked on to a job of the history: a technician clocks on to one job at a time.
      const { running } = await clients('technician').workshop.myJobs({});
      if (running) await clients('technician').workshop.clockOff({ jobId: running.jobId, finished: false });
    },
    begin(s) {
      const vehicle = s.ownedVehicle();
      const part = s.part('t.active = 1 AND t.on_hand_milli > 0 AND t.superseded_by_id IS NULL');
      seq += 1;
      return {
        vehicleId: vehicle.id,
        customerId: vehicle.customer_id,
        advisorId: s.advisorId(),
        startsAt: slot(s),
        group: s.random.pick(GROUPS),
        operationId: s.operationId(),
        partNumber: part.part_number,
        partId: part.id,
        seq,
        jobIds: [],
        lineIds: [],
      };
    },
    steps: [
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
      {
        name: 'record payment',
        role: 'advisor',
        api: async (client, st) => {
          const ro = roOf(st);
          const owed = ro.totals.byPayer.customer.totalFen;
          if (owed > 0)
            st.ro = await client.repairOrders.recordPayment({
              id: ro.id,
              version: ro.version,
              method: 'wechat',
              amountFen: owed,
              reference: '',
              note: '',
            });
        },
        raw: (db, st) => {
          const owed = db.get('SELECT sum(total_fen) AS n FROM repair_order_lines WHERE repair_order_id = ?', st.roId) as {
            n: number;
          };
          db.run(
            "INSERT INTO repair_order_payments (repair_order_id, method, amount_fen, received_by, received_at) VALUES (?, 'wechat', ?, ?, ?)",
            st.roId,
            owed.n ?? 0,
            ids.advisor,
            now(),
          );
          db.run('UPDATE repair_orders SET version = version + 1, updated_at = ? WHERE id = ?', now(), st.roId);
        },
      },
      {
        name: 'deliver',
        role: 'advisor',
        api: async (client, st) => {
          const ro = roOf(st);
          st.ro = await client.repairOrders.deliver({
            id: ro.id,
            version: ro.version,
            explanation: '已说明',
            collectedBy: '车主',
          });
        },
        raw: (db, st) => {
          db.run(
            "INSERT INTO repair_order_deliveries (repair_order_id, delivered_by, delivered_at, explanation, collected_by) VALUES (?, ?, ?, '已说明', '车主')",
            st.roId,
            ids.advisor,
            now(),
          );
          for (const to of ['delivered', 'closed']) {
            db.run('UPDATE repair_orders SET status = ?, version = version + 1, updated_at = ? WHERE id = ?', to, now(), st.roId);
            db.run(
              'INSERT INTO repair_order_status_history (repair_order_id, from_status, to_status, changed_by, changed_at) VALUES (?, NULL, ?, ?, ?)',
              st.roId,
              to,
              ids.advisor,
              now(),
            );
          }
        },
      },
      {
        name: 'survey save (CSI call)',
        role: 'csi_agent',
        api: async (client, st) => {
          const t = await surveyTemplate(client);
          await client.followup.recordSurvey({ repairOrderId: roOf(st).id, answers: answers(t) });
        },
        raw: (db, st) => {
          const t = db.get('SELECT id FROM survey_templates ORDER BY version DESC LIMIT 1') as { id: number };
          const r = db.run(
            'INSERT INTO survey_responses (repair_order_id, template_id, customer_id, advisor_id, agent_id, answered_at) VALUES (?, ?, ?, ?, ?, ?)',
            st.roId,
            t.id,
            st.customerId,
            ids.advisor,
            ids.agent,
            now(),
          );
          for (const q of db.all('SELECT id, scale, factor FROM survey_questions WHERE template_id = ?', t.id) as {
            id: number;
            scale: string;
            factor: string | null;
          }[]) {
            db.run(
              'INSERT INTO survey_answers (response_id, question_id, scale, factor, value_int) VALUES (?, ?, ?, ?, 9)',
              r.lastInsertRowid,
              q.id,
              q.scale,
              q.factor,
            );
          }
        },
      },
      {
        name: 'complaint create',
        role: 'csi_agent',
        api: async (client, st) => {
          const ro = roOf(st);
          await client.complaints.create({
            source: 'phone',
            customerId: ro.customer.id,
            repairOrderId: ro.id,
            level: 'ordinary',
            againstDepartment: 'service',
            customerSays: '等待时间太长',
            customerWants: '',
          });
        },
        raw: (db, st) => {
          const at = now();
          db.run(
            `INSERT INTO complaints (number, source, customer_id, vehicle_id, repair_order_id, level, against_department, customer_says, status, next_step,
               created_by, created_at, response_due_at, updated_at)
             VALUES (?, 'phone', ?, ?, ?, 'ordinary', 'service', '等待时间太长', 'open', 'step2', ?, ?, ?, ?)`,
            `RAWC${process.pid}-${st.seq}-${Date.now()}`,
            st.customerId,
            st.vehicleId,
            st.roId,
            ids.agent,
            at,
            at,
            at,
          );
        },
      },
      {
        name: 'customer create',
        role: 'advisor',
        api: async (client, st) => {
          const created = await client.customers.create(customerFields(st.seq));
          st.newCustomerId = created.id;
          st.customerVersion = created.version;
        },
        raw: (db, st) => {
          const fields = customerFields(st.seq);
          const c = db.run(
            "INSERT INTO customers (kind, name, name_key, preferred_contact, created_at, updated_at) VALUES ('person', ?, ?, 'phone', ?, ?)",
            fields.name,
            fields.name.toLowerCase(),
            now(),
            now(),
          );
          st.newCustomerId = Number(c.lastInsertRowid);
          const number = fields.phones[0]!.number;
          db.run(
            "INSERT INTO customer_phones (customer_id, number, number_rev, label, position) VALUES (?, ?, ?, 'mobile', 0)",
            st.newCustomerId,
            number,
            [...number].reverse().join(''),
          );
        },
      },
      {
        name: 'customer update',
        role: 'advisor',
        api: async (client, st) => {
          await client.customers.update({
            ...customerFields(st.seq),
            address: '北京市朝阳区',
            id: need(st.newCustomerId, 'customer'),
            version: need(st.customerVersion, 'version'),
          });
        },
        raw: (db, st) => {
          db.run(
            "UPDATE customers SET address = '北京市朝阳区', version = version + 1, updated_at = ? WHERE id = ?",
            now(),
            st.newCustomerId,
          );
          db.run('DELETE FROM customer_phones WHERE customer_id = ?', st.newCustomerId);
          const number = customerFields(st.seq).phones[0]!.number;
          db.run(
            "INSERT INTO customer_phones (customer_id, number, number_rev, label, position) VALUES (?, ?, ?, 'mobile', 0)",
            st.newCustomerId,
            number,
            [...number].reverse().join(''),
          );
        },
      },
    ],
  };
}

function customerFields(n: number) {
  const number = `137${String((process.pid * 1000 + n) % 100_000_000).padStart(8, '0')}`;
  return { kind: 'person' as const, name: `测试客户${n}`, phones: [{ number, label: 'mobile' as const }] };
}

function transition(to: 'in_progress' | 'qc' | 'ready', ids: Ids): Flow<DayState>['steps'][number] {
  return {
    name: `status to ${to}`,
    role: 'advisor',
    api: async (client, st) => {
      const ro = need(st.ro, 'RO');
      st.ro = await client.repairOrders.transition({ id: ro.id, version: ro.version, to, note: '' });
    },
    raw: (db: RawDb, st) => {
      db.run(
        'UPDATE repair_orders SET status = ?, version = version + 1, updated_at = ? WHERE id = ?',
        to,
        new Date().toISOString(),
        st.roId,
      );
      db.run(
        'INSERT INTO repair_order_status_history (repair_order_id, from_status, to_status, changed_by, changed_at) VALUES (?, NULL, ?, ?, ?)',
        st.roId,
        to,
        ids.advisor,
        new Date().toISOString(),
      );
    },
  };
}
