import type { RowOutcome } from '../../../shared/contract/dms-import';
import type { DmsTarget } from '../../../shared/domain/dms-import';
import type { DmsRowReason } from '../../../shared/domain/dms-import-rows';

// What each kind's rows answer: the outcome of one row, and the judge a kind's file is read with.

export type Judged =
  | { outcome: Exclude<RowOutcome, 'refused'>; key: string }
  | { outcome: 'refused'; key: string; reason: DmsRowReason; field: DmsTarget };

/**
 * A kind's rows judged one by one against the database (prepared statements on the core's connection, synchronous:
 * a batch is judged and written inside its one transaction) and against the rows before them in the file (an id, a
 * phone or a VIN a second time). With `write` false nothing is written: a dry run's answer is the one a commit would
 * give for the database as it stands.
 */
export interface RowJudge {
  judge(cells: readonly string[], write: boolean): Judged;
}

export function refused(key: string, reason: DmsRowReason, field: DmsTarget): Judged {
  return { outcome: 'refused', key, reason, field };
}
