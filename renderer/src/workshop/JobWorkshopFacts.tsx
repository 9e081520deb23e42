import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { useWorkshopFormat } from './workshop-format';
import './workshop.css';

/** On the RO page's job card: where the job stands in the workshop and who has it (one query for the whole RO). */
export function JobWorkshopFacts(props: { repairOrderId: number; jobId: number }) {
  const { t } = useTranslation();
  const user = useUser();
  const format = useWorkshopFormat();
  const allowed = canCall(user.role, contract.workshop.roJobs);
  const facts = useQuery({
    ...orpc.workshop.roJobs.queryOptions({ input: { repairOrderId: props.repairOrderId } }),
    enabled: allowed,
  });
  const job = facts.data?.find((candidate) => candidate.jobId === props.jobId);
  if (!job) return null;
  return (
    <p className="ws-card-facts" data-testid={`job-workshop-${props.jobId}`}>
      <span>
        {t('workshop.workshopState')}:{' '}
        <span className={`ws-state ws-state-${job.state}`}>{t(`workshop.states.${job.state}`)}</span>
        {job.state === 'paused' && job.pauseReason ? ` (${t(`workshop.pauseReasons.${job.pauseReason}`)})` : null}
      </span>
      <span>
        {t('workshop.technician')}: {job.technician?.displayName ?? t('workshop.nobody')}
      </span>
      {job.clockedMinutes > 0 ? <span>{t('workshop.clocked', { time: format.minutes(job.clockedMinutes) })}</span> : null}
      {job.origin === 'workshop' ? <span className="badge">{t('workshop.origins.workshop')}</span> : null}
      {job.proposalNote ? <span>{t('workshop.proposalNote', { note: job.proposalNote })}</span> : null}
    </p>
  );
}
