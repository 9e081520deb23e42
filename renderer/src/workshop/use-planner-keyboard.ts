import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkshopJobDto } from '../../../shared/contract/workshop';
import { formatHm } from '../../../shared/domain/appointment-slots';
import type { TimeAxis } from './planner-layout';
import { firstProposal, moveProposal, targetFor, type PlannerRowModel, type PlanTarget, type Proposal } from './planner-rows';

const ARROWS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];

/**
 * Planning from the keyboard (issue 17 item 4): on a focused bar or queue card, Enter (or Space) selects the job and
 * proposes a slot; the arrows move it (Left/Right a quarter hour, Up/Down a row), drawn as a ghost bar and announced;
 * Enter plans it there with the same call as a drop, Escape (or leaving the job) cancels.
 */
export function usePlannerKeyboard(options: {
  rows: PlannerRowModel[];
  day: string;
  axis: TimeAxis | null;
  mayAssign: boolean;
  onSelect: (jobId: number) => void;
  onPlan: (target: PlanTarget) => void;
  /** When the board was last read: a planned job is focused again where it now stands. */
  readAt: number;
}) {
  const { t } = useTranslation();
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [refocus, setRefocus] = useState<number | null>(null);
  useEffect(() => {
    if (refocus === null) return;
    const element = document.querySelector<HTMLElement>(`[data-testid="ws-job-${refocus}"]`);
    // A bar is itself the button; a queue card's button is its RO number.
    const focusable = element?.matches('button') ? element : element?.querySelector<HTMLElement>('button');
    focusable?.focus();
    setRefocus(null);
    // Only a fresh read of the board moves the job; the effect waits for it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [options.readAt]);
  const { rows, day, axis } = options;
  const rowName = (key: string) => {
    const row = rows.find((candidate) => candidate.key === key);
    return row?.technician?.displayName ?? row?.bay?.name ?? '';
  };
  const announce = (next: Proposal) =>
    setAnnouncement(
      t('workshop.planner.keys.proposed', { number: next.job.roNumber, row: rowName(next.rowKey), time: formatHm(next.minutes) }),
    );
  const cancel = (job: WorkshopJobDto, said: boolean) => {
    if (proposal?.job.jobId !== job.jobId) return;
    setProposal(null);
    setAnnouncement(said ? t('workshop.planner.keys.cancelled', { number: job.roNumber }) : '');
  };
  const onKey = (event: KeyboardEvent, job: WorkshopJobDto) => {
    if (!options.mayAssign || !axis || job.running !== null) return;
    const moving = proposal?.job.jobId === job.jobId ? proposal : null;
    const confirm = event.key === 'Enter' || event.key === ' ';
    if (!moving) {
      if (!confirm) return;
      event.preventDefault();
      options.onSelect(job.jobId);
      const first = firstProposal(job, rows, day, axis, new Date());
      setProposal(first);
      if (first) announce(first);
      return;
    }
    if (ARROWS.includes(event.key)) {
      event.preventDefault();
      const next = moveProposal(moving, event.key, rows, axis);
      setProposal(next);
      announce(next);
    } else if (confirm) {
      event.preventDefault();
      const row = rows.find((candidate) => candidate.key === moving.rowKey);
      const target = row ? targetFor(row, job.jobId, day, moving.minutes) : null;
      setProposal(null);
      if (target) {
        setAnnouncement(
          t('workshop.planner.keys.planned', {
            number: job.roNumber,
            row: rowName(moving.rowKey),
            time: formatHm(moving.minutes),
          }),
        );
        setRefocus(job.jobId);
        options.onPlan(target);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      cancel(job, true);
    }
  };
  return { proposal, announcement, onKey, onBlur: (job: WorkshopJobDto) => cancel(job, false) };
}
