/**
 * The desks profile's server: the core and its HTTP shell in a process of their own, served as to the dealership's
 * network (HTTPS with the certificate `loadServerCertificate` makes in the data folder, paired desks only), with
 * `trustThisMachine: false` so the bench's desks on 127.0.0.1 count as the LAN's other PCs. Run with
 * `node --import tsx bench/desks/server-process.ts <database file> <data folder>`. Once it listens it prints
 * `BAYDESK_URL <url>`, `BAYDESK_CERT <certificate file>` and `BAYDESK_CODE <pairing code>` (a code the manager made at
 * the server PC itself, as on Settings → Desks: the first desk pairs with it). Reads commands on stdin (`measure`,
 * `report`: the calls slower than 40 ms inside the core since); exits when its stdin closes.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_PASSWORD } from '../../electron/core/db/seed';
import { startCore } from '../../electron/core/startup';
import { CERT_FILE, loadServerCertificate, TLS_DIR } from '../../electron/server/certificate';
import { startHttpServer } from '../../electron/server/http-server';

async function main(): Promise<void> {
  // The bench times every call itself; the core's own slow-call lines would only bury its report. One line per
  // distinct unexpected error is enough.
  // They are counted instead: calls that took over the core's 40 ms inside the core itself (the gate to the answer,
  // neither TLS nor the wait before the handler), told to the bench on `report` (see below).
  const { warn, error } = console;
  const seen = new Set<string>();
  let slow = new Map<string, { n: number; maxMs: number }>();
  console.warn = (...args: unknown[]) => {
    const match = typeof args[0] === 'string' ? /^\[core\] slow procedure (\S+): ([\d.]+) ms/.exec(args[0]) : null;
    if (match) {
      const entry = slow.get(match[1]!) ?? { n: 0, maxMs: 0 };
      slow.set(match[1]!, { n: entry.n + 1, maxMs: Math.max(entry.maxMs, Number(match[2])) });
      return;
    }
    warn(...args);
  };
  console.error = (...args: unknown[]) => {
    if (args[0] === '[core] unexpected error') {
      const first = args[1] instanceof Error ? `${args[1].name}: ${args[1].message}` : String(args[1]);
      if (!seen.has(first)) error(`[core] unexpected error ${first}`);
      seen.add(first);
      return;
    }
    error(...args);
  };
  const [file, dataDir] = process.argv.slice(2);
  if (!file || !dataDir) throw new Error('usage: node --import tsx bench/desks/server-process.ts <database file> <data folder>');
  // As the server's CLI starts it: read workers warmed, the idle limit of sessions.
  const core = await startCore({ file, demo: false });
  const tls = await loadServerCertificate(dataDir);
  const server = await startHttpServer({
    core,
    host: '0.0.0.0',
    port: 0,
    staticDir: null,
    tls,
    serverName: 'Bench server PC',
    trustThisMachine: false,
  });
  const manager = await core.client().users.login({ username: 'manager', password: DEMO_PASSWORD });
  const { code } = await core.client(manager.token).desks.createPairingCode({});
  // The bench's commands, a line each: `measure` starts the count of slow calls again, `report` prints it.
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'measure') slow = new Map();
    if (line === 'report') process.stdout.write(`BAYDESK_SLOW ${JSON.stringify(Object.fromEntries(slow))}\n`);
  });
  process.stdin.on('end', () => {
    void server
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  });
  process.stdout.write(`BAYDESK_URL https://127.0.0.1:${new URL(server.url).port}\n`);
  process.stdout.write(`BAYDESK_CERT ${join(dataDir, TLS_DIR, CERT_FILE)}\n`);
  process.stdout.write(`BAYDESK_CODE ${code}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
