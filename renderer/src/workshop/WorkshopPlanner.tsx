import { useState, type CSSProperties, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardDto, BoardTechnicianDto, WorkshopJobDto } from '../../../shared/contract/workshop';
import { formatHm } from '../../../shared/domain/appointment-slots';
import { wallClock } from '../../../shared/domain/desk-time';
import type { PromiseRiskLevel } from '../../../shared/domain/promise-risk';
import type { PlanTarget } from './PlannerJobPanel';
import { minutesAtRatio, percentOf, placeJobs, startInstant, type PlacedJob, type TimeAxis } from './planner-layout';
import { useWorkshopFormat } from './workshop-format';

/** The drag payload of a job: its id, under a type of our own so nothing else dropped is taken for a job. */
export const DRAG_TYPE = 'application/x-baydesk-job';

/** Height of one lane of bars, px (a row grows a lane for each overlap). */
const LANE_PX = 26;

export interface PlannerProps {
  board: BoardDto;
  axis: TimeAxis;
  risks: ReadonlyMap<number, PromiseRiskLevel>;
  selectedJobId: number | null;
  mayAssign: boolean;
  mayOpenTechnician: boolean;
  onSelectJob: (jobId: number) => void;
  onSelectTechnician: (technicianId: number) => void;
  onPlan: (target: PlanTarget) => void;
}

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

function Bar(
  props: { bar: PlacedJob; axis: TimeAxis; risk: PromiseRiskLevel | undefined } & Pick<
    PlannerProps,
    'selectedJobId' | 'mayAssign' | 'onSelectJob'
  >,
) {
  const { t } = useTranslation();
  const { bar, axis } = props;
  const { job } = bar;
  const soldMinutes = (job.soldMilli * 60) / 1000;
  const progress = soldMinutes > 0 ? Math.min(100, (job.clockedMinutes / soldMinutes) * 100) : 0;
  const label = t('workshop.planner.barLabel', {
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
  return (
    <button
      type="button"
      className={`${classes}${riskClass(props.risk)}`}
      style={style}
      data-testid={`ws-job-${job.jobId}`}
      aria-label={label}
      aria-pressed={props.selectedJobId === job.jobId}
      title={`${label} · ${job.plate} · ${t(`workshop.states.${job.state}`)}${
        props.risk && props.risk !== 'on_track' ? ` · ${t(`roList.risk.levels.${props.risk}`)}` : ''
      }`}
      draggable={props.mayAssign && job.running === null}
      onDragStart={dragJob(job)}
      onClick={() => props.onSelectJob(job.jobId)}
    >
      {progress > 0 ? <span className="ws-bar-progress" style={{ width: `${progress}%` }} /> : null}
      <span className="ws-bar-text">
        <b>{job.plate || job.roNumber}</b> {job.concern}
      </span>
    </button>
  );
}

function Row(props: PlannerProps & { technician: BoardTechnicianDto; nowMinutes: number | null }) {
  const { t } = useTranslation();
  const format = useWorkshopFormat();
  const { technician, axis, board } = props;
  const [dropAt, setDropAt] = useState<number | null>(null);
  const { placed, unplaced, lanes } = placeJobs(technician.jobs, board.day, axis);
  const minutesAt = (event: DragEvent) => {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return minutesAtRatio(axis, (event.clientX - rect.left) / rect.width);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDropAt(null);
    const jobId = Number(event.dataTransfer.getData(DRAG_TYPE));
    if (jobId) props.onPlan({ jobId, technicianId: technician.id, plannedStartAt: startInstant(board.day, minutesAt(event)) });
  };
  const facts = [
    t('workshop.clockedToday', { time: format.minutes(technician.clockedMinutesDay) }),
    technician.attendedMilli === null ? null : `${t('workshop.attendance')} ${format.sold(technician.attendedMilli)}`,
  ].filter(Boolean);
  return (
    <div className="ws-row" role="group" aria-label={technician.displayName} data-testid={`ws-row-${technician.id}`}>
      <div className="ws-row-head">
        <span className="ws-row-line">
          {props.mayOpenTechnician ? (
            <button
              type="button"
              className="link ws-row-name"
              aria-label={t('workshop.planner.editTechnician', { name: technician.displayName })}
              onClick={() => props.onSelectTechnician(technician.id)}
            >
              {technician.displayName}
            </button>
          ) : (
            <span className="ws-row-name">{technician.displayName}</span>
          )}
          {unplaced.length > 0 ? (
            <span className="ws-unplanned-count" title={t('workshop.planner.notPlanned')}>
              {t('workshop.planner.notPlannedCount', { count: unplaced.length })}
            </span>
          ) : null}
        </span>
        <span className="ws-row-facts" title={facts.join(' · ')}>
          {facts.join(' · ')}
        </span>
      </div>
      <div
        className={dropAt === null ? 'ws-track' : 'ws-track ws-drop'}
        data-testid={`ws-track-${technician.id}`}
        style={{ height: `${8 + lanes * LANE_PX}px` }}
        onDragOver={(event) => {
          if (!props.mayAssign || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
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
          <Bar
            key={bar.job.jobId}
            bar={bar}
            axis={axis}
            risk={props.risks.get(bar.job.repairOrderId)}
            selectedJobId={props.selectedJobId}
            mayAssign={props.mayAssign}
            onSelectJob={props.onSelectJob}
          />
        ))}
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

/**
 * The workshop planner: a row per technician, the board's day across, each job a bar where it is planned (or clocked)
 * as long as its sold hours; jobs are dropped onto a row at a time. The hours scroll sideways inside it and the rows
 * up and down, the technicians' column and the hours staying in view.
 */
export function WorkshopPlanner(props: PlannerProps) {
  const { t } = useTranslation();
  const { axis, board } = props;
  const wall = wallClock(new Date());
  const nowMinutes = wall.day === board.day && wall.minutes >= axis.from && wall.minutes <= axis.to ? wall.minutes : null;
  return (
    <div className="ws-planner" role="region" aria-label={t('workshop.planner.title')} tabIndex={0} data-testid="ws-planner">
      <div className="ws-grid" style={{ '--ws-hours': axis.hours.length } as CSSProperties}>
        <div className="ws-row ws-planner-head">
          <div className="ws-row-head">{t('workshop.planner.technicians')}</div>
          <div className="ws-hours">
            {axis.hours.map((hour) => (
              <span key={hour} className="ws-hour" style={{ left: `${percentOf(axis, hour - axis.from)}%` }}>
                {formatHm(hour)}
              </span>
            ))}
          </div>
        </div>
        {board.technicians.map((technician) => (
          <Row key={technician.id} {...props} technician={technician} nowMinutes={nowMinutes} />
        ))}
      </div>
    </div>
  );
}
