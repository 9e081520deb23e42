import { useTranslation } from 'react-i18next';
import type { WorkshopJobDto } from '../../../shared/contract/workshop';
import { useWorkshopFormat } from './workshop-format';

/** The one line of facts under a job's concern, the same on the dispatch board and in a technician's list. */
export function JobCardFacts({ job }: { job: WorkshopJobDto }) {
  const { t } = useTranslation();
  const format = useWorkshopFormat();
  return (
    <div className="ws-card-facts">
      <span className="badge">{t(`catalog.groups.${job.concernGroup}`)}</span>
      {job.origin === 'workshop' ? <span className="badge">{t('workshop.origins.workshop')}</span> : null}
      <span>{format.sold(job.soldMilli)}</span>
      <span>{t('workshop.clocked', { time: format.minutes(job.clockedMinutes) })}</span>
      {job.promisedAt ? <span>{t('workshop.promised', { time: format.time(job.promisedAt) })}</span> : null}
      {job.bay ? <span>{t('workshop.bay', { bay: job.bay })}</span> : null}
      {job.state === 'paused' && job.pauseReason ? (
        <span>
          {t(`workshop.pauseReasons.${job.pauseReason}`)}
          {job.pauseNote ? ` – ${job.pauseNote}` : ''}
        </span>
      ) : null}
    </div>
  );
}
