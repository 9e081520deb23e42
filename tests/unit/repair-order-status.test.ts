import { describe, expect, it } from 'vitest';
import {
  canTransition,
  isFinalStatus,
  isOpenStatus,
  isRepairOrderStatus,
  nextStatuses,
  OPEN_STATUSES,
  RO_STATUSES,
  type RepairOrderStatus,
  usualNextStatus,
} from '../../shared/domain/repair-order-status';

// Written out by hand from docs/domain.md ("RO status flow") and the decisions in repair-order-status.ts, not derived
// from the table under test.
const ALLOWED = new Set([
  'open->in_progress', // work starts
  'open->cancelled', // withdrawn before any work
  'in_progress->on_hold', // waiting for parts or for approval of additional work
  'in_progress->qc', // work finished, final check
  'on_hold->in_progress', // a hold ends by resuming
  'qc->ready', // passed
  'qc->in_progress', // failed: rework
  'ready->delivered', // handover
  'ready->in_progress', // more work found or asked for before the car leaves
  'delivered->closed', // paid
]);

const ALL_PAIRS = RO_STATUSES.flatMap((from) => RO_STATUSES.map((to) => [from, to] as const));

describe('repair order status flow', () => {
  it('has the eight statuses of docs/domain.md, in flow order', () => {
    expect(RO_STATUSES).toEqual(['open', 'in_progress', 'on_hold', 'qc', 'ready', 'delivered', 'closed', 'cancelled']);
    expect(ALL_PAIRS).toHaveLength(64);
  });

  it.each(ALL_PAIRS.filter(([from, to]) => ALLOWED.has(`${from}->${to}`)))('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(ALL_PAIRS.filter(([from, to]) => !ALLOWED.has(`${from}->${to}`)))('refuses %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('allows exactly ten transitions', () => {
    expect(ALL_PAIRS.filter(([from, to]) => canTransition(from, to))).toHaveLength(ALLOWED.size);
  });

  it('nextStatuses lists what canTransition allows, usual next step first', () => {
    for (const from of RO_STATUSES) {
      expect(new Set(nextStatuses(from))).toEqual(new Set(RO_STATUSES.filter((to) => canTransition(from, to))));
    }
    expect(nextStatuses('open')).toEqual(['in_progress', 'cancelled']);
    expect(nextStatuses('in_progress')).toEqual(['on_hold', 'qc']);
    expect(nextStatuses('on_hold')).toEqual(['in_progress']);
    expect(nextStatuses('qc')).toEqual(['ready', 'in_progress']);
    expect(nextStatuses('ready')).toEqual(['delivered', 'in_progress']);
    expect(nextStatuses('delivered')).toEqual(['closed']);
  });

  it('no status is a transition to itself', () => {
    for (const status of RO_STATUSES) expect(canTransition(status, status), status).toBe(false);
  });

  it('closed and cancelled are final; nothing else is', () => {
    expect(RO_STATUSES.filter(isFinalStatus)).toEqual(['closed', 'cancelled']);
    expect(nextStatuses('closed')).toEqual([]);
    expect(nextStatuses('cancelled')).toEqual([]);
  });

  it('cancelling is possible only from open', () => {
    expect(RO_STATUSES.filter((from) => canTransition(from, 'cancelled'))).toEqual(['open']);
  });

  it('a delivered RO never goes back to the workshop (a later fault is a new RO, a comeback)', () => {
    expect(nextStatuses('delivered')).toEqual(['closed']);
    expect(RO_STATUSES.filter((from) => canTransition(from, 'delivered'))).toEqual(['ready']);
  });

  it('every way to ready passes through qc', () => {
    expect(RO_STATUSES.filter((from) => canTransition(from, 'ready'))).toEqual(['qc']);
    expect(RO_STATUSES.filter((from) => canTransition(from, 'qc'))).toEqual(['in_progress']);
  });

  it('walks the usual visit, with a hold, a failed check and more work at pick-up', () => {
    const path: RepairOrderStatus[] = [
      'open',
      'in_progress',
      'on_hold',
      'in_progress',
      'qc',
      'in_progress',
      'qc',
      'ready',
      'in_progress',
      'qc',
      'ready',
      'delivered',
      'closed',
    ];
    for (let i = 1; i < path.length; i++)
      expect(canTransition(path[i - 1]!, path[i]!), `${path[i - 1]} -> ${path[i]}`).toBe(true);
  });

  it('every non-final status can still reach a final one (no dead ends)', () => {
    const reachesFinal = (status: RepairOrderStatus, seen = new Set<RepairOrderStatus>()): boolean => {
      if (isFinalStatus(status)) return true;
      seen.add(status);
      return nextStatuses(status).some((next) => !seen.has(next) && reachesFinal(next, seen));
    };
    for (const status of RO_STATUSES) expect(reachesFinal(status), status).toBe(true);
  });

  it.each([
    ['open', true],
    ['in_progress', true],
    ['on_hold', true],
    ['qc', true],
    ['ready', true],
    ['delivered', false],
    ['closed', false],
    ['cancelled', false],
  ] as const)('isOpenStatus(%s) is %s (the car is still in the dealership’s hands)', (status, open) => {
    expect(isOpenStatus(status)).toBe(open);
  });

  it('OPEN_STATUSES is exactly the statuses isOpenStatus accepts', () => {
    expect(OPEN_STATUSES).toEqual(RO_STATUSES.filter(isOpenStatus));
  });

  it('isRepairOrderStatus accepts the eight statuses and nothing else', () => {
    for (const status of RO_STATUSES) expect(isRepairOrderStatus(status)).toBe(true);
    for (const other of ['', 'OPEN', 'done', 'in progress', null, undefined, 1, {}])
      expect(isRepairOrderStatus(other)).toBe(false);
  });
});

describe('usualNextStatus', () => {
  it('names the step further along the flow, never a hold or a cancellation while there is one', () => {
    expect(usualNextStatus('open')).toBe('in_progress');
    expect(usualNextStatus('in_progress')).toBe('qc');
    expect(usualNextStatus('on_hold')).toBe('in_progress');
    expect(usualNextStatus('qc')).toBe('ready');
    expect(usualNextStatus('ready')).toBe('delivered');
    expect(usualNextStatus('delivered')).toBe('closed');
    expect(usualNextStatus('closed')).toBeNull();
    expect(usualNextStatus('cancelled')).toBeNull();
  });
});
