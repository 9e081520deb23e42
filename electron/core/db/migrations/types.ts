import type { Kysely } from 'kysely';

/** One step of the schema. Append-only: a landed migration is never edited, only followed by a new one. */
export interface Migration {
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}
