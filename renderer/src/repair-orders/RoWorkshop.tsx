import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { useWorkshopFormat } from '../workshop/workshop-format';
import { Section } from '../ui/widgets';

/**
 * The RO's jobs as the workshop sees them, one line each: group, approval, technician, where the job stands and the
 * clocked time, the technician's findings. Dispatch itself is the foreman's, on the workshop board.
 */
export function RoWorkshop({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const format = useWorkshopFormat();
  const allowed = canCall(user.role, contract.workshop.roJobs);
  const facts = useQuery({ ...orpc.workshop.roJobs.queryOptions({ input: { repairOrderId: ro.id } }), enabled: allowed });
  return (
    <Section title={t('ro.workshop.title')}>
      <p className="muted small">{t('ro.workshop.hint')}</p>
      <table className="results ro-workshop" aria-label={t('ro.workshop.title')}>
        <thead>
          <tr>
            <th>{t('ro.workshop.job')}</th>
            <th>{t('ro.workshop.concern')}</th>
            <th>{t('ro.workshop.group')}</th>
            <th>{t('ro.workshop.authorisation')}</th>
            <th>{t('ro.workshop.technician')}</th>
            <th>{t('workshop.workshopState')}</th>
            <th>{t('ro.workshop.findings')}</th>
          </tr>
        </thead>
        <tbody>
          {ro.jobs.map((job, index) => {
            const fact = facts.data?.find((candidate) => candidate.jobId === job.id);
            const findings = [job.cause, job.correction].filter(Boolean).join(' / ');
            return (
              <tr key={job.id} data-testid={`ro-workshop-job-${index + 1}`}>
                <td>{t('ro.jobN', { n: index + 1 })}</td>
                <td>{job.concern}</td>
                <td>{t(`catalog.groups.${job.concernGroup}`)}</td>
                <td>{t(`authorisation.states.${job.authorization}`)}</td>
                <td>{job.technician?.displayName ?? <span className="muted">{t('ro.workshop.notDispatched')}</span>}</td>
                <td>
                  {fact ? <span className={`ws-state ws-state-${fact.state}`}>{t(`workshop.states.${fact.state}`)}</span> : '—'}
                  {fact && fact.clockedMinutes > 0 ? (
                    <div className="muted small">{t('workshop.clocked', { time: format.minutes(fact.clockedMinutes) })}</div>
                  ) : null}
                </td>
                <td>{findings || <span className="muted">{t('ro.workshop.noFindings')}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}
