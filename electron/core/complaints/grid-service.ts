import type { z } from 'zod';
import type { ComplaintDto, complaintGridInput } from '../../../shared/contract/complaints';
import type { Page } from '../../../shared/contract/paging';
import { addDays, instantAt } from '../../../shared/domain/desk-time';
import { isoNow } from '../clock';
import type { CoreDeps } from '../context';
import * as gridRepo from './grid-repository';
import { toDto } from './mapping';
import type { ComplaintRow } from './repository';

/**
 * complaints.grid: one block of the complaint grid. Sorted by creation time it is one index walk; unsorted it is the
 * to-do order, the parts read one after the other: a block that starts past a part's rows skips that part by its
 * count, so no part is read further than the block needs.
 */
export async function grid(deps: CoreDeps, input: z.output<typeof complaintGridInput>): Promise<Page<ComplaintDto>> {
  const f: gridRepo.ComplaintGridFilter = {
    now: isoNow(deps.clock),
    ...(input.status ? { status: input.status } : {}),
    ...(input.level ? { level: input.level } : {}),
    ...(input.source ? { source: input.source } : {}),
    ...(input.overdue !== undefined ? { overdue: input.overdue } : {}),
    ...(input.from ? { createdFrom: instantAt(input.from, 0).toISOString() } : {}),
    ...(input.to ? { createdBefore: instantAt(addDays(input.to, 1), 0).toISOString() } : {}),
  };
  const limit = input.endRow - input.startRow;
  // One row more than asked tells whether there is more.
  let wanted = limit + 1;
  const sort = input.sortModel[0];
  let rows: ComplaintRow[];
  if (sort) {
    rows = await gridRepo.complaintRows(deps.db, f, { part: null, direction: sort.sort, offset: input.startRow, limit: wanted });
  } else {
    rows = [];
    let skip = input.startRow;
    for (const part of gridRepo.TODO_PARTS) {
      if (part !== 'rest') {
        const count = await gridRepo.countPart(deps.db, f, part);
        if (skip >= count) {
          skip -= count;
          continue;
        }
      }
      const read = await gridRepo.complaintRows(deps.db, f, { part, direction: 'desc', offset: skip, limit: wanted });
      rows.push(...read);
      wanted -= read.length;
      skip = 0;
      if (wanted === 0) break;
    }
  }
  return { rows: rows.slice(0, limit).map(toDto), hasMore: rows.length > limit };
}
