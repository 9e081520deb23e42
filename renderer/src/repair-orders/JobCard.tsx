import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { contract } from '../../../shared/contract';
import { repairOrderEditValues } from '../../../shared/contract/concurrent-edits';
import {
  RO_PAYERS,
  updateJobInput,
  type RepairOrderDetail,
  type RoJobDto,
  type RoLineDto,
} from '../../../shared/contract/repair-orders';
import { CONCERN_GROUPS } from '../../../shared/domain/concern-groups';
import { GUARANTEE_CATEGORIES } from '../../../shared/domain/guarantee';
import { isOpenStatus } from '../../../shared/domain/repair-order-status';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { schemaResolver } from '../ui/form-resolver';
import { useFormSubmit } from '../ui/form-submit';
import { findStale, StaleVersionNotice, useStaleGuard, withoutStale } from '../ui/StaleVersionNotice';
import { EnumSelect, Field } from '../ui/widgets';
import { AddLaborLine, AddPartLine, DiscountForm } from './LineForms';
import { PartSupplyBadge } from './PartSupplyBadge';
import { RoError, RoFormFooter } from './RoError';
import { useRoFormat } from './ro-format';
import { useRoSaved } from './use-ro-write';
import { ConfirmButton } from '../ui/ConfirmButton';
import { JobWorkshopFacts } from '../workshop/JobWorkshopFacts';

/** Which one form is open on the RO page: one at a time, so the page never holds two half-typed forms. */
export type OpenPanel = { jobId: number; panel: 'edit' | 'labor' | 'part' } | { lineId: number; panel: 'discount' } | null;

const jobForm = updateJobInput
  .pick({ concern: true, cause: true, correction: true, concernGroup: true, payer: true })
  .required()
  .extend({
    // '' in the select is "not set yet".
    workCategory: z
      .string()
      .transform((value) => (value === '' ? null : value))
      .pipe(updateJobInput.shape.workCategory.unwrap()),
  });
type JobValues = z.input<typeof jobForm>;
const JOB_FIELDS = ['concern', 'cause', 'correction', 'concernGroup', 'payer', 'workCategory'];

function JobForm(props: { ro: RepairOrderDetail; job: RoJobDto; onDone: () => void }) {
  const { t } = useTranslation();
  const saved = useRoSaved();
  const update = useMutation(orpc.repairOrders.updateJob.mutationOptions({ onSuccess: saved }));
  const { job } = props;
  const form = useForm<JobValues, unknown, z.output<typeof jobForm>>({
    resolver: schemaResolver<JobValues, typeof jobForm>(jobForm, t),
    defaultValues: {
      concern: job.concern,
      cause: job.cause,
      correction: job.correction,
      concernGroup: job.concernGroup,
      payer: job.payer,
      workCategory: job.workCategory ?? '',
    },
  });
  // The RO as the form opened it: a refresh after another desk's save must not move the version under the form.
  const guard = useStaleGuard({ version: props.ro.version, loaded: repairOrderEditValues(props.ro) });
  const queryClient = useQueryClient();
  const { submit, unplaced } = useFormSubmit(form, JOB_FIELDS, async (values) => {
    await update.mutateAsync({ id: props.ro.id, version: guard.version() ?? props.ro.version, jobId: job.id, ...values });
    props.onDone();
  });
  const stale = findStale(unplaced);
  const errors = form.formState.errors;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('ro.editJob')}>
      <Field label={t('fields.concern')} name="concern" error={errors.concern} wide>
        <textarea maxLength={1000} {...form.register('concern')} />
      </Field>
      <Field label={t('fields.cause')} name="cause" error={errors.cause}>
        <textarea maxLength={2000} {...form.register('cause')} />
      </Field>
      <Field label={t('fields.correction')} name="correction" error={errors.correction}>
        <textarea maxLength={2000} {...form.register('correction')} />
      </Field>
      <Field label={t('fields.concernGroup')} name="concernGroup" error={errors.concernGroup}>
        <EnumSelect values={CONCERN_GROUPS} catalogue="catalog.groups" {...form.register('concernGroup')} />
      </Field>
      <Field label={t('fields.payer')} name="payer" error={errors.payer}>
        <EnumSelect values={RO_PAYERS} catalogue="ro.payers" {...form.register('payer')} />
      </Field>
      <Field label={t('fields.workCategory')} name="workCategory" error={errors.workCategory}>
        <select {...form.register('workCategory')}>
          <option value="">{t('ro.workCategoryUnset')}</option>
          {GUARANTEE_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`ro.workCategories.${category}`)}
            </option>
          ))}
        </select>
      </Field>
      {stale ? (
        <StaleVersionNotice
          thing="repairOrder"
          current={stale.current}
          guard={guard}
          busy={form.formState.isSubmitting}
          onReload={() => {
            void queryClient.invalidateQueries({ queryKey: orpc.repairOrders.key() });
            props.onDone();
          }}
          onSave={() => void submit()}
        />
      ) : null}
      <RoFormFooter
        unplaced={withoutStale(unplaced)}
        submitting={form.formState.isSubmitting}
        submitLabel={t('customer.save')}
        onCancel={props.onDone}
      />
    </form>
  );
}

function LineRow(props: {
  ro: RepairOrderDetail;
  line: RoLineDto;
  mayDiscount: boolean;
  mayRemove: boolean;
  busy: boolean;
  open: OpenPanel;
  setOpen: (panel: OpenPanel) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const format = useRoFormat();
  const { line } = props;
  const discounting = props.open?.panel === 'discount' && props.open.lineId === line.id;
  const labor = line.kind === 'labor';
  return (
    <>
      <tr data-line-id={line.id}>
        <td className="mono">{line.code || '—'}</td>
        <td>
          {format.name(line) || line.nameZh} {line.supply ? <PartSupplyBadge supply={line.supply} /> : null}
        </td>
        <td className="num">{labor ? format.hours(line.qtyMilli) : format.qty(line.qtyMilli)}</td>
        <td className="num">{labor ? format.rate(line.unitPriceFen) : format.money(line.unitPriceFen)}</td>
        <td>
          {line.discountBp > 0 ? (
            <>
              {format.percent(line.discountBp)} <span className="muted small">{line.discountReason}</span>
            </>
          ) : (
            <span className="muted">—</span>
          )}
        </td>
        <td className="num">{format.money(line.totalFen)}</td>
        {props.mayDiscount || props.mayRemove ? (
          <td className="ro-line-actions">
            {props.mayDiscount ? (
              <button
                type="button"
                className="link"
                onClick={() => props.setOpen(discounting ? null : { lineId: line.id, panel: 'discount' })}
              >
                {t('ro.discount')}
              </button>
            ) : null}
            {props.mayRemove ? (
              <ConfirmButton
                className="link"
                label={t('ro.removeLine')}
                question={t('ro.confirmRemoveLine')}
                disabled={props.busy}
                onConfirm={props.onRemove}
              />
            ) : null}
          </td>
        ) : null}
      </tr>
      {discounting ? (
        <tr className="ro-line-editor">
          <td colSpan={7}>
            <DiscountForm ro={props.ro} line={line} onDone={() => props.setOpen(null)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** One job: the customer's words, the findings, its lines and what it costs; edited in place by those who may. */
export function JobCard(props: {
  ro: RepairOrderDetail;
  job: RoJobDto;
  index: number;
  open: OpenPanel;
  setOpen: (panel: OpenPanel) => void;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const format = useRoFormat();
  const saved = useRoSaved();
  const { ro, job, open, setOpen } = props;
  const removeLine = useMutation(orpc.repairOrders.removeLine.mutationOptions({ onSuccess: saved }));
  const removeJob = useMutation(orpc.repairOrders.removeJob.mutationOptions({ onSuccess: saved }));
  const [lastError, setLastError] = useState<'line' | 'job' | null>(null);
  // The status rule for edits is shared with the core (isOpenStatus); removals are left to the core, which says why not.
  const editable = isOpenStatus(ro.status);
  const may = (procedure: Parameters<typeof canCall>[1]) => editable && canCall(user.role, procedure);
  const openHere = open !== null && 'jobId' in open && open.jobId === job.id ? open.panel : null;
  const toggle = (panel: 'edit' | 'labor' | 'part') => setOpen(openHere === panel ? null : { jobId: job.id, panel });
  const lines = [...job.laborLines, ...job.partLines];
  const mayDiscount = may(contract.repairOrders.setLineDiscount);
  const mayRemoveLine = may(contract.repairOrders.removeLine);
  const title = t('ro.jobN', { n: props.index + 1 });
  return (
    <section className="card ro-job" aria-label={title} data-job-id={job.id}>
      <header className="card-header">
        <h2>
          {title} <span className="badge">{t(`catalog.groups.${job.concernGroup}`)}</span>{' '}
          <span className="badge">{t(`ro.payers.${job.payer}`)}</span>
          {job.workCategory ? <span className="badge">{t(`ro.workCategories.${job.workCategory}`)}</span> : null}
          <span className={`badge ro-auth ro-auth-${job.authorization}`} data-testid={`job-authorisation-${props.index + 1}`}>
            {t(`authorisation.states.${job.authorization}`)}
          </span>
        </h2>
        <div className="card-actions">
          {may(contract.repairOrders.updateJob) ? (
            <button type="button" onClick={() => toggle('edit')}>
              {t('ro.editJob')}
            </button>
          ) : null}
          {may(contract.repairOrders.addLaborLine) ? (
            <button type="button" onClick={() => toggle('labor')}>
              {t('ro.addLabor')}
            </button>
          ) : null}
          {may(contract.repairOrders.addPartLine) ? (
            <button type="button" onClick={() => toggle('part')}>
              {t('ro.addPart')}
            </button>
          ) : null}
          {may(contract.repairOrders.removeJob) ? (
            <ConfirmButton
              label={t('ro.removeJob')}
              question={t('ro.confirmRemoveJob')}
              disabled={removeJob.isPending}
              onConfirm={() => {
                setLastError('job');
                removeJob.mutate({ id: ro.id, version: ro.version, jobId: job.id });
              }}
            />
          ) : null}
        </div>
      </header>
      <JobWorkshopFacts repairOrderId={ro.id} jobId={job.id} />
      {openHere === 'edit' ? (
        <JobForm ro={ro} job={job} onDone={() => setOpen(null)} />
      ) : (
        <dl className="facts">
          <dt>{t('fields.concern')}</dt>
          <dd className="ro-concern">{job.concern}</dd>
          <dt>{t('fields.cause')}</dt>
          <dd>{job.cause || <span className="muted">—</span>}</dd>
          <dt>{t('fields.correction')}</dt>
          <dd>{job.correction || <span className="muted">—</span>}</dd>
        </dl>
      )}
      <RoError error={lastError === 'job' ? removeJob.error : lastError === 'line' ? removeLine.error : null} />
      {lines.length === 0 ? (
        <p className="muted">{t('ro.noLines')}</p>
      ) : (
        <table className="results ro-lines" aria-label={t('ro.linesOf', { job: title })}>
          <thead>
            <tr>
              <th>{t('ro.columns.code')}</th>
              <th>{t('ro.columns.name')}</th>
              <th className="num">{t('ro.columns.qty')}</th>
              <th className="num">{t('ro.columns.price')}</th>
              <th>{t('ro.columns.discount')}</th>
              <th className="num">{t('ro.columns.total')}</th>
              {mayDiscount || mayRemoveLine ? <th aria-label={t('ro.columns.actions')} /> : null}
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <Fragment key={line.id}>
                <LineRow
                  ro={ro}
                  line={line}
                  mayDiscount={mayDiscount}
                  mayRemove={mayRemoveLine}
                  busy={removeLine.isPending}
                  open={open}
                  setOpen={setOpen}
                  onRemove={() => {
                    setLastError('line');
                    removeLine.mutate({ id: ro.id, version: ro.version, lineId: line.id });
                  }}
                />
              </Fragment>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={5}>{t('ro.jobTotal')}</th>
              <th className="num" data-testid={`job-total-${props.index + 1}`}>
                {format.money(job.totals.totalFen)}
              </th>
              {mayDiscount || mayRemoveLine ? <th /> : null}
            </tr>
          </tfoot>
        </table>
      )}
      {openHere === 'labor' ? <AddLaborLine ro={ro} jobId={job.id} onDone={() => setOpen(null)} /> : null}
      {openHere === 'part' ? <AddPartLine ro={ro} jobId={job.id} onDone={() => setOpen(null)} /> : null}
    </section>
  );
}
