import { sql } from 'kysely';
import { type Sql, deskDay } from './sql';

// Part of migration 0025 (../0025-create-report-summaries.ts), frozen once landed.

// ---- comeback links: what the first-time-fix figures read of a link, the window applied when they are read ----

const LINK_COLUMNS = sql`comeback_id, earlier_repair_order_id, later_repair_order_id, earlier_job_id, earlier_day, later_day,
  counting, earlier_approved, days_after, km_after`;

/** Recomputes the link rows of the comebacks `where` selects (comebacks c), as workshop/comebacks/repository counts a link. */
export function upsertLinks(where: Sql): Sql {
  return sql`INSERT INTO report_comeback_links (${LINK_COLUMNS})
    SELECT c.id, c.earlier_repair_order_id, c.later_repair_order_id, c.earlier_job_id,
      ${deskDay(sql`ed.delivered_at`)}, ${deskDay(sql`ld.delivered_at`)},
      c.status <> 'not_quality' AND lr.status <> 'cancelled', ej.authorization_state = 'approved',
      c.days_after, lr.mileage_in_km - er.mileage_in_km
    FROM comebacks c
    JOIN repair_orders er ON er.id = c.earlier_repair_order_id
    JOIN repair_orders lr ON lr.id = c.later_repair_order_id
    JOIN repair_order_jobs ej ON ej.id = c.earlier_job_id
    LEFT JOIN repair_order_deliveries ed ON ed.repair_order_id = c.earlier_repair_order_id
    LEFT JOIN repair_order_deliveries ld ON ld.repair_order_id = c.later_repair_order_id
    WHERE ${where}
    ON CONFLICT (comeback_id) DO UPDATE SET earlier_repair_order_id = excluded.earlier_repair_order_id,
      later_repair_order_id = excluded.later_repair_order_id, earlier_job_id = excluded.earlier_job_id,
      earlier_day = excluded.earlier_day, later_day = excluded.later_day, counting = excluded.counting,
      earlier_approved = excluded.earlier_approved, days_after = excluded.days_after, km_after = excluded.km_after`;
}
