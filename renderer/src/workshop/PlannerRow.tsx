import { useState, type CSSProperties, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkshopJobDto } from '../../../shared/contract/workshop';
import { formatHm } from '../../../shared/domain/appointment-slots';
import type { PromiseRiskLevel } from '../../../shared/domain/promise-risk';
import { minutesAtRatio, percentOf, placeJobs, type PlacedJob, type TimeAxis } from './planner-layout';
import { isTarget, type PlannerRowModel, type Proposal } from './planner-rows';
import { useWorkshopFormat } from './workshop-format';

/** The drag payload of a job: its id, under a type of our own so nothing else dropped is taken for a job. */
export const DRAG_TYPE = 'application/x-baydesk-job';

/** Height of one lane of bars, px (a row grows a lane for each overlap). */
const LANE_PX = 26;

export function riskClass(risk: PromiseRiskLevel | undefined): string {
  return risk && risk !== 'on_track' ? ` ws-risk-${risk}` : '';
}

/** Starts dragging a job (bar or queue card); a running job stays where it is. */
export function dragJob(job: WorkshopJobDto) {
  return (event: DragEvent) => {
    event.dataTransfer.setData(DRAG_TYPE, String(job.jobId));
    event.dataTransfer.effectAllowed = 'move';
  };
}

/** The minutes a job's bar lasts: its sold hours (at least a quarter hour on the axis). */
export function barMinutes(job: WorkshopJobDto): number {
  return Math.max(15, Math.round((job.soldMilli * 60) / 1000));
}

export interface RowProps {
  row: PlannerRowModel;
  day: string;
  axis: TimeAxis;
  risks: ReadonlyMap<number, PromiseRiskLevel>;
  selectedJobId: number | null;
  mayAssign: boolean;
  mayOpenTechnician: boolean;
  nowMinutes: number | null;
  proposal: Proposal | null;
  onSelectJob: (jobId: number) => void;
  onSelectTechnician: (technicianId: number) => void;
  onDropAt: (row: PlannerRowModel, jobId: number, minutes: number) => void;
  onJobKey: (event: KeyboardEvent, job: WorkshopJobDto) => void;
  onJobBlur: (job: WorkshopJobDto) => void;
}

function Bar(props: { bar: PlacedJob; risk: PromiseRiskLevel | undefined } & RowProps) {
  const { t } = useTranslation();
  const { bar, axis } = props;
  const { job } = bar;
  const soldMinutes = (job.soldMilli * 60) / 1000;
  const progress = soldMinutes > 0 ? Math.min(100, (job.clockedMinutes / soldMinutes) * 100) : 0;
  // The spoken name starts with the bar's visible text (WCAG label in name), then says which RO and when.
  const label = t('workshop.planner.barLabel', {
    plate: job.plate || job.roNumber,
    number: job.roNumber,
    concern: job.concern,
    from: formatHm(bar.start),
    to: formatHm(bar.end),
  });
  const style: CSSProperties = {
    left: `${percentOf(axis, bar.start - axis.from)}%`,
    width: `${percentOf(axis, bar.end - bar.start)}%`,
    top: `${4 + bar.lane * LANE_PX}px`,
  };
  const classes = [
    'ws-bar',
    `ws-state-${job.state}`,
    `ws-bar-${bar.kind}`,
    bar.estimated ? 'ws-bar-estimated' : '',
    props.selectedJobId === job.jobId ? 'ws-bar-selected' : '',
  ].join(' ');
  // In the bay view a bar says whose it is; in the technician view, which bay.
  const who = props.row.technician
    ? job.bay
      ? t('workshop.bay', { bay: job.bay })
      : ''
    : (job.technician?.displayName ?? t('workshop.nobody'));
  return (
    <button
      type="button"
      className={`${classes}${riskClass(props.risk)}`}
      style={style}
      data-testid={`ws-job-${job.jobId}`}
      aria-label={label}
      aria-pressed={props.selectedJobId === job.jobId}
      aria-keyshortcuts={props.mayAssign ? 'Enter ArrowLeft ArrowRight ArrowUp ArrowDown Escape' : undefined}
      title={[
        label,
        job.plate,
        t(`workshop.states.${job.state}`),
        who,
        props.risk && props.risk !== 'on_track' ? t(`roList.risk.levels.${props.risk}`) : '',
      ]
        .filter(Boolean)
        .join(' · ')}
      draggable={props.mayAssign && job.running === null}
      onDragStart={dragJob(job)}
      onClick={() => props.onSelectJob(job.jobId)}
      onKeyDown={(event) => props.onJobKey(event, job)}
      onBlur={() => props.onJobBlur(job)}
    >
      {progress > 0 ? <span className="ws-bar-progress" style={{ width: `${progress}%` }} /> : null}
      <span className="ws-bar-text">
        <b>{job.plate || job.roNumber}</b> {job.concern}
      </span>
    </button>
  );
}

/** The keyboard's proposed slot: a dashed bar as long as the job's sold hours, with its start and end. */
function Ghost({ proposal, axis }: { proposal: Proposal; axis: TimeAxis }) {
  const end = Math.min(axis.to, proposal.minutes + barMinutes(proposal.job));
  return (
    <span
      className="ws-ghost"
      data-testid="ws-ghost"
      aria-hidden="true"
      style={{ left: `${percentOf(axis, proposal.minutes - axis.from)}%`, width: `${percentOf(axis, end - proposal.minutes)}%` }}
    >
      {formatHm(proposal.minutes)}–{formatHm(end)} {proposal.job.plate || proposal.job.roNumber}
    </span>
  );
}

/** A row's head: the technician (their name opens their skills and attendance) or the bay and its kind. */
function RowHead(props: RowProps & { unplaced: number }) {
  const { t } = useTranslation();
  const format = useWorkshopFormat();
  const { technician, bay } = props.row;
  const name = technician?.displayName ?? bay?.name ?? t('workshop.planner.otherBays');
  const facts = technician
    ? [
        t('workshop.clockedToday', { time: format.minutes(technician.clockedMinutesDay) }),
        technician.attendedMilli === null ? null : `${t('workshop.attendance')} ${format.sold(technician.attendedMilli)}`,
      ].filter(Boolean)
    : [bay ? t(`workshop.bayKinds.${bay.kind}`) : t('workshop.planner.otherBaysHint')];
  return (
    <div className="ws-row-head">
      <span className="ws-row-line">
        {technician && props.mayOpenTechnician ? (
          <button
            type="button"
            className="link ws-row-name"
            aria-label={t('workshop.planner.editTechnician', { name })}
            onClick={() => props.onSelectTechnician(technician.id)}
          >
            {name}
          </button>
        ) : (
          <span className="ws-row-name">{name}</span>
        )}
        {props.unplaced > 0 ? (
          <span className="ws-unplanned-count" title={t('workshop.planner.notPlanned')}>
            {t('workshop.planner.notPlannedCount', { count: props.unplaced })}
          </span>
        ) : null}
      </span>
      <span className="ws-row-facts" title={facts.join(' · ')}>
        {facts.join(' · ')}
      </span>
    </div>
  );
}

/** One row of the planner: its head, then the day's track with its bars; a job dropped on the track is planned there. */
export function PlannerRow(props: RowProps) {
  const { t } = useTranslation();
  const { row, axis } = props;
  const [dropAt, setDropAt] = useState<number | null>(null);
  const { placed, unplaced, lanes } = placeJobs(row.jobs, props.day, axis);
  const droppable = props.mayAssign && isTarget(row);
  const minutesAt = (event: DragEvent) => {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return minutesAtRatio(axis, (event.clientX - rect.left) / rect.width);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDropAt(null);
    const jobId = Number(event.dataTransfer.getData(DRAG_TYPE));
    if (jobId) props.onDropAt(row, jobId, minutesAt(event));
  };
  const name = row.technician?.displayName ?? row.bay?.name ?? t('workshop.planner.otherBays');
  const ghost = props.proposal?.rowKey === row.key ? props.proposal : null;
  return (
    <div className={ghost ? 'ws-row ws-row-proposed' : 'ws-row'} role="group" aria-label={name} data-testid={`ws-row-${row.key}`}>
      <RowHead {...props} unplaced={unplaced.length} />
      <div
        className={dropAt === null ? 'ws-track' : 'ws-track ws-drop'}
        data-testid={`ws-track-${row.key}`}
        style={{ height: `${8 + lanes * LANE_PX}px` }}
        onDragOver={(event) => {
          if (!droppable || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
          event.preventDefault();
          setDropAt(minutesAt(event));
        }}
        onDragLeave={() => setDropAt(null)}
        onDrop={onDrop}
      >
        <Shading axis={axis} />
        {props.nowMinutes !== null ? (
          <span className="ws-now" style={{ left: `${percentOf(axis, props.nowMinutes - axis.from)}%` }} />
        ) : null}
        {dropAt !== null ? (
          <span className="ws-drop-at" style={{ left: `${percentOf(axis, dropAt - axis.from)}%` }}>
            {formatHm(dropAt)}
          </span>
        ) : null}
        {placed.map((bar) => (
          <Bar key={bar.job.jobId} {...props} bar={bar} risk={props.risks.get(bar.job.repairOrderId)} />
        ))}
        {ghost ? <Ghost proposal={ghost} axis={axis} /> : null}
      </div>
    </div>
  );
}

/** The closed parts of the axis (before opening, after closing), greyed. */
function Shading({ axis }: { axis: TimeAxis }) {
  return (
    <>
      {axis.opensAt > axis.from ? (
        <span className="ws-closed" style={{ left: 0, width: `${percentOf(axis, axis.opensAt - axis.from)}%` }} />
      ) : null}
      {axis.closesAt < axis.to ? (
        <span className="ws-closed" style={{ right: 0, width: `${percentOf(axis, axis.to - axis.closesAt)}%` }} />
      ) : null}
    </>
  );
}
