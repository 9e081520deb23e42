import { sql, type RawBuilder } from 'kysely';

// Part of migration 0025 (../0025-create-report-summaries.ts), frozen once landed: the fragments every part builds on.

export type Sql = RawBuilder<unknown>;

/** The desk day of a stored UTC instant. */
export const deskDay = (instant: Sql): Sql => sql`date(${instant}, '+8 hours')`;
export const ONE = sql`1`;
export const MINUS_ONE = sql`-1`;

/** A trigger body: the statements, each ended by a semicolon. */
export const body = (statements: Sql[]): Sql =>
  sql.join(
    statements.map((s) => sql`${s};`),
    sql`\n`,
  );

export const changed = (columns: string[]) =>
  sql.join(
    columns.map((c) => sql`OLD.${sql.ref(c)} IS NOT NEW.${sql.ref(c)}`),
    sql` OR `,
  );
