/**
 * The desks bench's server process, seen from the bench: start it on a copy of the base file (server-process.ts is
 * its entry), ask it for its slow calls, read its memory and CPU from /proc, stop it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
// --- the server process ---

export interface ServerHandle {
  child: ChildProcess;
  url: string;
  certFile: string;
  code: string;
  /** Its lines on stdout (the answer to `report`). */
  lines: ReturnType<typeof createInterface>;
}

export type SlowCalls = Record<string, { n: number; maxMs: number }>;

/** The calls slower than 40 ms inside the core since `measure` (null when the server does not say within 5 s). */
export function slowCalls(server: ServerHandle): Promise<SlowCalls | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.lines.off('line', listen);
      resolve(null);
    }, 5000);
    const listen = (line: string) => {
      if (!line.startsWith('BAYDESK_SLOW ')) return;
      clearTimeout(timer);
      server.lines.off('line', listen);
      resolve(JSON.parse(line.slice('BAYDESK_SLOW '.length)) as SlowCalls);
    };
    server.lines.on('line', listen);
    server.child.stdin?.write('report\n');
  });
}

export async function startServer(file: string, dataDir: string): Promise<ServerHandle> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/desks/server-process.ts', file, dataDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: process.cwd(),
  });
  const lines = createInterface({ input: child.stdout! });
  const said: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server process did not start within 10 minutes')), 600_000);
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
    lines.on('line', (line) => {
      const match = /^BAYDESK_(URL|CERT|CODE) (\S+)/.exec(line);
      if (!match) return;
      said[match[1]!] = match[2]!;
      if (said.URL && said.CERT && said.CODE) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, url: said.URL!, certFile: said.CERT!, code: said.CODE!, lines };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
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

/** VmRSS and VmHWM of a process, MB (Linux /proc; null elsewhere). */
export function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** User + system CPU time of a process so far, ms (Linux /proc; null elsewhere). */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces), from field 3 on: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

// --- the recorder ---
