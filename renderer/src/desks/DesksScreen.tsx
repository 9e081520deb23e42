import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeskDto } from '../../../shared/contract/desks';
import { orpc } from '../api/client';
import { ConfirmButton } from '../ui/ConfirmButton';
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
        {list.data && list.data.length === 0 ? <p className="muted">{t('desks.empty')}</p> : null}
        {list.data && list.data.length > 0 ? (
          <table className="results" aria-label={t('desks.title')}>
            <thead>
              <tr>
                <th>{t('desks.columns.name')}</th>
                <th>{t('desks.columns.paired')}</th>
                <th>{t('desks.columns.lastSeen')}</th>
                <th>{t('desks.columns.address')}</th>
                <th>{t('desks.columns.version')}</th>
                <th>{t('desks.columns.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((desk) => (
                <tr key={desk.id}>
                  <td>{desk.name}</td>
                  <td>{t('desks.pairedBy', { time: formatDateTime(desk.pairedAt), name: desk.pairedBy?.displayName ?? '' })}</td>
                  <td>{desk.lastSeenAt ? formatDateTime(desk.lastSeenAt) : t('desks.never')}</td>
                  <td className="mono small">{desk.lastAddress ?? t('desks.never')}</td>
                  <td className={desk.appVersion && desk.appVersion !== __APP_VERSION__ ? 'mono small warn-text' : 'mono small'}>
                    {desk.appVersion ?? t('desks.browserDesk')}
                  </td>
                  <td>
                    <StateCell desk={desk} />
                  </td>
                  <td>
                    {desk.revokedAt ? null : (
                      <ConfirmButton
                        label={t('desks.revoke')}
                        ariaLabel={t('desks.revokeAria', { name: desk.name })}
                        question={t('desks.revokeQuestion', { name: desk.name })}
                        yes={t('desks.revokeYes')}
                        disabled={revoke.isPending}
                        onConfirm={() => revoke.mutate({ deskId: desk.id })}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Section>
    </div>
  );
}
