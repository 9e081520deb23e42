import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import type { SurveyTemplateDto } from '../../../shared/contract/followup/surveys';
import { CONCERN_GROUPS, type ConcernGroup } from '../../../shared/domain/concern-groups';
import type { Client, Flow, RawDb } from '../harness';
import { addDays, deskDayStart, type Sample } from '../sample';

/** What every step group of the service day (../cases-writes.ts) shares: its state, the ids and small helpers. */

/** Groups a car comes back for: the comeback detection looks for an earlier job of the same group. */
export const GROUPS: readonly ConcernGroup[] = CONCERN_GROUPS;

export interface Ids {
  advisor: number;
  technician: number;
  foreman: number;
  agent: number;
}

export interface DayState {
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

let template: SurveyTemplateDto | null = null;

/** A free reception slot (09:00-16:30 on the half hour) on a day a few months ahead. */
export function slot(s: Sample): string {
  const day = addDays(s.today, s.random.int(30, 900));
  const minutes = 9 * 60 + 30 * s.random.int(0, 15);
  return new Date(Date.parse(deskDayStart(day)) + minutes * 60_000).toISOString();
}

export function promised(): string {
  return new Date(Date.now() + 2 * 86_400_000).toISOString();
}

export const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`${what} missing (an earlier step failed)`);
  return value;
};

export async function surveyTemplate(client: Client): Promise<SurveyTemplateDto> {
  return (template ??= await client.followup.surveyTemplate({}));
}

export function answers(t: SurveyTemplateDto): { questionId: number; value: number | boolean | null }[] {
  return t.questions.map((q) => ({
    questionId: q.id,
    value: q.scale === 'yes_no' ? true : q.scale === 'text' ? null : 9,
  }));
}

export const roOf = (state: DayState) => need(state.ro, 'RO');
export const now = () => new Date().toISOString();

export function customerFields(n: number) {
  const number = `137${String((process.pid * 1000 + n) % 100_000_000).padStart(8, '0')}`;
  return { kind: 'person' as const, name: `测试客户${n}`, phones: [{ number, label: 'mobile' as const }] };
}

export function transition(to: 'in_progress' | 'qc' | 'ready', ids: Ids): Flow<DayState>['steps'][number] {
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
