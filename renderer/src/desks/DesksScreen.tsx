import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeskDto } from '../../../shared/contract/desks';
import { orpc } from '../api/client';
import { ConfirmButton } from '../ui/ConfirmButton';
import { DataTable } from '../ui/DataTable';
import { formatDateTime } from '../ui/format';
import { ErrorBanner, latestError, Loading, Section } from '../ui/widgets';
import '../settings/settings.css';

function StateCell({ desk }: { desk: DeskDto }) {
  const { t } = useTranslation();
  if (!desk.revokedAt) return <span>{t('desks.active')}</span>;
  return (
    <span className="muted">
      {t('desks.revoked', { time: formatDateTime(desk.revokedAt), name: desk.revokedBy?.displayName ?? '' })}
    </span>
  );
}

/** Settings → Desks (manager, administrator): make a pairing code, see every desk, revoke one (issue 16 item 3). */
export function DesksScreen() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery(orpc.desks.list.queryOptions({ input: {} }));
  const makeCode = useMutation(orpc.desks.createPairingCode.mutationOptions());
  const revoke = useMutation(
    orpc.desks.revoke.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: orpc.desks.key() }) }),
  );
  const code = makeCode.data ?? null;

  return (
    <div className="page">
      <Section
        page
        title={t('desks.title')}
        actions={
          <button type="button" className="primary" disabled={makeCode.isPending} onClick={() => makeCode.mutate({})}>
            {t('desks.pairDesk')}
          </button>
        }
      >
        <p className="muted small">{t('desks.hint')}</p>
        <p className="muted small" data-testid="server-version">
          {t('desks.serverVersion', { version: __APP_VERSION__ })}
        </p>
        {code ? (
          <div className="banner" role="status" aria-label={t('desks.codeTitle')}>
            <div>
              {t('desks.codeTitle')}:{' '}
              <strong className="mono pairing-code" data-testid="pairing-code">
                {code.code}
              </strong>
            </div>
            <div className="small">{t('desks.codeHint', { time: formatDateTime(code.expiresAt) })}</div>
          </div>
        ) : null}
        <ErrorBanner error={latestError(makeCode, revoke)} />
        {list.isPending ? <Loading /> : null}
        <ErrorBanner error={list.error} />
        <DataTable<DeskDto>
          caption={t('desks.title')}
          rows={list.data}
          rowKey={(desk) => desk.id}
          empty={t('desks.empty')}
          columns={[
            { id: 'name', header: t('desks.columns.name'), cell: (desk) => desk.name },
            {
              id: 'paired',
              header: t('desks.columns.paired'),
              cell: (desk) =>
                t('desks.pairedBy', { time: formatDateTime(desk.pairedAt), name: desk.pairedBy?.displayName ?? '' }),
            },
            {
              id: 'lastSeen',
              header: t('desks.columns.lastSeen'),
              cell: (desk) => (desk.lastSeenAt ? formatDateTime(desk.lastSeenAt) : t('desks.never')),
            },
            {
              id: 'address',
              header: t('desks.columns.address'),
              className: 'mono small',
              cell: (desk) => desk.lastAddress ?? t('desks.never'),
            },
            {
              id: 'version',
              header: t('desks.columns.version'),
              className: 'mono small',
              cell: (desk) => (
                <span className={desk.appVersion && desk.appVersion !== __APP_VERSION__ ? 'warn-text' : undefined}>
                  {desk.appVersion ?? t('desks.browserDesk')}
                </span>
              ),
            },
            { id: 'state', header: t('desks.columns.state'), cell: (desk) => <StateCell desk={desk} /> },
          ]}
          actions={(desk) =>
            desk.revokedAt ? null : (
              <ConfirmButton
                label={t('desks.revoke')}
                ariaLabel={t('desks.revokeAria', { name: desk.name })}
                question={t('desks.revokeQuestion', { name: desk.name })}
                yes={t('desks.revokeYes')}
                disabled={revoke.isPending}
                onConfirm={() => revoke.mutate({ deskId: desk.id })}
              />
            )
          }
        />
      </Section>
    </div>
  );
}
