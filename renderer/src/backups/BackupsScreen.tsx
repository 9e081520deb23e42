import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupDto } from '../../../shared/contract/backups';
import { orpc } from '../api/client';
import { setSession } from '../api/session';
import { ConfirmButton } from '../ui/ConfirmButton';
import { DataTable } from '../ui/DataTable';
import { formatDateTime, formatNumber } from '../ui/format';
import { ErrorBanner, latestError, Loading, Section } from '../ui/widgets';
import { LastBackupLine } from './LastBackupLine';
import { RestoreFromElsewhere } from './RestoreFromElsewhere';
import './backups.css';

function CheckCell({ backup }: { backup: BackupDto }) {
  const { t } = useTranslation();
  if (backup.verified === null) return <span className="muted">{t('backups.check.unchecked')}</span>;
  if (backup.verified) return <span>{t('backups.check.ok')}</span>;
  return (
    <span className="field-error">
      {t('backups.check.failed', { problem: t(`backups.problems.${backup.problem ?? 'corrupt'}`) })}
    </span>
  );
}

/** The manager's backups: the last good one, "back up now", every backup with its check, and restore. */
export function BackupsScreen() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [made, setMade] = useState<BackupDto | null>(null);
  const list = useQuery(orpc.backups.list.queryOptions({ input: {} }));
  const backUp = useMutation(orpc.backups.backupNow.mutationOptions());
  const restore = useMutation(orpc.backups.restore.mutationOptions());
  const busy = backUp.isPending || restore.isPending;

  const backUpNow = async (): Promise<void> => {
    setMade(null);
    const backup = await backUp.mutateAsync({});
    setMade(backup);
    await queryClient.invalidateQueries({ queryKey: orpc.backups.key() });
  };
  // The core signed every desk out: this one goes to the login screen at once rather than on its next call.
  // A backup from elsewhere also carries the administrator's password (the core refuses it without).
  const restoreBackup = async (name: string, adminPassword?: string): Promise<void> => {
    await restore.mutateAsync(adminPassword === undefined ? { name, confirm: true } : { name, confirm: true, adminPassword });
    queryClient.clear();
    setSession(null);
  };

  return (
    <div className="page">
      <Section page title={t('backups.title')}>
        <LastBackupLine />
        <p className="muted small">{t('backups.hint')}</p>
        <div className="backups-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void backUpNow().catch(() => undefined)}>
            {t('backups.backUpNow')}
          </button>
          <span className="muted small">{t('backups.folder')}</span>
        </div>
        {made ? (
          <p role="status">
            {made.verified
              ? t('backups.made', { name: made.name })
              : t('backups.madeBad', { name: made.name, problem: t(`backups.problems.${made.problem ?? 'corrupt'}`) })}
          </p>
        ) : null}
        <ErrorBanner error={latestError(backUp, restore)} />
        {list.isPending ? <Loading /> : null}
        <ErrorBanner error={list.error} />
        <DataTable<BackupDto>
          caption={t('backups.title')}
          rows={list.data}
          rowKey={(backup) => backup.name}
          empty={t('backups.empty')}
          columns={[
            { id: 'time', header: t('backups.columns.time'), cell: (backup) => formatDateTime(backup.createdAt) },
            { id: 'kind', header: t('backups.columns.kind'), cell: (backup) => t(`backups.kinds.${backup.kind}`) },
            { id: 'name', header: t('backups.columns.name'), className: 'mono small', cell: (backup) => backup.name },
            {
              id: 'size',
              header: t('backups.columns.size'),
              numeric: true,
              cell: (backup) => t('backups.size', { mb: formatNumber(Math.round(backup.sizeBytes / 104857.6) / 10) }),
            },
            { id: 'check', header: t('backups.columns.check'), cell: (backup) => <CheckCell backup={backup} /> },
            { id: 'origin', header: t('backups.columns.origin'), cell: (backup) => t(`backups.origins.${backup.origin}`) },
          ]}
          actions={(backup) =>
            backup.verified !== false && backup.origin === 'elsewhere' ? (
              <RestoreFromElsewhere
                ariaLabel={t('backups.restoreAria', { name: backup.name })}
                question={t('backups.restoreQuestion', { time: formatDateTime(backup.createdAt) })}
                disabled={busy}
                onConfirm={(adminPassword) => void restoreBackup(backup.name, adminPassword).catch(() => undefined)}
              />
            ) : backup.verified !== false ? (
              <ConfirmButton
                label={t('backups.restore')}
                ariaLabel={t('backups.restoreAria', { name: backup.name })}
                question={t('backups.restoreQuestion', { time: formatDateTime(backup.createdAt) })}
                yes={t('backups.restoreYes')}
                disabled={busy}
                onConfirm={() => void restoreBackup(backup.name).catch(() => undefined)}
              />
            ) : null
          }
        />
      </Section>
    </div>
  );
}
