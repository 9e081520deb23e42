import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { createORPCClient, ORPCError } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/core/api';
import { makeTempDir, removeDir } from '../fixtures/core';
import { customerData, vehicleData } from '../fixtures/factories';
import { ADMIN, PASSWORD } from '../fixtures/users';

/**
 * The core runs in a child process (tests/fixtures/core-process.ts) behind its HTTP shell; four desks write over
 * real HTTP; the child is killed with SIGKILL while their writes are in flight, restarted on the same file, and
 * every write the API had answered must be there, in a file SQLite finds intact.
 */

const CORE_PROCESS = join(__dirname, '..', 'fixtures', 'core-process.ts');
const DESKS = 4;
const ROUNDS = 3;
/** Writes answered in a round before the kill: different each round, so the kill lands at different moments. */
const KILL_AFTER = [24, 41, 33];
/** Starting the child transpiles the whole core: a few seconds of CPU, much longer on a loaded machine. */
const START_TIMEOUT_MS = 90_000;

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface AckedCustomer {
  id: number;
  name: string;
  phone: string;
}
interface AckedVehicle {
  id: number;
  vin: string;
}

let dir: string;
let file: string;
/** Every core process started, so afterAll kills any still alive, even one that never printed its URL. */
const started: Running[] = [];

function httpClient(url: string, token?: string): RouterClient<Router> {
  return createORPCClient(new RPCLink({ url: `${url}/rpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) }));
}

/** Starts the core over `file` in a child Node process and waits for the URL it prints. */
async function startCoreProcess(): Promise<Running> {
  // `node --import tsx`, not the tsx command: the pid we kill must be the core's own process, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', CORE_PROCESS, file], {
    cwd: join(__dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout! });
  started.push({ child, url: '', exited });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the core process did not start in time\n${stderr}`)), START_TIMEOUT_MS);
    lines.on('line', (line) => {
      if (!line.startsWith('BAYDESK_URL ')) return;
      clearTimeout(timer);
      resolve(line.slice('BAYDESK_URL '.length).trim());
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the core process exited (${code ?? signal}) before listening\n${stderr}`));
    });
  });
  return { child, url, exited };
}

async function killCoreProcess(target: Running): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (target.child.exitCode === null && target.child.signalCode === null) target.child.kill('SIGKILL');
  return target.exited;
}

/** Opens the file beside the running core, read-only, and hands it to `check`. */
function inspectFile<T>(check: (sqlite: BetterSqlite3.Database) => T): T {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    return check(sqlite);
  } finally {
    sqlite.close();
  }
}

beforeAll(() => {
  dir = makeTempDir('baydesk-durability-');
  file = join(dir, 'baydesk.sqlite');
});

afterAll(async () => {
  // Also when a test failed half-way: never leave a core process behind.
  await Promise.all(started.map(killCoreProcess));
  if (dir) removeDir(dir);
});

describe('a core killed in the middle of a burst of writes', () => {
  it(
    'keeps every write the API acknowledged, in a file SQLite finds intact, round after round',
    async () => {
      const customers: AckedCustomer[] = [];
      const vehicles: AckedVehicle[] = [];
      const deskUsers = Array.from({ length: DESKS }, (_, i) => `desk${i + 1}`);
      let n = 0;

      let running = await startCoreProcess();
      const admin = await httpClient(running.url).users.setupAdmin({ ...ADMIN });
      for (const username of deskUsers)
        await httpClient(running.url, admin.token).users.create({
          username,
          displayName: username,
          password: PASSWORD,
          role: 'advisor',
        });

      for (let round = 0; round < ROUNDS; round++) {
        const { url } = running;
        const desks = await Promise.all(
          deskUsers.map(async (username) => {
            const session = await httpClient(url).users.login({ username, password: PASSWORD });
            return httpClient(url, session.token);
          }),
        );

        // The burst: each desk creates a customer, then a vehicle for it (a second table tied by a foreign key),
        // as fast as the core answers. An answer is an acknowledgement: it is recorded before anything else happens.
        const current = running;
        let ackedThisRound = 0;
        let killed = false;
        let inFlightAtKill = 0;
        const roundCustomers: AckedCustomer[] = [];
        const roundVehicles: AckedVehicle[] = [];
        const acknowledge = (): void => {
          ackedThisRound += 1;
          if (!killed && ackedThisRound >= KILL_AFTER[round]!) {
            killed = true;
            current.child.kill('SIGKILL');
          }
        };
        /**
         * A write's outcome: its answer, or null when the kill cut it off. Any typed error fails the test. A write sent
         * before the kill and settled after it was on its way when the core died, answered (the answer was already on
         * the wire) or cut off: at least one must be, or the kill did not land in the middle of the burst.
         */
        const send = async <T>(write: () => Promise<T>): Promise<T | null> => {
          const sentBeforeKill = !killed;
          try {
            const answer = await write();
            if (sentBeforeKill && killed) inFlightAtKill += 1;
            return answer;
          } catch (error) {
            if (!killed || error instanceof ORPCError) throw error;
            if (sentBeforeKill) inFlightAtKill += 1;
            return null;
          }
        };
        await Promise.all(
          desks.map(async (desk) => {
            while (!killed) {
              n += 1;
              const k = n;
              const data = customerData(k);
              const customer = await send(() => desk.customers.create(data));
              if (!customer) return;
              const ackedCustomer = { id: customer.id, name: data.name, phone: data.phones[0]!.number };
              customers.push(ackedCustomer);
              roundCustomers.push(ackedCustomer);
              acknowledge();
              if (killed) return;
              const vehicle = await send(() => desk.vehicles.create(vehicleData(k, customer.id)));
              if (!vehicle) return;
              const ackedVehicle = { id: vehicle.id, vin: vehicle.vin };
              vehicles.push(ackedVehicle);
              roundVehicles.push(ackedVehicle);
              acknowledge();
            }
          }),
        );

        expect(await current.exited, 'the core died of the kill, not of anything else').toEqual({
          code: null,
          signal: 'SIGKILL',
        });
        expect(inFlightAtKill, 'writes were on their way when the core died').toBeGreaterThan(0);
        // Answers already on their way when the kill landed count too: they were acknowledged.
        expect(roundCustomers.length + roundVehicles.length).toBeGreaterThanOrEqual(KILL_AFTER[round]!);
        // No clean close folded the WAL into the file: the restart below has to recover from it.
        expect(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0, 'a WAL left behind by the kill').toBe(true);

        running = await startCoreProcess();
        const { url: restartedUrl } = running;

        // Every acknowledged write of every round so far, straight from the file, and the file itself intact.
        const found = inspectFile((sqlite) => {
          const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
          const foreignKeyProblems = sqlite.pragma('foreign_key_check') as unknown[];
          const customerRows = sqlite
            .prepare('SELECT c.id, c.name, p.number FROM customers c JOIN customer_phones p ON p.customer_id = c.id')
            .all() as { id: number; name: string; number: string }[];
          const vehicleRows = sqlite.prepare('SELECT id, vin FROM vehicles').all() as { id: number; vin: string }[];
          const halfWritten = sqlite
            .prepare(
              'SELECT count(*) AS n FROM customers c WHERE NOT EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id)',
            )
            .get() as { n: number };
          return { integrity, foreignKeyProblems, customerRows, vehicleRows, halfWritten: halfWritten.n };
        });
        expect(found.integrity).toEqual([{ integrity_check: 'ok' }]);
        expect(found.foreignKeyProblems).toEqual([]);
        expect(found.halfWritten, 'a customer without the phone written in the same transaction').toBe(0);
        const customersInFile = found.customerRows.map((r) => ({ id: r.id, name: r.name, phone: r.number }));
        expect(customersInFile).toEqual(expect.arrayContaining(customers));
        expect(found.vehicleRows).toEqual(expect.arrayContaining(vehicles));

        // And through the API, as a desk would look for them: this round's writes, the ones closest to the kill.
        const session = await httpClient(restartedUrl).users.login({ username: deskUsers[0]!, password: PASSWORD });
        const reader = httpClient(restartedUrl, session.token);
        for (const c of roundCustomers) expect((await reader.customers.get({ id: c.id })).name).toBe(c.name);
        for (const v of roundVehicles) {
          const detail = await reader.vehicles.get({ id: v.id });
          expect(detail.vin).toBe(v.vin);
        }
      }
    },
    // Four starts of the core process dominate: 31-34 s measured on two cores shared with other work (load ~10),
    // about 70 s at load ~24; the limit leaves room for a loaded CI runner.
    240_000,
  );
});
