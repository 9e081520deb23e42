/** Every call the desks make, filed by class and procedure while the measure runs; and the actions that failed. */
import { percentile } from '../scale/harness';
import type { CallClass, Stat } from './figures';
import type { CallRecord } from './transport';

export function message(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const data = (error as { data?: unknown }).data;
    return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}${data ? ` ${JSON.stringify(data).slice(0, 200)}` : ''}`;
  }
  return String(error);
}

interface Bucket {
  times: number[];
  errors: number;
  refused: number;
  firstError?: string;
  firstRefusal?: string;
}

export class Recorder {
  measuring = false;
  readonly buckets = new Map<string, Bucket>();
  /** Call times by whether the call opened a new TLS connection. */
  readonly connections = { opened: [] as number[], reused: [] as number[] };
  actionFailures = 0;
  firstActionFailure?: string;

  call(cls: CallClass, call: CallRecord): void {
    if (!this.measuring) return;
    const key = `${cls}\t${call.procedure}`;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = { times: [], errors: 0, refused: 0 }));
    bucket.times.push(call.ms);
    (call.newConnection ? this.connections.opened : this.connections.reused).push(call.ms);
    if (!call.error) return;
    // A typed refusal (4xx) is the app's answer; whether the desk could use it is the action's to say (failure()).
    if (/^HTTP 4\d\d /.test(call.error)) {
      bucket.refused += 1;
      bucket.firstRefusal ??= call.error;
    } else {
      bucket.errors += 1;
      bucket.firstError ??= call.error;
    }
  }

  failure(desk: string, what: string, error: unknown): void {
    if (!this.measuring) return;
    this.actionFailures += 1;
    this.firstActionFailure ??= `${desk}, ${what}: ${message(error)}`;
  }

  stats(seconds: number): { classes: Stat[]; procedures: Stat[] } {
    const stat = (cls: CallClass, procedure: string, buckets: Bucket[]): Stat => {
      const times = buckets.flatMap((b) => b.times);
      const firstError = buckets.find((b) => b.firstError)?.firstError;
      const firstRefusal = buckets.find((b) => b.firstRefusal)?.firstRefusal;
      return {
        class: cls,
        procedure,
        calls: times.length,
        perSecond: times.length / seconds,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        max: percentile(times, 100),
        errors: buckets.reduce((n, b) => n + b.errors, 0),
        refused: buckets.reduce((n, b) => n + b.refused, 0),
        ...(firstError ? { firstError } : {}),
        ...(firstRefusal ? { firstRefusal } : {}),
      };
    };
    const procedures: Stat[] = [];
    const classes: Stat[] = [];
    for (const cls of ['read', 'write'] as const) {
      const mine = [...this.buckets.entries()].filter(([key]) => key.startsWith(`${cls}\t`));
      classes.push(
        stat(
          cls,
          `all ${cls}s`,
          mine.map(([, b]) => b),
        ),
      );
      for (const [key, bucket] of mine.sort(([a], [b]) => a.localeCompare(b)))
        procedures.push(stat(cls, key.slice(cls.length + 1), [bucket]));
    }
    return { classes, procedures };
  }
}
