import { PartsTabs } from './PartsTabs';
import { MovementsGrid } from './MovementsGrid';

/** The whole stock ledger, newest first: every receipt, issue, return, adjustment and stocktake of every part. */
export function MovementsScreen() {
  return (
    <div className="page page-fill">
      <PartsTabs />
      <MovementsGrid />
    </div>
  );
}
