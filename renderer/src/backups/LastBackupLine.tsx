import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../shared/contract';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatDateTime } from '../ui/format';
import './backups.css';

/**
 * "Last good backup: <time> (n h ago)" for the manager's screens, red when older than two days or when there is
 * none; renders nothing for a role that does not keep the backups. `link` adds the way to the backups screen.
 */
export function LastBackupLine({ link = false }: { link?: boolean }) {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = canCall(user.role, contract.backups.lastGood);
  const query = useQuery({ ...orpc.backups.lastGood.queryOptions({ input: {} }), enabled: allowed });
  if (!allowed || !query.data) return null;
  const { backup, ageHours, stale } = query.data;
  return (
    <p className={stale ? 'last-backup stale' : 'last-backup'} data-testid="last-good-backup" data-stale={stale}>
      {backup ? t('backups.lastGood', { time: formatDateTime(backup.createdAt), hours: ageHours }) : t('backups.none')}
      {link ? (
        <>
          {' '}
          <Link to="/settings/backups">{t('backups.open')}</Link>
        </>
      ) : null}
    </p>
  );
}
