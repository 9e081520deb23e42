import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { assignInput, type BoardDto, type WorkshopJobDto } from '../../../shared/contract/workshop';
import { formatHm } from '../../../shared/domain/appointment-slots';
import type { PromiseRiskLevel } from '../../../shared/domain/promise-risk';
import { orpc } from '../api/client';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { Field } from '../ui/widgets';
import { ClockingsPanel } from './ClockingsPanel';
import { JobCardFacts } from './JobCardFacts';
import { formStarts, plannedMinutes, startInstant, type TimeAxis } from './planner-layout';
import type { PlanTarget } from './planner-rows';
import { useWorkshopSaved } from './workshop-format';

const bayForm = assignInput.pick({ bay: true }).required();
type BayValues = { bay: string };

/** The bay (工位) a job is worked in: typed in the panel, Enter saves it. */
function BayForm(props: { job: WorkshopJobDto; bays: BoardDto['bays'] }) {
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
        <input maxLength={20} autoComplete="off" list="ws-bay-names" {...form.register('bay')} />
        <datalist id="ws-bay-names">
          {props.bays.map((bay) => (
            <option key={bay.name} value={bay.name} />
          ))}
        </datalist>
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('workshop.saveBay')} />
    </form>
  );
}

/**
 * The keyboard way to plan: the technician and the start, chosen from lists (every half hour of the opening hours),
 * then Plan. The same call as a drop on the planner, with the same refusals shown above the planner.
 */
function PlanForm(props: { job: WorkshopJobDto; board: BoardDto; axis: TimeAxis; onPlan: (target: PlanTarget) => void }) {
  const { t } = useTranslation();
  const { job, board } = props;
  const current = plannedMinutes(job, board.day);
  const starts = formStarts(props.axis);
  if (current !== null && !starts.includes(current)) starts.push(current);
  starts.sort((a, b) => a - b);
  const [technicianId, setTechnicianId] = useState(job.technician ? String(job.technician.id) : '');
  const [start, setStart] = useState(current === null ? '' : String(current));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    props.onPlan({
      jobId: job.jobId,
      technicianId: technicianId === '' ? null : Number(technicianId),
      plannedStartAt: technicianId === '' || start === '' ? null : startInstant(board.day, Number(start)),
    });
  };
  const running = job.running !== null;
  return (
    <form
      className="ws-plan-form"
      onSubmit={onSubmit}
      aria-label={t('workshop.planner.planTitle', { number: job.roNumber, concern: job.concern })}
    >
      <label className="field">
        <span className="field-label">{t('workshop.technician')}</span>
        <select
          aria-label={t('workshop.assignToOf', { number: job.roNumber, concern: job.concern })}
          value={technicianId}
          disabled={running}
          onChange={(event) => setTechnicianId(event.target.value)}
        >
          <option value="">{t('workshop.nobody')}</option>
          {board.technicians.map((technician) => (
            <option key={technician.id} value={technician.id}>
              {technician.displayName}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('workshop.planner.start')}</span>
        <select value={start} disabled={technicianId === ''} onChange={(event) => setStart(event.target.value)}>
          <option value="">{t('workshop.planner.noTime')}</option>
          {starts.map((minutes) => (
            <option key={minutes} value={minutes}>
              {formatHm(minutes)}
            </option>
          ))}
        </select>
      </label>
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('workshop.planner.plan')}
        </button>
        {job.technician && !running ? (
          <button type="button" onClick={() => props.onPlan({ jobId: job.jobId, technicianId: null, plannedStartAt: null })}>
            {t('workshop.planner.toQueue')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Beside the planner, for the selected job: its facts, the plan form, its bay and its clockings. */
export function PlannerJobPanel(props: {
  job: WorkshopJobDto;
  board: BoardDto;
  axis: TimeAxis;
  risk: PromiseRiskLevel | undefined;
  mayAssign: boolean;
  mayReadClockings: boolean;
  onPlan: (target: PlanTarget) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [showClockings, setShowClockings] = useState(false);
  const { job, risk } = props;
  return (
    <section
      className="ws-panel"
      data-testid="ws-job-panel"
      aria-label={t('workshop.planner.planTitle', { number: job.roNumber, concern: job.concern })}
    >
      <div className="ws-panel-head">
        <h2>
          <Link to={`/repair-orders/${job.repairOrderId}`}>{job.roNumber}</Link> <span className="mono">{job.plate}</span>
        </h2>
        <button type="button" className="link" onClick={props.onClose}>
          {t('workshop.planner.close')}
        </button>
      </div>
      <div className="ws-card-head">
        <span>{job.makeModel}</span>
        <span className={`ws-state ws-state-${job.state}`}>{t(`workshop.states.${job.state}`)}</span>
        {risk && risk !== 'on_track' ? <span className="badge ro-late">{t(`roList.risk.levels.${risk}`)}</span> : null}
      </div>
      <div className="ws-card-concern">{job.concern}</div>
      <JobCardFacts job={job} />
      {props.mayAssign ? (
        <PlanForm
          key={`${job.jobId}-${job.technician?.id ?? ''}-${job.plannedStartAt ?? ''}`}
          job={job}
          board={props.board}
          axis={props.axis}
          onPlan={props.onPlan}
        />
      ) : null}
      {props.mayAssign ? <BayForm job={job} bays={props.board.bays} /> : null}
      {props.mayReadClockings ? (
        <button type="button" className="link" aria-expanded={showClockings} onClick={() => setShowClockings(!showClockings)}>
          {t('workshop.showClockings')}
        </button>
      ) : null}
      {showClockings ? <ClockingsPanel jobId={job.jobId} /> : null}
    </section>
  );
}
