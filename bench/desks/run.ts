/**
 * The desks profile from end to end: copy the base file into a temporary data folder, start the real server on it in
 * its own process (bench/desks/server-process.ts: HTTPS with its generated certificate, paired desks only, 127.0.0.1
 * counted as the LAN), pair the desks over HTTPS (the first with the code the manager made at the server PC, the rest
 * with codes the manager makes from that first desk, one code per desk), sign each desk's user in, then let every
 * desk run its role's mix (mix.ts) for the given time, every call timed at the desk's transport; the server's RSS is
 * read from /proc meanwhile. Returns every figure; printing is report.ts's.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { openCore } from '../../electron/core/core';
import { DEMO_PASSWORD } from '../../electron/core/db/seed';
import { Random } from '../../electron/core/db/seed/random';
import { fingerprintOf, type ServerCertificate } from '../../electron/server/certificate';
import type { Role } from '../../shared/domain/roles';
import { serviceDay } from '../scale/cases-writes';
import { percentile } from '../scale/harness';
import { readCases } from '../scale/run';
import { Sample } from '../scale/sample';
import {
  ADVISOR_CHAIN,
  CARRY_ON,
  casesByName,
  COMPLAINT_STEP,
  CUSTOMER_CHAIN,
  DISPATCH_STEP,
  desksFor,
  MIX,
  pick,
  type Choice,
  type DayState,
  type DeskSpec,
  type WriteKind,
} from './mix';
import { GOALS, type CallClass, type DesksOptions, type DesksResult } from './figures';
import { message, Recorder } from './recorder';
import { cpuMsOf, memoryOf, slowCalls, startServer, stopServer, type ServerHandle } from './server-handle';
import { deskTransport, type DeskClient, type DeskTransport } from './transport';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- the desks ---

interface Desk {
  spec: DeskSpec;
  transport: DeskTransport;
  client: DeskClient;
  /** The class of the action it is doing now (its transport files its calls under it). */
  doing: { cls: CallClass };
  actions: number;
  failures: number;
  firstFailure?: string;
  chain: { state: DayState | null; step: number };
  customer: { state: DayState | null; step: number };
}

export async function runDesks(options: DesksOptions): Promise<DesksResult> {
  const { log } = options;
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  if (!existsSync(options.base)) throw new Error(`no database at ${options.base}`);
  const dir = mkdtempSync(join(tmpdir(), 'baydesk-desks-bench-'));
  const recorder = new Recorder();
  const desks: Desk[] = [];
  let server: ServerHandle | null = null;
  let sqlite: BetterSqlite3.Database | null = null;
  try {
    const file = join(dir, 'baydesk.sqlite');
    copyFileSync(options.base, file);
    if (existsSync(`${options.base}-wal`)) copyFileSync(`${options.base}-wal`, `${file}-wal`);
    log(`copied ${options.base} to ${file}; the server's data folder (certificate, backups) is ${dir}`);
    // A base of an older schema (the scale generator writes schema 21) is upgraded here first, so the server starts as
    // on any working day and its memory is not the upgrade's.
    const upgradeStarted = performance.now();
    await (await openCore({ file, workers: 'in-process' })).close();
    log(`the copy is at the current schema (${((performance.now() - upgradeStarted) / 1000).toFixed(1)} s, not counted)`);

    let started = performance.now();
    log('starting the server in its own process (HTTPS, paired desks only, trustThisMachine: false) ...');
    server = await startServer(file, dir);
    const serverMs = performance.now() - started;
    const pid = server.child.pid!;
    const startedMemory = memoryOf(pid);
    const cert = readFileSync(server.certFile, 'utf8');
    const pinned: ServerCertificate = { cert, key: '', fingerprint: fingerprintOf(cert) };
    log(
      `server pid ${pid} at ${server.url} (certificate ${pinned.fingerprint.slice(0, 23)}…), up in ${(serverMs / 1000).toFixed(1)} s`,
    );

    // Pairing: the manager's desk with the code made at the server PC, then one fresh code per desk from it. Never a
    // wrong code: five in a row would lock pairing for every desk for 15 minutes.
    started = performance.now();
    const specs = desksFor(options.desks);
    /** The class of what each desk does now: each desk does one thing at a time, so its calls are that action's. */
    const doing = new Map<DeskSpec, { cls: CallClass }>();
    const pairOne = async (spec: DeskSpec, code: string): Promise<DeskTransport> => {
      const unpaired = deskTransport(server!.url, pinned, null, () => undefined);
      try {
        const paired = await unpaired.client().desks.pair({ code, name: spec.name });
        if (paired.certificateFingerprint !== pinned.fingerprint)
          throw new Error(`the server's pair answer names another certificate (${paired.certificateFingerprint})`);
        const now = { cls: 'read' as CallClass };
        doing.set(spec, now);
        return deskTransport(server!.url, pinned, paired.credential, (call) => recorder.call(now.cls, call));
      } finally {
        unpaired.close();
      }
    };
    const transports: DeskTransport[] = [];
    transports.push(await pairOne(specs[0]!, server.code));
    const signIn = async (transport: DeskTransport, spec: DeskSpec): Promise<DeskClient> => {
      // A file without that user (another seed) still has the demo user of the role (username = role).
      for (const username of [spec.username, spec.role]) {
        try {
          const session = await transport.client().users.login({ username, password: DEMO_PASSWORD });
          if (username !== spec.username) log(`  ${spec.name}: no user ${spec.username}, signed in as ${username}`);
          return transport.client(session.token);
        } catch (error) {
          if (username === spec.role) throw new Error(`${spec.name}: cannot sign in as ${username}: ${message(error)}`);
        }
      }
      throw new Error('unreachable');
    };
    const managerClient = await signIn(transports[0]!, specs[0]!);
    if (specs[0]!.role !== 'manager') throw new Error('the first desk must be the manager office (it makes the codes)');
    for (const spec of specs.slice(1)) {
      const { code } = await managerClient.desks.createPairingCode({});
      transports.push(await pairOne(spec, code));
    }
    const pairingMs = performance.now() - started;
    log(`paired ${specs.length} desks in ${(pairingMs / 1000).toFixed(1)} s (each its own credential)`);

    started = performance.now();
    for (const [i, spec] of specs.entries()) {
      const client = i === 0 ? managerClient : await signIn(transports[i]!, spec);
      desks.push({
        spec,
        transport: transports[i]!,
        client,
        doing: doing.get(spec)!,
        actions: 0,
        failures: 0,
        chain: { state: null, step: 0 },
        customer: { state: null, step: 0 },
      });
    }
    const signInMs = performance.now() - started;
    log(`signed in ${desks.map((d) => `${d.spec.name}: ${d.spec.username}`).join(', ')} (${(signInMs / 1000).toFixed(1)} s)`);

    // The bench draws its inputs from the same file, read-only beside the server (WAL: it never blocks a write).
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const sample = new Sample(sqlite, options.seed);
    const cases = casesByName(readCases());
    const flow = serviceDay({
      advisor: sample.userId('advisor'),
      technician: sample.userId('technician'),
      foreman: sample.userId('foreman'),
      agent: sample.userId('csi_agent'),
    });
    const step = (name: string) => {
      const found = flow.steps.find((s) => s.name === name);
      if (!found) throw new Error(`no step "${name}" in the service day`);
      return found;
    };
    const clientOfRole = (role: Role) => {
      const desk = desks.find((d) => d.spec.role === role);
      if (!desk) throw new Error(`no desk of a ${role}`);
      return desk.client;
    };
    /** Approved ROs waiting for the foreman; dispatched ones, for the CSI agents' complaints. */
    const toDispatch: DayState[] = [];
    const dispatched: DayState[] = [];
    const random = new Random(options.seed ^ 0xdec5);

    /** One write of the desk's role; false when it has nothing to write now (the desk reads instead). */
    const write = async (desk: Desk, kind: WriteKind): Promise<boolean> => {
      if (kind === 'ro-chain' || kind === 'customer-chain') {
        const names = kind === 'ro-chain' ? ADVISOR_CHAIN : CUSTOMER_CHAIN;
        const chain = kind === 'ro-chain' ? desk.chain : desk.customer;
        chain.state ??= flow.begin(sample);
        const name = names[chain.step]!;
        try {
          await step(name).api(desk.client, chain.state, clientOfRole);
        } catch (error) {
          // The car's paperwork starts again with another car.
          chain.state = null;
          chain.step = 0;
          throw Object.assign(new Error(`${name}: ${message(error)}`), { cause: error });
        }
        chain.step += 1;
        if (chain.step === names.length) {
          if (kind === 'ro-chain') toDispatch.push(chain.state);
          chain.state = null;
          chain.step = 0;
        }
        return true;
      }
      if (kind === 'dispatch') {
        const state = toDispatch.shift();
        if (!state) return false;
        await step(DISPATCH_STEP).api(desk.client, state, clientOfRole);
        dispatched.push(state);
        return true;
      }
      const state = dispatched.length > 0 ? random.pick(dispatched) : null;
      if (!state) return false;
      await step(COMPLAINT_STEP).api(desk.client, state, clientOfRole);
      return true;
    };

    const readChoices = (role: Role) => MIX[role].filter((c) => 'read' in c);
    const act = async (desk: Desk): Promise<void> => {
      // Paperwork under way is usually carried on: the next line of the RO, not another screen.
      const carryOn: Choice | null =
        desk.chain.step > 0 && random.next() < CARRY_ON
          ? { write: 'ro-chain', weight: 1 }
          : desk.customer.step > 0 && random.next() < CARRY_ON
            ? { write: 'customer-chain', weight: 1 }
            : null;
      const choice = carryOn ?? pick(MIX[desk.spec.role], () => random.next());
      let what = '';
      try {
        if ('write' in choice) {
          desk.doing.cls = 'write';
          what = choice.write;
          if (await write(desk, choice.write)) return;
        }
        const read = 'read' in choice ? choice : pick(readChoices(desk.spec.role), () => random.next());
        if (!('read' in read)) return;
        desk.doing.cls = 'read';
        what = read.read;
        const c = cases.get(read.read)!;
        await c.api(desk.client, c.draw(sample));
      } catch (error) {
        desk.failures += recorder.measuring ? 1 : 0;
        if (recorder.measuring) desk.firstFailure ??= `${what}: ${message(error)}`;
        recorder.failure(desk.spec.name, what, error);
      } finally {
        desk.actions += recorder.measuring ? 1 : 0;
      }
    };

    log('morning: every desk opens each screen of its mix once (not counted) ...');
    const morningStarted = performance.now();
    const openings: { what: string; ms: number }[] = [];
    const failedOpenings: { what: string; error: string }[] = [];
    await Promise.all(
      desks.map(async (desk) => {
        for (const choice of MIX[desk.spec.role]) {
          if (!('read' in choice)) continue;
          const c = cases.get(choice.read)!;
          const what = `${desk.spec.name}: ${choice.read}`;
          const started = performance.now();
          try {
            await c.api(desk.client, c.draw(sample));
            openings.push({ what, ms: performance.now() - started });
          } catch (error) {
            failedOpenings.push({ what, error: message(error) });
          }
        }
      }),
    );
    const morning = {
      ms: performance.now() - morningStarted,
      slowest: openings.sort((a, b) => b.ms - a.ms).slice(0, 5),
      failed: failedOpenings,
    };

    const think = (desk: Desk) => desk.spec.thinkMs * options.pace * (0.5 + random.next());
    const warmupEnd = Date.now() + options.warmupSeconds * 1000;
    const end = warmupEnd + options.seconds * 1000;
    const memory: number[] = [];
    let startMemory: { rss: number; hwm: number } | null = null;
    let startCpu: number | null = null;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    let measuredStarted = 0;
    let measuredEnded = 0;
    const sampler = setInterval(() => {
      const m = memoryOf(pid);
      if (m && recorder.measuring) memory.push(m.rss);
    }, 250);
    const beginMeasuring = setTimeout(
      () => {
        startMemory = memoryOf(pid);
        startCpu = cpuMsOf(pid);
        loopDelay.enable();
        server?.child.stdin?.write('measure\n');
        measuredStarted = performance.now();
        recorder.measuring = true;
      },
      Math.max(0, warmupEnd - Date.now()),
    );
    log(
      `${desks.length} desks at work: ${options.warmupSeconds} s warm-up (not counted), then ${options.seconds} s measured; think time x${options.pace} ...`,
    );
    const progress = setInterval(() => {
      if (!recorder.measuring) return;
      const calls = [...recorder.buckets.values()].reduce((n, b) => n + b.times.length, 0);
      log(
        `  ${((performance.now() - measuredStarted) / 1000).toFixed(0)} s: ${calls} calls, ${recorder.actionFailures} failed actions`,
      );
    }, 15_000);
    await Promise.all(
      desks.map(async (desk) => {
        await sleep(random.next() * desk.spec.thinkMs * options.pace);
        while (Date.now() < end) {
          await act(desk);
          const pause = think(desk);
          if (Date.now() + pause >= end) break;
          await sleep(pause);
        }
      }),
    );
    // Calls still in flight at the end were counted when they came back (the last actions start before the end).
    recorder.measuring = false;
    measuredEnded = performance.now();
    loopDelay.disable();
    const endCpu = cpuMsOf(pid);
    const serverSlowCalls = await slowCalls(server);
    clearTimeout(beginMeasuring);
    clearInterval(sampler);
    clearInterval(progress);
    const endMemory = memoryOf(pid);
    const measuredSeconds = measuredStarted > 0 ? (measuredEnded - measuredStarted) / 1000 : options.seconds;
    const { classes, procedures } = recorder.stats(measuredSeconds);
    const during = [...memory, ...(endMemory ? [endMemory.rss] : [])];
    const read = classes.find((c) => c.class === 'read')!;
    const written = classes.find((c) => c.class === 'write')!;
    const errors = read.errors + written.errors + recorder.actionFailures;
    const verdict = {
      readP95: read.calls > 0 && read.p95 <= GOALS.readP95Ms,
      writeP95: written.calls > 0 && written.p95 <= GOALS.writeP95Ms,
      errors: errors === GOALS.errors,
      pass: false,
    };
    verdict.pass = verdict.readP95 && verdict.writeP95 && verdict.errors;
    const startM = startMemory as { rss: number; hwm: number } | null;
    return {
      startedAt,
      base: options.base,
      seconds: measuredSeconds,
      warmupSeconds: options.warmupSeconds,
      pace: options.pace,
      desks: desks.map((d) => ({
        name: d.spec.name,
        username: d.spec.username,
        role: d.spec.role,
        actions: d.actions,
        failures: d.failures,
        ...(d.firstFailure ? { firstFailure: d.firstFailure } : {}),
      })),
      classes,
      procedures,
      actionFailures: {
        count: recorder.actionFailures,
        ...(recorder.firstActionFailure ? { first: recorder.firstActionFailure } : {}),
      },
      rss: {
        startedMb: startedMemory?.rss ?? Number.NaN,
        startMb: startM?.rss ?? Number.NaN,
        peakMb: during.length > 0 ? Math.max(...during) : Number.NaN,
        endMb: endMemory?.rss ?? Number.NaN,
        hwmMb: endMemory?.hwm ?? null,
        samples: memory.length,
      },
      serverCpuPercent:
        startCpu !== null && endCpu !== null ? ((endCpu - startCpu) / (measuredEnded - measuredStarted || 1)) * 100 : null,
      benchLoopDelayMs: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      serverSlowCalls,
      connections: {
        opened: {
          calls: recorder.connections.opened.length,
          p50: percentile(recorder.connections.opened, 50),
          p95: percentile(recorder.connections.opened, 95),
        },
        reused: {
          calls: recorder.connections.reused.length,
          p50: percentile(recorder.connections.reused, 50),
          p95: percentile(recorder.connections.reused, 95),
        },
      },
      morning,
      setupMs: { server: serverMs, pairing: pairingMs, signIn: signInMs },
      load: { before: loadBefore, after: loadavg(), cpus: availableParallelism() },
      goals: GOALS,
      verdict,
    };
  } finally {
    for (const desk of desks) desk.transport.close();
    sqlite?.close();
    if (server) await stopServer(server.child);
    if (options.keep) log(`the work copy stays in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
