import type { Selectable } from 'kysely';
import { normalisePartNumber } from '../../../shared/domain/part-number';
import type { Db } from '../db/connection';
import type { PartsTable } from '../db/schema';

/** Longer chains than this are a data error, not a catalogue: an OEM supersedes a number a handful of times. */
export const MAX_SUPERSESSION_HOPS = 20;

export interface CurrentPart {
  /** The part the number typed names (may be superseded). */
  requested: Selectable<PartsTable>;
  /** The part to use now: the end of the supersession chain (the requested one when it is not superseded). */
  current: Selectable<PartsTable>;
  /** Part numbers from the requested to the current, both included. */
  chain: string[];
}

/**
 * Finds a part by any spelling of its number and follows supersession (old number → new number) to the part to use
 * now. Undefined when the number is not in the master. A loop cannot be stored (setting one is refused), but a chain
 * is still cut at MAX_SUPERSESSION_HOPS so a damaged file can never hang a desk.
 */
export async function findCurrentPart(db: Db, rawNumber: string): Promise<CurrentPart | undefined> {
  const requested = await db
    .selectFrom('parts')
    .selectAll()
    .where('part_number', '=', normalisePartNumber(rawNumber))
    .executeTakeFirst();
  if (!requested) return undefined;
  let current = requested;
  const chain = [requested.part_number];
  for (let hop = 0; current.superseded_by_id !== null && hop < MAX_SUPERSESSION_HOPS; hop += 1) {
    const next = await db.selectFrom('parts').selectAll().where('id', '=', current.superseded_by_id).executeTakeFirst();
    if (!next || chain.includes(next.part_number)) break;
    current = next;
    chain.push(next.part_number);
  }
  return { requested, current, chain };
}
