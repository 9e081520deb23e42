import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { BoardDto } from '../../../shared/contract/workshop';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import { formatHm } from '../../../shared/domain/appointment-slots';
import { orpc } from '../api/client';
import { toApiError } from '../api/errors';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { ErrorBanner, Loading } from '../ui/widgets';
import { PlannerJobPanel } from './PlannerJobPanel';
import { PlannerQueue } from './PlannerQueue';
import { placeJobs, timeAxis } from './planner-layout';
import {
  bayRows,
  ROWS_VIEWS,
  targetFor,
  technicianRows,
  type PlannerRowModel,
  type PlanTarget,
  type RowsView,
} from './planner-rows';
import { usePlannerKeyboard } from './use-planner-keyboard';
import { TechnicianPanel } from './TechnicianPanel';
import { useWorkshopSaved } from './workshop-format';
import { WorkshopPlanner } from './WorkshopPlanner';
import './workshop.css';
import { DateField } from '../ui/DateField';

/** What each colour and mark of the planner means, in one line above it. */
function Legend() {
  const { t } = useTranslation();
  const items: [string, string][] = [
    ['ws-bar ws-bar-planned', t('workshop.planner.legend.planned')],
    ['ws-bar ws-bar-clocked', t('workshop.planner.legend.clocked')],
    ['ws-bar ws-bar-planned ws-legend-progress', t('workshop.planner.legend.progress')],
    ['ws-bar ws-state-paused', t('workshop.states.paused')],
    ['ws-bar ws-state-done', t('workshop.states.done')],
    ['ws-bar ws-risk-at_risk', t('roList.risk.levels.at_risk')],
    ['ws-bar ws-risk-late', t('roList.risk.levels.late')],
    ['ws-closed', t('workshop.planner.legend.closed')],
  ];
  return (
    <ul className="ws-legend" aria-label={t('workshop.planner.legend.title')}>
      {items.map(([swatch, label]) => (
        <li key={label}>
          <span className={`ws-swatch ${swatch}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}

/** Where one user's choice of rows is kept on this desk. */
const rowsViewKey = (userId: number) => `baydesk.planner.rows.${userId}`;

function useRowsView(userId: number): [RowsView, (view: RowsView) => void] {
  const [view, setView] = useState<RowsView>(() => {
    const kept = localStorage.getItem(rowsViewKey(userId));
    return kept === 'bays' ? 'bays' : 'technicians';
  });
  return [
    view,
    (next) => {
      localStorage.setItem(rowsViewKey(userId), next);
      setView(next);
    },
  ];
}

/** The rows of the chosen view, and the jobs the list beside the planner offers (no time, or no bay). */
function rowsOf(data: BoardDto | undefined, view: RowsView, axis: ReturnType<typeof timeAxis> | null) {
  if (!data || !axis) return { rows: [] as PlannerRowModel[], waiting: [] };
  if (view === 'bays') {
    const { rows, noBay } = bayRows(data);
    return { rows, waiting: noBay };
  }
  return {
    rows: technicianRows(data),
    waiting: data.technicians.flatMap((tech) => placeJobs(tech.jobs, data.day, axis).unplaced),
  };
}

/**
 * /workshop: the foreman's workshop planner (issue 17 item 4). Technicians are rows, the day's opening hours the
 * columns, each job a bar as long as its sold hours where it is planned or clocked, coloured when its RO is late or at
 * risk (shared/domain/promise-risk.ts); the jobs to plan stand beside it. A job is dropped onto a row at a time, moved
 * there from the keyboard (use-planner-keyboard.ts), or selected and planned with the form beside the planner. The
 * rows are the technicians or, switched per user, the manager's bays (planner-rows.ts).
 */
export function WorkshopBoardScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const [day, setDay] = useState('');
  const [selectedJobId, setSelectedJobId] = useState<number | null>(null);
  const [technicianId, setTechnicianId] = useState<number | null>(null);
  const [view, setView] = useRowsView(user.id);
  const board = useQuery(orpc.workshop.board.queryOptions({ input: day ? { day } : {} }));
  const risks = useQuery({ ...orpc.repairOrders.promiseRisks.queryOptions({ input: {} }), refetchInterval: 60_000 });
  const riskByRo = new Map((risks.data ?? []).map((row) => [row.id, row.level] as const));
  const saved = useWorkshopSaved();
  const assign = useMutation(orpc.workshop.assign.mutationOptions({ onSuccess: saved }));
  const plan = useMutation(orpc.workshop.plan.mutationOptions({ onSuccess: saved }));
  const planBay = useMutation(orpc.workshop.planBay.mutationOptions({ onSuccess: saved }));
  const [refused, setRefused] = useState<PlanTarget | null>(null);
  const mayAssign = canCall(user.role, contract.workshop.assign) && canCall(user.role, contract.workshop.plan);
  const mayEditSkills = canCall(user.role, contract.workshop.setSkills);
  const mayRecordAttendance = canCall(user.role, contract.workshop.recordAttendance);
  const send = (target: PlanTarget, overrideSkills: boolean) => {
    setRefused(null);
    assign.reset();
    plan.reset();
    planBay.reset();
    const onError = (error: unknown) => {
      if (toApiError(error).issues.some((issue) => issue.reason === 'assign.skillMissing')) setRefused(target);
    };
    if ('bay' in target) planBay.mutate(target);
    else if (target.technicianId === null) assign.mutate({ jobId: target.jobId, technicianId: null }, { onError });
    else
      plan.mutate(
        { jobId: target.jobId, technicianId: target.technicianId, plannedStartAt: target.plannedStartAt, overrideSkills },
        { onError },
      );
  };
  const error = assign.error ?? plan.error ?? planBay.error;
  const data = board.data;
  const axis = data ? timeAxis(data.hours) : null;
  const allJobs = data ? [...data.unassigned, ...data.technicians.flatMap((tech) => tech.jobs)] : [];
  const selectedJob = allJobs.find((job) => job.jobId === selectedJobId) ?? null;
  const selectedTechnician = data?.technicians.find((tech) => tech.id === technicianId) ?? null;
  const { rows, waiting } = rowsOf(data, view, axis);
  const selectJob = (jobId: number) => {
    setSelectedJobId(jobId);
    setTechnicianId(null);
  };
  const keyboard = usePlannerKeyboard({
    rows,
    day: data?.day ?? '',
    axis,
    mayAssign,
    onSelect: selectJob,
    onPlan: (target) => send(target, false),
    readAt: board.dataUpdatedAt,
  });
  return (
    <div className="page page-fill ws-page">
      <div className="ws-toolbar">
        <h1>{t('workshop.planner.title')}</h1>
        <label className="field ws-day">
          <span className="field-label">{t('workshop.day')}</span>
          <DateField value={day || data?.day || ''} onChange={(event) => setDay(event.target.value)} />
        </label>
        {data ? (
          <span className="muted small">
            {t('workshop.planner.hoursOf', { opens: formatHm(data.hours.opensAt), closes: formatHm(data.hours.closesAt) })}
          </span>
        ) : null}
        <div className="ws-rows-switch" role="group" aria-label={t('workshop.planner.rows')}>
          <span className="field-label">{t('workshop.planner.rows')}</span>
          {ROWS_VIEWS.map((option) => (
            <button key={option} type="button" aria-pressed={view === option} onClick={() => setView(option)}>
              {t(`workshop.planner.rowsView.${option}`)}
            </button>
          ))}
        </div>
        <Legend />
      </div>
      {mayAssign ? (
        <p className="ws-keys muted small">
          {t('workshop.planner.keys.hint')}{' '}
          <span className="ws-keys-now" role="status" aria-live="polite" data-testid="ws-announce">
            {keyboard.announcement}
          </span>
        </p>
      ) : null}
      {error ? (
        <div className="ws-inline-form">
          <ErrorBanner error={error} />
          {refused ? (
            <button type="button" onClick={() => send(refused, true)}>
              {t('workshop.assignAnyway')}
            </button>
          ) : null}
        </div>
      ) : null}
      {board.isPending ? <Loading /> : null}
      <ErrorBanner error={board.error} />
      {data && axis ? (
        <div className="ws-layout">
          <WorkshopPlanner
            view={view}
            rows={rows}
            day={data.day}
            axis={axis}
            risks={riskByRo}
            selectedJobId={selectedJobId}
            mayAssign={mayAssign}
            mayOpenTechnician={mayEditSkills || mayRecordAttendance}
            proposal={keyboard.proposal}
            onSelectJob={selectJob}
            onSelectTechnician={(id) => {
              setTechnicianId(id);
              setSelectedJobId(null);
            }}
            onDropAt={(row, jobId, minutes) => {
              const target = targetFor(row, jobId, data.day, minutes);
              if (target) send(target, false);
            }}
            onJobKey={keyboard.onKey}
            onJobBlur={keyboard.onBlur}
          />
          <aside className="ws-side">
            {selectedJob ? (
              <PlannerJobPanel
                job={selectedJob}
                board={data}
                axis={axis}
                risk={riskByRo.get(selectedJob.repairOrderId)}
                mayAssign={mayAssign}
                mayReadClockings={canCall(user.role, contract.workshop.clockings)}
                onPlan={(target) => send(target, false)}
                onClose={() => setSelectedJobId(null)}
              />
            ) : selectedTechnician ? (
              <TechnicianPanel
                technician={selectedTechnician}
                day={data.day}
                mayEditSkills={mayEditSkills}
                mayRecordAttendance={mayRecordAttendance}
                onClose={() => setTechnicianId(null)}
              />
            ) : mayAssign ? (
              <p className="muted small ws-hint">{t(view === 'bays' ? 'workshop.planner.hintBays' : 'workshop.planner.hint')}</p>
            ) : null}
            <PlannerQueue
              unassigned={data.unassigned}
              notPlanned={waiting}
              notPlannedTitle={t(view === 'bays' ? 'workshop.planner.noBay' : 'workshop.planner.notPlanned')}
              risks={riskByRo}
              selectedJobId={selectedJobId}
              mayAssign={mayAssign}
              onSelect={selectJob}
              onPlan={(target) => send(target, false)}
              onKey={keyboard.onKey}
              onBlur={keyboard.onBlur}
            />
            <details className="promise-risk">
              <summary>{t('roList.risk.title')}</summary>
              <p className="muted small">{t('roList.risk.rule')}</p>
            </details>
          </aside>
        </div>
      ) : null}
    </div>
  );
}
