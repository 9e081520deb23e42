/**
 * What a desk is told when another desk changed something: the area whose screens must read again. Areas, not rows:
 * a desk re-reads only what it shows (TanStack Query refetches the active queries of the area), and a change never
 * carries data a role may not read.
 */
export const LIVE_AREAS = ['repairOrders', 'workshop', 'appointments', 'parts', 'followup', 'complaints', 'loaners'] as const;
export type LiveArea = (typeof LIVE_AREAS)[number];

export interface LiveChange {
  area: LiveArea;
  /** The RO (or other record) that changed, when there is one: a screen of another record need not read again. */
  id?: number;
}
