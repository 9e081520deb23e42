import { pinyinKeys } from '../../../shared/domain/pinyin-keys';
import type { Flow } from '../harness';
import { type Ids, type DayState, need, surveyTemplate, answers, customerFields, roOf, now } from './common';

/** The service day after the workshop: paid, delivered, the survey, a complaint; and a customer created and updated. */
export function handoverSteps(ids: Ids): Flow<DayState>['steps'] {
  return [
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
        // The name's pinyin keys, as the service writes them with the file.
        for (const key of pinyinKeys(fields.name, fields.kind)) {
          db.run('INSERT INTO customer_pinyin (customer_id, key) VALUES (?, ?)', st.newCustomerId, key);
        }
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
  ];
}
