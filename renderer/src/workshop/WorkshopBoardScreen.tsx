import { useMutation, useQuery } from '@tanstack/react-query';
import type { PromiseRiskLevel } from '../../../shared/domain/promise-risk';
import { createContext, useContext, useState, type DragEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { contract } from '../../../shared/contract';
import {
  assignInput,
  attendanceInput,
  setSkillsInput,
  type BoardDto,
  type BoardTechnicianDto,
  type WorkshopJobDto,
} from '../../../shared/contract/workshop';
import { CONCERN_GROUPS } from '../../../shared/domain/concern-groups';
import { formatQuantity, parseQuantity } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { toApiError } from '../api/errors';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { decimalText } from '../catalog/decimal-text';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { ErrorBanner, Field, Loading } from '../ui/widgets';
import { ClockingsPanel } from './ClockingsPanel';
import { useWorkshopFormat, useWorkshopSaved } from './workshop-format';
import { JobCardFacts } from './JobCardFacts';
import './workshop.css';

/** RO id -> its promise-time warning level, for the cards of the board. */
const PromiseRiskContext = createContext<ReadonlyMap<number, PromiseRiskLevel>>(new Map());

/** The drag payload of a job card: its id, under a type of our own so nothing else dropped is taken for a job. */
const DRAG_TYPE = 'application/x-baydesk-job';

interface AssignTarget {
  jobId: number;
  technicianId: number | null;
}

/** One job on the board: what the foreman needs to dispatch it, and the keyboard way to dispatch it. */
function BoardJobCard(props: {
  job: WorkshopJobDto;
  technicians: BoardTechnicianDto[];
  mayAssign: boolean;
  mayReadClockings: boolean;
  onAssign: (target: AssignTarget) => void;
}) {
  const { t } = useTranslation();
  const [showClockings, setShowClockings] = useState(false);
  const { job } = props;
  const risk = useContext(PromiseRiskContext).get(job.repairOrderId);
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(DRAG_TYPE, String(job.jobId));
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <li
      className={`ws-card ws-state-${job.state}${risk && risk !== 'on_track' ? ` ws-risk-${risk}` : ''}`}
      data-testid={`ws-job-${job.jobId}`}
      aria-label={`${job.roNumber} · ${job.concern}`}
      draggable={props.mayAssign && job.running === null && !showClockings}
      onDragStart={onDragStart}
    >
      <div className="ws-card-head">
        <Link to={`/repair-orders/${job.repairOrderId}`}>{job.roNumber}</Link>
        <span className="mono">{job.plate}</span>
        <span className={`ws-state ws-state-${job.state}`}>{t(`workshop.states.${job.state}`)}</span>
        {risk && risk !== 'on_track' ? (
          <span className="badge ro-late" data-testid={`ws-risk-${job.jobId}`}>
            {t(`roList.risk.levels.${risk}`)}
          </span>
        ) : null}
      </div>
      <div className="ws-card-concern">{job.concern}</div>
      <JobCardFacts job={job} />
      {props.mayAssign ? (
        <select
          aria-label={t('workshop.assignToOf', { number: job.roNumber, concern: job.concern })}
          value={job.technician?.id ?? ''}
          disabled={job.running !== null}
          onChange={(event) =>
            props.onAssign({ jobId: job.jobId, technicianId: event.target.value === '' ? null : Number(event.target.value) })
          }
        >
          <option value="">{t('workshop.nobody')}</option>
          {props.technicians.map((technician) => (
            <option key={technician.id} value={technician.id}>
              {technician.displayName}
            </option>
          ))}
        </select>
      ) : null}
      {props.mayAssign ? <BayForm job={job} /> : null}
      {props.mayReadClockings ? (
        <button type="button" className="link" aria-expanded={showClockings} onClick={() => setShowClockings(!showClockings)}>
          {t('workshop.showClockings')}
        </button>
      ) : null}
      {showClockings ? <ClockingsPanel jobId={job.jobId} /> : null}
    </li>
  );
}

const bayForm = assignInput.pick({ bay: true }).required();
type BayValues = { bay: string };

/** The bay (工位) a job is worked in: typed on the card, Enter saves it. */
function BayForm(props: { job: WorkshopJobDto }) {
  const { t } = useTranslation();
  const saved = useWorkshopSaved();
  const assign = useMutation(orpc.workshop.assign.mutationOptions({ onSuccess: saved }));
  const form = useForm<BayValues, unknown, z.output<typeof bayForm>>({
    resolver: schemaResolver<BayValues, typeof bayForm>(bayForm, t),
    values: { bay: props.job.bay },
  });
  const { submit, unplaced } = useFormSubmit(form, ['bay'], async (values) => {
    await assign.mutateAsync({ jobId: props.job.jobId, technicianId: props.job.technician?.id ?? null, bay: values.bay });
  });
  return (
    <form
      className="ws-inline-form"
      onSubmit={submit}
      noValidate
      aria-label={t('workshop.bayOf', { number: props.job.roNumber })}
    >
      <Field label={t('fields.bay')} name="bay" error={form.formState.errors.bay}>
        <input maxLength={20} autoComplete="off" {...form.register('bay')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('workshop.saveBay')} />
    </form>
  );
}

const skillsForm = setSkillsInput.pick({ concernGroups: true });
type SkillsValues = { concernGroups: string[] };

function SkillsEditor(props: { technician: BoardTechnicianDto; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useWorkshopSaved();
  const save = useMutation(orpc.workshop.setSkills.mutationOptions({ onSuccess: saved }));
  const form = useForm<SkillsValues, unknown, z.output<typeof skillsForm>>({
    resolver: schemaResolver<SkillsValues, typeof skillsForm>(skillsForm, t),
    defaultValues: { concernGroups: [...props.technician.skills] },
  });
  const { submit, unplaced } = useFormSubmit(form, ['concernGroups'], async (values) => {
    await save.mutateAsync({ technicianId: props.technician.id, concernGroups: values.concernGroups });
    props.onDone();
  });
  return (
    <form onSubmit={submit} noValidate aria-label={t('workshop.skillsOf', { name: props.technician.displayName })}>
      <fieldset className="ws-skills">
        <legend>{t('workshop.skillsOf', { name: props.technician.displayName })}</legend>
        {CONCERN_GROUPS.map((group) => (
          <label key={group}>
            <input type="checkbox" value={group} {...form.register('concernGroups')} /> {t(`catalog.groups.${group}`)}
          </label>
        ))}
      </fieldset>
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('workshop.saveSkills')}
        onCancel={props.onDone}
      />
    </form>
  );
}

const attendanceForm = z.strictObject({
  attendedMilli: decimalText(parseQuantity, 3, attendanceInput.shape.attendedMilli),
});
type AttendanceValues = { attendedMilli: string };

function AttendanceForm(props: { technician: BoardTechnicianDto; day: string }) {
  const { t } = useTranslation();
  const saved = useWorkshopSaved();
  const save = useMutation(orpc.workshop.recordAttendance.mutationOptions({ onSuccess: saved }));
  const form = useForm<AttendanceValues, unknown, z.output<typeof attendanceForm>>({
    resolver: schemaResolver<AttendanceValues, typeof attendanceForm>(attendanceForm, t),
    values: { attendedMilli: props.technician.attendedMilli === null ? '' : formatQuantity(props.technician.attendedMilli) },
  });
  const { submit, unplaced } = useFormSubmit(form, ['attendedMilli'], async (values) => {
    await save.mutateAsync({ technicianId: props.technician.id, day: props.day, attendedMilli: values.attendedMilli });
  });
  return (
    <form
      className="ws-inline-form"
      onSubmit={submit}
      noValidate
      aria-label={t('workshop.attendanceOf', { name: props.technician.displayName })}
    >
      <Field label={t('workshop.attendanceHours')} name="attendedMilli" error={form.formState.errors.attendedMilli}>
        <input inputMode="decimal" autoComplete="off" {...form.register('attendedMilli')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('workshop.saveAttendance')} />
    </form>
  );
}

function Column(props: {
  title: string;
  technician?: BoardTechnicianDto;
  jobs: WorkshopJobDto[];
  board: BoardDto;
  mayAssign: boolean;
  mayEditSkills: boolean;
  mayRecordAttendance: boolean;
  mayReadClockings: boolean;
  onAssign: (target: AssignTarget) => void;
}) {
  const { t } = useTranslation();
  const format = useWorkshopFormat();
  const [over, setOver] = useState(false);
  const [editing, setEditing] = useState(false);
  const { technician } = props;
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const jobId = Number(event.dataTransfer.getData(DRAG_TYPE));
    if (jobId) props.onAssign({ jobId, technicianId: technician?.id ?? null });
  };
  return (
    <section
      className={over ? 'ws-column ws-drop' : 'ws-column'}
      aria-label={props.title}
      data-testid={technician ? `ws-column-${technician.id}` : 'ws-column-unassigned'}
      onDragOver={(event) => {
        if (!props.mayAssign || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h2>{props.title}</h2>
      {technician ? (
        <div className="ws-column-facts">
          <span>
            {t('workshop.skills')}:{' '}
            {technician.skills.length > 0
              ? technician.skills.map((group) => t(`catalog.groups.${group}`)).join('、')
              : t('workshop.noSkills')}
          </span>
          <span>{t('workshop.clockedToday', { time: format.minutes(technician.clockedMinutesDay) })}</span>
          <span>
            {t('workshop.attendance')}:{' '}
            {technician.attendedMilli === null ? t('workshop.attendedNone') : format.sold(technician.attendedMilli)}
          </span>
          {props.mayEditSkills && !editing ? (
            <button type="button" className="link" onClick={() => setEditing(true)}>
              {t('workshop.editSkills')}
            </button>
          ) : null}
          {editing ? <SkillsEditor technician={technician} onDone={() => setEditing(false)} /> : null}
          {props.mayRecordAttendance ? <AttendanceForm technician={technician} day={props.board.day} /> : null}
        </div>
      ) : null}
      {props.jobs.length === 0 ? <p className="muted">{t('workshop.noJobs')}</p> : null}
      <ul className="ws-jobs">
        {props.jobs.map((job) => (
          <BoardJobCard
            key={job.jobId}
            job={job}
            technicians={props.board.technicians}
            mayAssign={props.mayAssign}
            mayReadClockings={props.mayReadClockings}
            onAssign={props.onAssign}
          />
        ))}
      </ul>
    </section>
  );
}

/** /workshop: the foreman's dispatch board, a column per technician and the queue of jobs nobody has yet. */
export function WorkshopBoardScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const [day, setDay] = useState('');
  const board = useQuery(orpc.workshop.board.queryOptions({ input: day ? { day } : {} }));
  // The promise-time warning colours the cards of ROs late or at risk (the rule: shared/domain/promise-risk.ts).
  const risks = useQuery({ ...orpc.repairOrders.promiseRisks.queryOptions({ input: {} }), refetchInterval: 60_000 });
  const riskByRo = new Map((risks.data ?? []).map((row) => [row.id, row.level] as const));
  const saved = useWorkshopSaved();
  const assign = useMutation(orpc.workshop.assign.mutationOptions({ onSuccess: saved }));
  const [refused, setRefused] = useState<AssignTarget | null>(null);
  const mayAssign = canCall(user.role, contract.workshop.assign);
  const mayReadClockings = canCall(user.role, contract.workshop.clockings);
  const onAssign = (target: AssignTarget) => {
    setRefused(null);
    assign.mutate(target, {
      onError: (error) => {
        if (toApiError(error).issues.some((issue) => issue.reason === 'assign.skillMissing')) setRefused(target);
      },
    });
  };
  return (
    <div className="page">
      <h1>{t('workshop.boardTitle')}</h1>
      <div className="ws-toolbar">
        <label className="field">
          <span className="field-label">{t('workshop.day')}</span>
          <input type="date" value={day || board.data?.day || ''} onChange={(event) => setDay(event.target.value)} />
        </label>
        {mayAssign ? <p className="muted">{t('workshop.boardHint')}</p> : null}
      </div>
      {assign.isError ? (
        <div className="ws-inline-form">
          <ErrorBanner error={assign.error} />
          {refused ? (
            <button
              type="button"
              onClick={() => assign.mutate({ ...refused, overrideSkills: true }, { onSuccess: () => setRefused(null) })}
            >
              {t('workshop.assignAnyway')}
            </button>
          ) : null}
        </div>
      ) : null}
      {board.isPending ? <Loading /> : null}
      <ErrorBanner error={board.error} />
      <details className="promise-risk">
        <summary>{t('roList.risk.title')}</summary>
        <p className="muted small">{t('roList.risk.rule')}</p>
      </details>
      {board.data ? (
        <PromiseRiskContext.Provider value={riskByRo}>
          <div className="ws-board">
            <Column
              title={t('workshop.unassigned')}
              jobs={board.data.unassigned}
              board={board.data}
              mayAssign={mayAssign}
              mayEditSkills={false}
              mayRecordAttendance={false}
              mayReadClockings={mayReadClockings}
              onAssign={onAssign}
            />
            {board.data.technicians.map((technician) => (
              <Column
                key={technician.id}
                title={technician.displayName}
                technician={technician}
                jobs={technician.jobs}
                board={board.data}
                mayAssign={mayAssign}
                mayEditSkills={canCall(user.role, contract.workshop.setSkills)}
                mayRecordAttendance={canCall(user.role, contract.workshop.recordAttendance)}
                mayReadClockings={mayReadClockings}
                onAssign={onAssign}
              />
            ))}
          </div>
        </PromiseRiskContext.Provider>
      ) : null}
    </div>
  );
}
