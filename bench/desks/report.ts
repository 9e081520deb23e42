/** The desks profile's report: per class and per procedure, the server's memory, the load, and the verdict. */
import { pad } from '../scale/harness';
import type { DesksResult, Stat } from './figures';

const NAME_WIDTH = 44;
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '—');
const right = (text: string, width: number) => ' '.repeat(Math.max(0, width - text.length)) + text;
const mb = (value: number | null) => (value === null || !Number.isFinite(value) ? '—' : `${value.toFixed(0)} MB`);

function row(name: string, s: Stat): string {
  return `${pad(name, NAME_WIDTH)}${right(String(s.calls), 7)}${right(s.perSecond.toFixed(2), 9)}${right(ms(s.p50), 8)}${right(ms(s.p95), 8)}${right(ms(s.p99), 8)}${right(ms(s.max), 8)}${right(String(s.errors), 8)}${right(String(s.refused), 8)}`;
}

export function printDesksReport(result: DesksResult, log: (line: string) => void): void {
  log('');
  log(`Run started ${result.startedAt}`);
  log(
    `Desks profile: ${result.desks.length} paired desks over HTTPS, ${result.seconds.toFixed(1)} s measured after ${result.warmupSeconds} s warm-up, think time x${result.pace}, on a copy of ${result.base}; ms, each call timed at the desk from request to last byte`,
  );
  const header = `${pad('class / procedure', NAME_WIDTH)}${right('calls', 7)}${right('calls/s', 9)}${right('p50', 8)}${right('p95', 8)}${right('p99', 8)}${right('max', 8)}${right('errors', 8)}${right('refused', 8)}`;
  log(header);
  log('-'.repeat(header.length));
  for (const cls of result.classes) {
    log(row(`[${cls.class}] all`, cls));
    for (const p of result.procedures.filter((s) => s.class === cls.class)) log(row(`  ${p.procedure}`, p));
  }
  log(
    'errors: 5xx or a broken connection; refused: typed 4xx answers, which a screen may show as its answer (no survey yet); one it did not expect fails its action (failed actions below)',
  );
  const firsts = result.procedures.filter((p) => p.firstError || p.firstRefusal);
  for (const p of firsts) {
    if (p.firstError) log(`first error of ${p.class} ${p.procedure}: ${p.firstError}`);
    if (p.firstRefusal) log(`first refusal of ${p.class} ${p.procedure}: ${p.firstRefusal}`);
  }
  if (result.actionFailures.first)
    log(`failed actions: ${result.actionFailures.count}, the first: ${result.actionFailures.first}`);
  log(
    `desks: ${result.desks
      .map((d) => `${d.name} (${d.username}) ${d.actions}${d.failures > 0 ? `, ${d.failures} failed` : ''}`)
      .join('; ')} actions`,
  );
  const r = result.rss;
  log(
    `server RSS: ${mb(r.startedMb)} once started (desks paired), ${mb(r.startMb)} when the measure began, peak ${mb(r.peakMb)}, ${mb(r.endMb)} at the end (VmHWM ${mb(r.hwmMb)}; ${r.samples} samples from /proc every 250 ms)`,
  );
  log(
    `server CPU ${result.serverCpuPercent === null ? '—' : `${result.serverCpuPercent.toFixed(0)} %`} of one core over the measure; the bench's own event loop delay p99 ${ms(result.benchLoopDelayMs.p99)} ms, max ${ms(result.benchLoopDelayMs.max)} ms (the desks' side: high means the figures include the bench's own waits)`,
  );
  const slow = result.serverSlowCalls;
  if (slow === null) log('server side: the server did not tell its slow calls');
  else {
    const entries = Object.entries(slow).sort(([, a], [, b]) => b.n - a.n);
    const total = entries.reduce((n, [, e]) => n + e.n, 0);
    log(
      `server side: ${total} calls of the measure took over 40 ms inside the core${entries.length > 0 ? `: ${entries.map(([name, e]) => `${name} ${e.n}x (max ${ms(e.maxMs)})`).join(', ')}` : ''}`,
    );
  }
  const { opened, reused } = result.connections;
  log(
    `connections: ${opened.calls} calls opened a new TLS connection (p50 ${ms(opened.p50)}, p95 ${ms(opened.p95)} ms), ${reused.calls} reused a kept-alive one (p50 ${ms(reused.p50)}, p95 ${ms(reused.p95)} ms)`,
  );
  const m = result.morning;
  log(
    `morning round (not counted): ${(m.ms / 1000).toFixed(1)} s; slowest first openings: ${m.slowest.map((o) => `${o.what} ${ms(o.ms)} ms`).join('; ')}`,
  );
  for (const f of m.failed) log(`morning opening failed: ${f.what}: ${f.error}`);
  log(
    `set-up: server up ${(result.setupMs.server / 1000).toFixed(1)} s, pairing ${(result.setupMs.pairing / 1000).toFixed(1)} s, sign-in ${(result.setupMs.signIn / 1000).toFixed(1)} s`,
  );
  log(
    `load average ${result.load.before.map((l) => l.toFixed(2)).join(' ')} -> ${result.load.after.map((l) => l.toFixed(2)).join(' ')} on ${result.load.cpus} CPUs (the bench's own desks run on the same machine; other work skews p95)`,
  );
  const read = result.classes.find((c) => c.class === 'read')!;
  const write = result.classes.find((c) => c.class === 'write')!;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const errors = read.errors + write.errors + result.actionFailures.count;
  log(
    `${verdict(result.verdict.readP95)} read p95 ${ms(read.p95)} ms (goal ≤ ${result.goals.readP95Ms} ms, ${read.calls} calls)`,
  );
  log(
    `${verdict(result.verdict.writeP95)} write p95 ${ms(write.p95)} ms (goal ≤ ${result.goals.writeP95Ms} ms, ${write.calls} calls)`,
  );
  log(
    `${verdict(result.verdict.errors)} errors ${errors} (goal ${result.goals.errors}: ${read.errors + write.errors} calls, ${result.actionFailures.count} actions)`,
  );
  log(`desks profile: ${verdict(result.verdict.pass)}`);
}
