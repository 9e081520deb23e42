import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseTooNewError } from '../core/db/migrate';
import { startCore } from '../core/startup';
import { startBackupSchedule } from '../core/backups/schedule';
import { loadDeskToken } from './desk-token';
import { isLoopbackHost, startHttpServer } from './http-server';

/**
 * Browser mode: `node out/main/server.js [--db file] [--demo] [--port 5178] [--host 127.0.0.1]`.
 * Prints the URL to open; stops cleanly on Ctrl+C. With a --host other desks can reach (e.g. 0.0.0.0 or the
 * machine's LAN address), every request needs the desk token kept in the data folder; the printed URL carries it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      demo: { type: 'boolean', default: false },
      port: { type: 'string', default: process.env.BAYDESK_PORT ?? '5178' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const file = resolve(values.db ?? join('.data', values.demo ? 'demo.sqlite' : 'baydesk.sqlite'));
  // A demo in browser mode opens on thirteen months of history (the e2e tests start their core without it).
  const core = await startCore({ file, demo: values.demo, history: values.demo });
  const backups = startBackupSchedule(core.deps);
  const deskToken = isLoopbackHost(values.host) ? null : loadDeskToken(dirname(file));
  const server = await startHttpServer({
    core,
    host: values.host,
    deskToken,
    port: Number(values.port),
    staticDir: join(__dirname, '../renderer'),
  });
  if (deskToken) {
    console.log(`BayDesk browser mode for other desks: ${server.url}/?token=${deskToken}  (database ${file})`);
    console.log('Open that address (with this machine\'s LAN address if the host is 0.0.0.0); keep the token private.');
  } else console.log(`BayDesk browser mode: ${server.url}/  (database ${file})`);

  const stop = async (): Promise<void> => {
    backups.stop();
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof DatabaseTooNewError ? error.message : error);
  process.exit(1);
});
