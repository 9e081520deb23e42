import { ipcMain } from 'electron';
import log from 'electron-log/main';
import type { ConnectDeskAnswer, DeskInfo } from '../../shared/contract/desks';
import type { DeskConfig, SecretBox } from '../desk-link/desk-config';
import { joinServer, keepDatabaseHere } from '../desk-link/join';
import { isLocalAppUrl } from './security';

/** Channels of the desk's set-up (the preload's `desk`, `keepDatabaseHere` and `connectToServer`). */
export const DESK_INFO_CHANNEL = 'baydesk:desk-info';
export const KEEP_DATABASE_CHANNEL = 'baydesk:keep-database-here';
export const CONNECT_SERVER_CHANNEL = 'baydesk:connect-to-server';

export interface DeskSetupOptions {
  dataDir: string;
  box: SecretBox;
  /** What the page is told the desk is. */
  info: () => DeskInfo;
  /** The first run's choice, written to desk.json: the caller starts the desk that way. */
  chosen: (config: DeskConfig) => void;
}

/**
 * The first run's two ways (issue 16 item 4), over IPC: only the desk's own first-run page may choose, once; the
 * choice is kept in desk.json (electron/desk-link/join.ts) and the desk starts that way now and at every later start.
 */
export function serveDeskSetup(options: DeskSetupOptions): void {
  let choosing = true;
  const mayChoose = (url: string | undefined): boolean =>
    choosing && options.info().mode === 'first-run' && isLocalAppUrl(url ?? '');

  ipcMain.on(DESK_INFO_CHANNEL, (event) => {
    event.returnValue = options.info();
  });
  ipcMain.handle(KEEP_DATABASE_CHANNEL, (event): boolean => {
    if (!mayChoose(event.senderFrame?.url)) return false;
    choosing = false;
    log.info('[main] first run: this PC keeps the database');
    options.chosen(keepDatabaseHere(options.dataDir));
    return true;
  });
  ipcMain.handle(CONNECT_SERVER_CHANNEL, async (event, raw: unknown): Promise<ConnectDeskAnswer> => {
    if (!mayChoose(event.senderFrame?.url))
      return { ok: false, error: { code: 'FORBIDDEN', issues: [{ reason: 'desk.setupClosed' }] } };
    choosing = false; // one pairing at a time: a second click waits for this one's answer
    const joining = await joinServer(raw, options.dataDir, options.box).finally(() => (choosing = true));
    if (!joining.config) {
      log.warn(`[main] pairing refused: ${joining.answer.ok ? '' : joining.answer.error.issues.map((i) => i.reason).join(', ')}`);
      return joining.answer;
    }
    choosing = false;
    log.info(`[main] joined ${joining.config.mode === 'server' ? joining.config.origin : ''}`);
    options.chosen(joining.config);
    return joining.answer;
  });
}
