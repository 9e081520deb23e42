import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkshopJobDto } from '../../../shared/contract/workshop';
import type { PromiseRiskLevel } from '../../../shared/domain/promise-risk';
import { JobCardFacts } from './JobCardFacts';
import type { PlanTarget } from './planner-rows';
import { DRAG_TYPE, dragJob, riskClass } from './PlannerRow';

/** One job waiting for a place on the planner: selected with a click or Enter, dragged onto a row. */
function QueueCard(props: {
  job: WorkshopJobDto;
  risk: PromiseRiskLevel | undefined;
  selected: boolean;
  mayAssign: boolean;
  onSelect: (jobId: number) => void;
  onKey: (event: KeyboardEvent, job: WorkshopJobDto) => void;
  onBlur: (job: WorkshopJobDto) => void;
}) {
  const { t } = useTranslation();
  const { job, risk } = props;
  return (
    <li
      className={`ws-card ws-state-${job.state}${riskClass(risk)}${props.selected ? ' ws-card-selected' : ''}`}
      data-testid={`ws-job-${job.jobId}`}
      draggable={props.mayAssign && job.running === null}
      onDragStart={dragJob(job)}
      // A click anywhere on the card selects it too; the RO number is the button the keyboard reaches.
      onClick={() => props.onSelect(job.jobId)}
    >
      <div className="ws-card-head">
        <button
          type="button"
          className="link"
          aria-pressed={props.selected}
          aria-keyshortcuts={props.mayAssign ? 'Enter ArrowLeft ArrowRight ArrowUp ArrowDown Escape' : undefined}
          onClick={() => props.onSelect(job.jobId)}
          onKeyDown={(event) => props.onKey(event, job)}
          onBlur={() => props.onBlur(job)}
        >
          {job.roNumber}
        </button>
        <span className="mono">{job.plate}</span>
        <span className={`ws-state ws-state-${job.state}`}>{t(`workshop.states.${job.state}`)}</span>
        {risk && risk !== 'on_track' ? (
          <span className="badge ro-late" data-testid={`ws-risk-${job.jobId}`}>
            {t(`roList.risk.levels.${risk}`)}
          </span>
        ) : null}
      </div>
      <div className="ws-card-concern">
        {job.concern}
        {job.technician ? <span className="muted"> · {job.technician.displayName}</span> : null}
      </div>
      <JobCardFacts job={job} />
    </li>
  );
}

/**
 * Beside the planner: the jobs nobody has yet (a drop here puts a job back) and the jobs dispatched without a time on
 * this day (in the bay view: without a bay), soonest promise first.
 */
export function PlannerQueue(props: {
  unassigned: WorkshopJobDto[];
  notPlanned: WorkshopJobDto[];
  /** The heading of the second list: dispatched without a time, or without a bay. */
  notPlannedTitle: string;
  risks: ReadonlyMap<number, PromiseRiskLevel>;
  selectedJobId: number | null;
  mayAssign: boolean;
  onSelect: (jobId: number) => void;
  onPlan: (target: PlanTarget) => void;
  onKey: (event: KeyboardEvent, job: WorkshopJobDto) => void;
  onBlur: (job: WorkshopJobDto) => void;
}) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const jobId = Number(event.dataTransfer.getData(DRAG_TYPE));
    if (jobId) props.onPlan({ jobId, technicianId: null, plannedStartAt: null });
  };
  const card = (job: WorkshopJobDto) => (
    <QueueCard
      key={job.jobId}
      job={job}
      risk={props.risks.get(job.repairOrderId)}
      selected={props.selectedJobId === job.jobId}
      mayAssign={props.mayAssign}
      onSelect={props.onSelect}
      onKey={props.onKey}
      onBlur={props.onBlur}
    />
  );
  return (
    <>
      <section
        className={over ? 'ws-queue ws-drop' : 'ws-queue'}
        aria-label={t('workshop.unassigned')}
        data-testid="ws-column-unassigned"
        onDragOver={(event) => {
          if (!props.mayAssign || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <h2>
          {t('workshop.unassigned')} <span className="badge">{props.unassigned.length}</span>
        </h2>
        {props.unassigned.length === 0 ? <p className="muted small">{t('workshop.noJobs')}</p> : null}
        <ul className="ws-jobs">{props.unassigned.map(card)}</ul>
      </section>
      {props.notPlanned.length > 0 ? (
        <section className="ws-queue" aria-label={props.notPlannedTitle} data-testid="ws-queue-not-planned">
          <h2>
            {props.notPlannedTitle} <span className="badge">{props.notPlanned.length}</span>
          </h2>
          <ul className="ws-jobs">{props.notPlanned.map(card)}</ul>
        </section>
      ) : null}
    </>
  );
}
