import type { ImportRejection } from '../../../../shared/contract/parts/price-import';
import { closesLoop, type MappingTarget, type RejectionReason } from '../../../../shared/domain/price-file';
import type { CoreDeps } from '../../context';
import * as repo from './repository';

// The lines refused on the way, and the successor checks against the master and the file.

export interface Rejections {
  count: number;
  /** Line -> rejection, for the lines refused after staging (they must also leave the stage). */
  list: ImportRejection[];
}

export function reject(
  rejections: Rejections,
  line: number,
  partNumber: string,
  reason: RejectionReason,
  field: MappingTarget,
): void {
  rejections.count += 1;
  rejections.list.push({ line, partNumber, reason, field });
}

/**
 * Successors, in file order, against the successors as they will stand: the master's, overridden by the file's lines
 * accepted so far. A line naming a part that neither the master nor the file's good lines have is refused; so is one
 * closing a loop. A refused new part cannot be anyone's successor, so the lines pointing at one are refused in turn.
 */
export async function checkSuccessors(
  db: CoreDeps['db'],
  accepted: readonly repo.StageRow[],
  /** Part number -> line, of every line that passed the line checks. */
  lineOf: ReadonlyMap<string, number>,
  refused: Set<number>,
  rejections: Rejections,
): Promise<void> {
  const inFile = (number: string) => {
    const line = lineOf.get(number);
    return line !== undefined && !refused.has(line);
  };
  const withSuccessor = accepted.filter((row) => row.superseded_by !== null && !refused.has(row.line));
  const master = await repo.masterSuccessors(db);
  const known = await repo.existingNumbers(db, [
    ...new Set(withSuccessor.map((row) => row.superseded_by!).filter((successor) => !inFile(successor))),
  ]);

  const next = new Map(master);
  const pointing: repo.StageRow[] = [];
  for (const row of withSuccessor) {
    const successor = row.superseded_by!;
    if (!inFile(successor) && !known.has(successor)) {
      refuse(row, 'priceImport.supersededUnknown');
    } else if (closesLoop(row.part_number, successor, (number) => next.get(number))) {
      refuse(row, 'priceImport.supersededLoop');
    } else {
      next.set(row.part_number, successor);
      pointing.push(row);
    }
  }
  // Until nothing changes: a line whose successor is a part of this file, refused, that the master does not have.
  const refusedTargets = () => [...new Set(pointing.map((row) => row.superseded_by!))].filter((n) => lineOf.has(n) && !inFile(n));
  for (let targets = refusedTargets(); targets.length > 0;) {
    const inMaster = await repo.existingNumbers(db, targets);
    let changed = false;
    for (const row of pointing) {
      const successor = row.superseded_by!;
      if (refused.has(row.line) || inFile(successor) || !lineOf.has(successor) || inMaster.has(successor)) continue;
      refuse(row, 'priceImport.supersededUnknown');
      changed = true;
    }
    targets = changed ? refusedTargets() : [];
  }

  function refuse(row: repo.StageRow, reason: RejectionReason): void {
    reject(rejections, row.line, row.part_number, reason, 'supersededBy');
    refused.add(row.line);
  }
}
