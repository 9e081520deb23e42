import { sql } from 'kysely';

/**
 * An RO's total as the customer owes it, for a list of ROs (`ro` is the alias of repair_orders in the query): the sum
 * of its lines, declined jobs not counted (as loadRepairOrder's totals), over the lines' (repair_order_id, ...) index
 * for the listed ROs only. One definition for the RO grid, a vehicle's history and a customer's visits.
 */
export function owedTotalFen(ro = 'r') {
  return sql<number>`(select coalesce(sum(l.total_fen), 0) from repair_order_lines l
    join repair_order_jobs lj on lj.id = l.job_id
    where l.repair_order_id = ${sql.ref(`${ro}.id`)} and lj.authorization_state != 'declined')`.as('total_fen');
}
