import { useTranslation } from 'react-i18next';
import type { DeskInfo } from '../../../../shared/contract/desks';
import { DeskOwnPage } from './DeskOwnPage';

/**
 * A joined desk whose server does not answer (at start, or after a reload while it is down): one line that says so;
 * the main process knocks every few seconds and shows the server's pages once it answers (electron/main/server-link.ts).
 */
export function ServerUnreachableScreen({ desk }: { desk: Extract<DeskInfo, { mode: 'server' }> }) {
  const { t } = useTranslation();
  return (
    <DeskOwnPage>
      <div className="login-form">
        <h1>{t('desks.firstRun.waitingTitle')}</h1>
        <p role="status">{t('desks.firstRun.waiting', { server: desk.serverName, origin: desk.origin })}</p>
        <p className="muted">{t('desks.firstRun.fingerprint', { fingerprint: desk.fingerprint })}</p>
      </div>
    </DeskOwnPage>
  );
}
