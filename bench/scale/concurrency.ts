/**
 * Issue 13, point 3: no desk waits for another. The core runs as browser mode does, in its own process, and every
 * call goes over real HTTP, so a blocked event loop shows as it would at a desk. One desk types look-ups at human
 * pace, first on an idle core (the baseline), then while other desks run a backup (backups.backupNow), a 24-month KPI
 * trend and a price import of a 300k-line file at the same time. The look-up's p95 under that load must stay within
 * 20 ms. Works whether or not the off-thread work has landed (before it, this case simply FAILs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import type BetterSqlite3 from 'better-sqlite3';
import type { Router } from '../../electron/core/api';
import { DEMO_PASSWORD } from '../../electron/core/db/seed';
import { IMPORT_UPLOAD_TYPE, type ImportFileUploaded } from '../../shared/contract/imports/uploads';
import { PRICE_FILE_UPLOAD_PATH } from '../../shared/contract/parts/price-import';
import type { ColumnMapping } from '../../shared/domain/price-file';
import { normalizePhone } from '../../shared/domain/phone';
import { figuresOf, percentile, type Figures } from './harness';
import { shiftMonth, type Sample } from './sample';

type HttpClient = RouterClient<Router>;

const MAPPING: ColumnMapping = {
  partNumber: 0,
  nameZh: 1,
  nameEn: 2,
  brand: 3,
  unit: 4,
  listPrice: 5,
  cost: 6,
  supersededBy: null,
};
/** A desk types a key every ~120 ms; the look-up asks once typing pauses. Asking every 50 ms is a busy desk. */
const LOOKUP_PACE_MS = 50;

export interface ConcurrencyOptions {
  file: string;
  sample: Sample;
  sqlite: BetterSqlite3.Database;
  priceLines: number;
  /** Look-ups timed on the idle core. */
  baseline: number;
  log(line: string): void;
}

export interface ConcurrencyResult {
  figures: Figures[];
  /** How long each long task took while the look-ups ran (ms), or its error. */
  long: Record<string, { ms: number; error?: string }>;
  lookupsDuringLoad: number;
}

const longAgent = new http.Agent({ keepAlive: true });

/**
 * fetch over node:http without a deadline: Node's fetch gives up on a response whose headers take more than 300 s,
 * and a backup of a ten-year file on a loaded machine may take longer. A desk's browser waits; so does this.
 */
async function patientFetch(request: Request): Promise<Response> {
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      request.url,
      { method: request.method, headers: Object.fromEntries(request.headers), agent: longAgent },
      (res) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
        }
        resolve(new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, { status: res.statusCode ?? 500, headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function httpClient(url: string, token?: string, patient = false): HttpClient {
  return createORPCClient(
    new RPCLink({
      url: `${url}/rpc`,
      headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      ...(patient ? { fetch: (request: Request) => patientFetch(request) } : {}),
    }),
  );
}

async function startServer(file: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/scale/server-process.ts', file], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: process.cwd(),
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the core process did not start within 10 minutes')), 600_000);
    child.once('exit', (code) => reject(new Error(`the core process exited with ${code}`)));
    lines.on('line', (line) => {
      const match = /^BAYDESK_URL (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return { child, url };
}

/** A price file like the OEM's: a share of the master with new prices, the rest new parts. */
function priceFile(sqlite: BetterSqlite3.Database, lines: number): Buffer {
  const known = sqlite
    .prepare('SELECT part_number FROM parts ORDER BY id LIMIT ?')
    .pluck()
    .all(Math.floor(lines / 2)) as string[];
  const rows = ['零件号,名称,英文名称,品牌,单位,零售价,成本'];
  for (let i = 0; i < lines; i++) {
    const number = i < known.length ? known[i]! : `BZ${String(i).padStart(8, '0')}`;
    rows.push(`${number},配件${i},Part ${i},丰田,个,${(100 + (i % 900)).toFixed(2)},${(60 + (i % 500)).toFixed(2)}`);
  }
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`);
}

/** What a desk types at reception: plates, VIN tails, phone tails, names, drawn from the file. */
function lookupTexts(sample: Sample, count: number): string[] {
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    if (kind === 0) texts.push(sample.vehicle("t.plate <> ''").plate);
    else if (kind === 1) texts.push(sample.vehicle().vin.slice(-6));
    else if (kind === 2) texts.push(normalizePhone(sample.phone()).slice(-4));
    else texts.push([...sample.customer().name].slice(0, 2).join(''));
  }
  return texts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timedLookup(client: HttpClient, q: string): Promise<number> {
  const started = performance.now();
  await client.customers.lookup({ q, offset: 0, limit: 20 });
  return performance.now() - started;
}

export async function runConcurrency(options: ConcurrencyOptions): Promise<ConcurrencyResult> {
  const { log } = options;
  const long: ConcurrencyResult['long'] = {};
  log('concurrency: starting the core in its own process (browser mode over HTTP) ...');
  const { child, url } = await startServer(options.file);
  try {
    const tokens = new Map<string, string>();
    const login = async (username: string, patient = false) => {
      const session = await httpClient(url).users.login({ username, password: DEMO_PASSWORD });
      tokens.set(username, session.token);
      return httpClient(url, session.token, patient);
    };
    // The desk types through the fetch a browser has; the long work waits as long as it takes.
    const desk = await login('advisor');
    const manager = await login('manager', true);
    const clerk = await login('parts_clerk', true);
    const texts = lookupTexts(options.sample, 2000);
    let next = 0;
    const text = () => texts[next++ % texts.length]!;

    // Warm-up, then the idle baseline.
    for (let i = 0; i < 20; i++) await timedLookup(desk, text());
    const idle: number[] = [];
    for (let i = 0; i < options.baseline; i++) {
      idle.push(await timedLookup(desk, text()));
      await sleep(5);
    }

    log(`concurrency: writing a price file of ${options.priceLines.toLocaleString('en')} lines ...`);
    const priceBytes = priceFile(options.sqlite, options.priceLines);
    // As the browser sends it: the raw bytes to the HTTP shell's upload path, then importPrepare by the upload id.
    const uploadPrice = async () => {
      const response = await fetch(`${url}${PRICE_FILE_UPLOAD_PATH}`, {
        method: 'POST',
        headers: { 'content-type': IMPORT_UPLOAD_TYPE, authorization: `Bearer ${tokens.get('parts_clerk') ?? ''}` },
        body: priceBytes,
      });
      if (!response.ok) throw new Error(`price file upload: ${response.status} ${await response.text()}`);
      return ((await response.json()) as ImportFileUploaded).uploadId;
    };
    const month = options.sample.month;
    const timed = async (name: string, work: () => Promise<unknown>) => {
      const started = performance.now();
      try {
        await work().catch((error: unknown) => {
          // A keep-alive connection the server closed while this process was busy writing the price file: the
          // request never reached the core. A browser sends it again on a new connection; so does the bench.
          const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
          if (/other side closed|ECONNRESET|socket hang up/.test(cause)) return work();
          throw error;
        });
        long[name] = { ms: performance.now() - started };
      } catch (error) {
        // fetch's own message ("fetch failed") hides the reason in its cause.
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        long[name] = {
          ms: performance.now() - started,
          error: error instanceof Error ? `${error.message}${cause}` : String(error),
        };
      }
    };
    log('concurrency: backup, 24-month KPI trend and price import at once, look-ups meanwhile ...');
    let running = 3;
    const all = Promise.all(
      [
        timed('backups.backupNow', () => manager.backups.backupNow({})),
        timed('reports.kpiTrend (24 months)', () => manager.reports.kpiTrend({ to: shiftMonth(month, 0), months: 24 })),
        timed(`price import (${options.priceLines} lines)`, async () => {
          const prepared = await clerk.parts.importPrepare({ fileName: 'price.csv', uploadId: await uploadPrice() });
          for await (const event of await clerk.parts.importRun({
            importId: prepared.importId,
            mapping: MAPPING,
            onErrors: 'skip',
            commit: true,
          })) {
            void event;
          }
        }),
      ].map((p) => p.finally(() => (running -= 1))),
    );
    const loaded: number[] = [];
    const deadline = Date.now() + 15 * 60_000;
    while ((running > 0 || loaded.length < 30) && Date.now() < deadline) {
      loaded.push(await timedLookup(desk, text()));
      await sleep(LOOKUP_PACE_MS);
    }
    await all;
    for (const [name, r] of Object.entries(long))
      log(`  ${name}: ${(r.ms / 1000).toFixed(1)} s${r.error ? ` (error: ${r.error})` : ''}`);
    const errors = Object.entries(long).filter(([, r]) => r.error);
    const figures = [
      figuresOf({ name: 'look-up over HTTP, idle core', group: 'concurrency' }, idle, []),
      figuresOf(
        { name: 'look-up over HTTP during backup + 24-month trend + import', group: 'concurrency' },
        loaded,
        idle,
        errors.length > 0 ? `long work failed: ${errors.map(([name, r]) => `${name}: ${r.error}`).join('; ')}` : undefined,
        `max ${percentile(loaded, 100).toFixed(0)} ms; raw column = the idle look-up`,
      ),
    ];
    return { figures, long, lookupsDuringLoad: loaded.length };
  } finally {
    longAgent.destroy();
    child.stdin?.end();
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(null);
      });
    });
  }
}
