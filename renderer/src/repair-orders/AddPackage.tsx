import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PAGE_SIZE } from '../../../shared/contract/paging';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { orpc } from '../api/client';
import { ErrorBanner, Loading } from '../ui/widgets';
import type { OpenPanel } from './JobCard';
import { RoError } from './RoError';
import { useRoFormat } from './ro-format';
import { useRoSaved } from './use-ro-write';

/** The choice "a job of its own" in the concern picker. */
const NEW_JOB = 'new';

/**
 * The concern a package answers by default: the job whose form is open, else the first job not declined that has no
 * lines yet (the customer's "做1万公里保养" waiting for its work), else a job of its own.
 */
export function defaultPackageJob(ro: RepairOrderDetail, open: OpenPanel): string {
  if (open && 'jobId' in open && ro.jobs.some((job) => job.id === open.jobId)) return String(open.jobId);
  const empty = ro.jobs.find(
    (job) => job.authorization !== 'declined' && job.laborLines.length === 0 && job.partLines.length === 0,
  );
  return empty ? String(empty.id) : NEW_JOB;
}

/**
 * The active maintenance packages with what each comes to as listed, and the concern the package answers: choosing a
 * package fills that concern's job with its lines (or adds a job of its own). The core prices them with the RO's tax,
 * so the job's total may differ from the estimate when prices exclude VAT.
 */
export function AddPackage({ ro, open, onDone }: { ro: RepairOrderDetail; open: OpenPanel; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useRoFormat();
  const saved = useRoSaved();
  const [answers, setAnswers] = useState(() => defaultPackageJob(ro, open));
  // A dealer has tens of packages: one page of the largest size holds them.
  const packages = useQuery(
    orpc.catalog.listPackages.queryOptions({ input: { offset: 0, limit: MAX_PAGE_SIZE, includeRetired: false } }),
  );
  const add = useMutation(
    orpc.repairOrders.addPackage.mutationOptions({
      onSuccess: async (detail) => {
        await saved(detail);
        onDone();
      },
    }),
  );
  if (packages.isPending) return <Loading />;
  if (packages.error) return <ErrorBanner error={packages.error} />;
  return (
    <>
      <label className="field ro-package-answers">
        <span className="field-label">{t('ro.packageAnswers')}</span>
        <select value={answers} onChange={(event) => setAnswers(event.target.value)}>
          {ro.jobs.map((job, index) =>
            job.authorization === 'declined' ? null : (
              <option key={job.id} value={String(job.id)}>
                {t('ro.packageAnswersJob', { number: index + 1, concern: job.concern })}
                {job.laborLines.length + job.partLines.length === 0 ? ` ${t('ro.packageAnswersEmpty')}` : ''}
              </option>
            ),
          )}
          <option value={NEW_JOB}>{t('ro.packageAnswersNew')}</option>
        </select>
      </label>
      {packages.data.rows.length === 0 ? <p className="muted">{t('ro.noActivePackages')}</p> : null}
      <ul className="ro-package-choices" aria-label={t('ro.packageChoices')}>
        {packages.data.rows.map((pkg) => (
          <li key={pkg.id}>
            <button
              type="button"
              disabled={add.isPending}
              onClick={() =>
                add.mutate({
                  id: ro.id,
                  version: ro.version,
                  packageId: pkg.id,
                  ...(answers === NEW_JOB ? {} : { jobId: Number(answers) }),
                })
              }
            >
              <span className="mono">{pkg.code}</span> {format.name(pkg)}{' '}
              <span className="num">{format.money(pkg.totalFen)}</span>
            </button>
          </li>
        ))}
      </ul>
      <RoError error={add.error} />
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t('customer.cancel')}
        </button>
      </div>
    </>
  );
}
