import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseTooNewError } from '../core/db/migrate';
import { startCore } from '../core/startup';
import { describeUpgrade, StartupProgress } from '../core/startup-progress';
import { startBackupSchedule } from '../core/backups/schedule';
import { startFollowupSchedule } from '../core/followup/schedule';
import { BUNDLED_WORKER } from '../core/workers/script';
import { loadServerCertificate } from './certificate';
import { isLoopbackHost, startHttpServer } from './http-server';

/**
 * Browser mode: `node out/main/server.js [--db file] [--demo] [--port 5178] [--host 127.0.0.1]`.
 * Prints the URL to open; stops cleanly on Ctrl+C. With a --host other desks can reach (e.g. 0.0.0.0 or the
 * machine's LAN address) it serves HTTPS only, with the certificate kept in the data folder (made at the first such
 * start; its SHA-256 fingerprint is printed), and only to desks paired with a code from Settings → Desks.
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
  // Listen before the core is open: upgrading a ten-year file takes a minute or two, and a desk that opens the page
  // meanwhile sees the progress instead of a refused connection. The console gets the same, a line every 2 s.
  const opening = new StartupProgress();
  let lastLine = 0;
  opening.onChange((progress) => {
    const now = Date.now();
    if (now - lastLine < 2000 && progress.done !== progress.total) return;
    lastLine = now;
    console.log(describeUpgrade(progress));
  });
  // A demo in browser mode opens on thirteen months of history (the e2e tests start their core without it).
  // Backups and long reads run in worker threads from the bundled out/main/core-worker.js, next to this file.
  const workers = { script: join(__dirname, BUNDLED_WORKER) };
  const opened = startCore({ file, demo: values.demo, history: values.demo, onUpgradeProgress: opening.report, workers });
  // Off loopback: HTTPS only (startHttpServer refuses plain HTTP there), never a plain-HTTP fallback.
  const tls = isLoopbackHost(values.host) ? null : await loadServerCertificate(dirname(file));
  const server = await startHttpServer({
    core: opened,
    opening,
    host: values.host,
    tls,
    port: Number(values.port),
    staticDir: join(__dirname, '../renderer'),
    // The desktop installers desks update from: copied next to the database by whoever sets the server up.
    updatesDir: join(dirname(file), 'updates'),
  });
  const core = await opened.catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  const backups = startBackupSchedule(core.deps);
  const followup = startFollowupSchedule(core.deps);
  if (tls) {
    console.log(`BayDesk server for the desks: ${server.url}/  (database ${file})`);
    console.log(`Certificate SHA-256 fingerprint: ${tls.fingerprint}`);
    console.log(
      "Desks open https://<this PC's address>:<port>/, check that fingerprint, and pair with a code from Settings → Desks.",
    );
  } else console.log(`BayDesk browser mode: ${server.url}/  (database ${file})`);

  const stop = async (): Promise<void> => {
    backups.stop();
    followup.stop();
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
