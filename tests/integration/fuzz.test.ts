import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import type { ProcedureMeta } from '../../shared/contract/base';
import { contract, type ApiErrorCode, type ApiIssue } from '../../shared/contract';
import { roleMayCall, type Role } from '../../shared/domain/roles';
import { openTestCore, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle, validVin } from '../fixtures/factories';
import { adminSession, signIn, type SignedIn } from '../fixtures/users';

/**
 * Issue 7, bad input at the API: thousands of calls to every procedure of the contract with random and hostile input
 * (wrong types, huge strings, SQL and HTML fragments, unknown fields, NaN/Infinity/negative ids, deep nesting,
 * prototype-pollution keys), in-process and over real HTTP. Every refusal must be one of the typed codes other than
 * INTERNAL, no call may hang, and a refused call must leave every row as it was.
 *
 * Reproduce a failure with FUZZ_SEED=<the seed printed> npx vitest run tests/integration/fuzz.test.ts.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
/** FUZZ_SCALE=10 for a longer hunt by hand; CI runs the default. */
const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));

/** The codes a refusal may carry: the closed set of shared/contract/errors.ts without INTERNAL. */
const TYPED: readonly ApiErrorCode[] = ['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RULE'];

/** A call that takes longer than this is a hang. */
const CALL_TIMEOUT_MS = 10_000;

/** Scrypt (or copying the whole file) makes these slow: fewer runs keep the file inside its budget. */
const SLOW = new Set([
  'users.login',
  'users.setupAdmin',
  'users.create',
  'users.changePassword',
  'users.resetPassword',
  'backups.backupNow',
]);

/**
 * A valid call to these ends the fuzzing caller's own sessions (signing out, a password changed or reset): they get
 * only input their schema refuses.
 */
const ENDS_SESSION = new Set(['users.logout', 'users.changePassword', 'users.resetPassword']);

/** A valid call to these swaps the whole database file: fuzzed only with input that must be refused. */
const REPLACES_DATABASE = new Set(['backups.restore']);

/** Rows only the session machinery writes. */
const VOLATILE_TABLES = new Set(['sessions']);

/** A refused call to these writes by design: a failed login is counted towards the lockout. */
const WRITES_WHEN_REFUSED = new Set(['users.login']);

interface Procedure {
  path: string[];
  name: string;
  access: ProcedureMeta['access'];
  input: z.ZodType | undefined;
  streams: boolean;
}

function listProcedures(node: unknown, path: string[] = [], out: Procedure[] = []): Procedure[] {
  if (node && typeof node === 'object' && '~orpc' in node) {
    const def = (node as { '~orpc': { meta: ProcedureMeta; inputSchema?: z.ZodType; outputSchema?: unknown } })['~orpc'];
    const output = def.outputSchema as { '~standard'?: { vendor?: string } } | undefined;
    out.push({
      path,
      name: path.join('.'),
      access: def.meta.access,
      input: def.inputSchema,
      // An event iterator's schema is oRPC's own wrapper, not a zod schema.
      streams: output?.['~standard']?.vendor === 'orpc',
    });
    return out;
  }
  for (const [key, child] of Object.entries(node as Record<string, unknown>)) listProcedures(child, [...path, key], out);
  return out;
}

const PROCEDURES = listProcedures(contract);

// ---------------------------------------------------------------------------------------------------------------
// Hostile values

const ONE_MB = 'A'.repeat(1 << 20);
const HOSTILE_STRINGS: string[] = [
  "'; drop table customers; --",
  "' OR '1'='1",
  '1; DELETE FROM repair_orders',
  '%',
  '_',
  '\\',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  'C:\\Windows\\win.ini',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '👨‍👩‍👧‍👦🚗',
  '\u202Egnp.exe',
  ' ',
  '',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  'null',
  'true',
  '2026-02-30',
  '2026-13-01T25:61:00Z',
  'A'.repeat(201),
  'A'.repeat(4001),
  ONE_MB,
];

const HOSTILE_NUMBERS: number[] = [
  0,
  -1,
  -0,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  -(2 ** 31),
  1e308,
  Number.MIN_VALUE,
  999_999,
];

function deeplyNested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

/** An object whose own keys are the ones a careless merge would turn into prototype pollution. */
function pollutingObject(): unknown {
  return JSON.parse('{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}}}');
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.constantFrom(...HOSTILE_NUMBERS), weight: 4 },
  { arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, [], {}, [null], 10n), weight: 2 },
  { arbitrary: fc.constant(null).map(() => deeplyNested(2_000)), weight: 1 },
  { arbitrary: fc.constant(null).map(pollutingObject), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  {
    arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withTypedArray: false, withNullPrototype: true }),
    weight: 4,
  },
);

// ---------------------------------------------------------------------------------------------------------------
// Inputs shaped like a procedure's schema: plausible most of the time, so calls reach the services

interface Ids {
  customers: number[];
  vehicles: number[];
  ros: number[];
  users: number[];
}

function zodDef(schema: unknown): { type: string } & Record<string, unknown> {
  return (schema as { _zod: { def: { type: string } & Record<string, unknown> } })._zod.def;
}

function checkValue(schema: unknown, check: string, key: string): number | undefined {
  const checks = (zodDef(schema).checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? [];
  for (const c of checks) if (c._zod.def.check === check) return Number(c._zod.def[key]);
  return undefined;
}

/** A 1x1 PNG: real picture bytes, so the photo path gets past its magic-number check. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function plausibleStrings(key: string, ids: Ids): string[] {
  const k = key.toLowerCase();
  if (k.includes('vin')) return [validVin('LSVAU218', 'N2000001'), validVin('LFV2A21K', '7A000001')];
  if (k.includes('phone') || k === 'number') return ['13900000001', '13800138000'];
  if (k.includes('plate')) return ['京A00001', '沪B12345'];
  if (k.includes('month')) return ['2026-11', '2025-01'];
  if (k.endsWith('at') || k.includes('time') || k.includes('until') || k.includes('since'))
    return ['2026-11-25T09:00:00.000Z', '2026-11-24T02:00:00.000Z', '2026-11-25'];
  if (k.includes('date') || k.includes('day') || k === 'from' || k === 'to') return ['2026-11-24', '2026-11-30'];
  if (k.includes('email')) return ['a@example.cn'];
  if (k.includes('base64')) return [PNG_1X1, 'QUJD'];
  if (k.includes('mime')) return ['image/png', 'text/html'];
  if (k.includes('username')) return [`fuzz-${ids.users.length}`, 'manager'];
  if (k.includes('password')) return ['correct horse battery'];
  if (k.includes('partnumber') || k === 'code') return ['06L115562', 'P-0001'];
  return ['王伟', '客户反映异响', 'abc', '1'];
}

function plausibleNumbers(key: string, ids: Ids): number[] {
  const k = key.toLowerCase();
  if (k.includes('customer') || k === 'ownerid' || k === 'intoid' || k === 'fromid') return [...ids.customers, 999_999];
  if (k.includes('vehicle')) return [...ids.vehicles, 999_999];
  if (k === 'id' || k === 'roid' || k.includes('order')) return [...ids.ros, ...ids.customers, 999_999];
  if (k.includes('user') || k.includes('technician')) return [...ids.users, 999_999];
  if (k === 'version') return [1, 2, 3, 4];
  if (k.endsWith('id')) return [1, 2, 3, 999_999];
  return [0, 1, 2, 10, 100, 1000, 25_000];
}

function shaped(schema: unknown, key: string, ids: Ids, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 8) return hostileValue;
  const def = zodDef(schema);
  const hostile = { arbitrary: hostileValue, weight: 1 };
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.oneof(fc.constant(undefined), shaped(def.innerType, key, ids, depth + 1));
    case 'nullable':
      return fc.oneof(fc.constant(null), shaped(def.innerType, key, ids, depth + 1));
    case 'pipe':
      return shaped(def.in, key, ids, depth + 1);
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const fields = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, shaped(s, k, ids, depth + 1)]));
      return fc.record(fields, { requiredKeys: [] }).map((value) => {
        // A key left out of the record stays out; undefined values are dropped so optional keys are really absent.
        for (const k of Object.keys(value))
          if ((value as Record<string, unknown>)[k] === undefined) delete (value as Record<string, unknown>)[k];
        return value;
      });
    }
    case 'array': {
      const min = checkValue(schema, 'min_length', 'minimum') ?? 0;
      return fc.array(shaped(def.element, key, ids, depth + 1), {
        minLength: Math.min(min, 3),
        maxLength: Math.max(Math.min(min, 3), 3),
      });
    }
    case 'record':
      return fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'constructor'), shaped(def.valueType, key, ids, depth + 1), {
        maxKeys: 3,
      });
    case 'string':
      return fc.oneof(
        { arbitrary: fc.constantFrom(...plausibleStrings(key, ids)), weight: 6 },
        { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 3 },
        { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
        hostile,
      );
    case 'number':
      return fc.oneof(
        { arbitrary: fc.constantFrom(...plausibleNumbers(key, ids)), weight: 6 },
        { arbitrary: fc.integer({ min: -5, max: 200_000 }), weight: 2 },
        { arbitrary: fc.constantFrom(...HOSTILE_NUMBERS), weight: 2 },
        hostile,
      );
    case 'boolean':
      return fc.oneof({ arbitrary: fc.boolean(), weight: 8 }, hostile);
    case 'enum':
      return fc.oneof(
        { arbitrary: fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)), weight: 8 },
        hostile,
      );
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'null':
      return fc.constant(null);
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((option) => shaped(option, key, ids, depth + 1)));
    default:
      return hostileValue;
  }
}

/** Where in a value to put something hostile: `picks` walk down plain objects and arrays. */
function mutate(value: unknown, hostile: unknown, picks: number[], how: 'replace' | 'extraKey' | 'protoKey' | 'whole'): unknown {
  if (how === 'whole' || value === null || typeof value !== 'object') return hostile;
  const root = structuredClone(value) as Record<string, unknown>;
  let node: Record<string, unknown> = root;
  for (const pick of picks) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[pick % keys.length]!;
    const child = node[key];
    if (how === 'replace' && (child === null || typeof child !== 'object' || pick % 3 === 0)) {
      node[key] = hostile;
      return root;
    }
    if (child === null || typeof child !== 'object') break;
    node = child as Record<string, unknown>;
  }
  if (how === 'protoKey') {
    Object.defineProperty(node, '__proto__', {
      value: { polluted: 'yes' },
      enumerable: true,
      configurable: true,
      writable: true,
    });
  } else {
    node[how === 'extraKey' ? 'unexpectedField' : (Object.keys(node)[0] ?? 'unexpectedField')] = hostile;
  }
  return root;
}

function hostileInputs(proc: Procedure, ids: Ids): fc.Arbitrary<unknown> {
  const base = proc.input ? shaped(proc.input, proc.path.at(-1)!, ids) : fc.constant(undefined);
  return fc.oneof(
    { arbitrary: base, weight: 3 },
    {
      arbitrary: fc
        .tuple(
          base,
          hostileValue,
          fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
          fc.constantFrom('replace', 'extraKey', 'protoKey', 'whole') as fc.Arbitrary<
            'replace' | 'extraKey' | 'protoKey' | 'whole'
          >,
        )
        .map(([value, hostile, picks, how]) => mutate(value, hostile, picks, how)),
      weight: 3,
    },
    { arbitrary: hostileValue, weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Calling and judging

interface Outcome {
  ok: boolean;
  code?: unknown;
  issues?: ApiIssue[];
  error?: unknown;
}

let t: TestCore;
let server: RunningServer;
let manager: SignedIn;
let technician: SignedIn;
let adminToken: string;
const ids: Ids = { customers: [], vehicles: [], ros: [], users: [] };

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} did not answer within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** What the wire carries of an input: JSON as a browser would send it (a BigInt as text, NaN as null). */
function overTheWire(input: unknown): unknown {
  const text = JSON.stringify(input, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** A call over real HTTP, the body written by hand (oRPC's RPC envelope) so hostile keys reach the server intact. */
async function callHttp(proc: Procedure, token: string | undefined, input: unknown): Promise<Outcome> {
  const response = await withTimeout(
    fetch(`${server.url}/rpc/${proc.path.join('/')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: input === undefined ? '{}' : JSON.stringify({ json: input }),
    }),
    proc.name,
  );
  const body = (await withTimeout(response.text(), proc.name)) || '{}';
  if (response.ok) return { ok: true };
  const error = (JSON.parse(body) as { json?: { code?: unknown; status?: number; data?: { issues?: ApiIssue[] } } }).json;
  if (error?.status !== response.status) return { ok: false, code: `HTTP ${response.status} with ${body.slice(0, 100)}` };
  return { ok: false, code: error.code, issues: error.data?.issues, error: body.slice(0, 200) };
}

async function callInProcess(proc: Procedure, token: string | undefined, input: unknown): Promise<Outcome> {
  let fn: unknown = t.core.client(token);
  for (const key of proc.path) fn = (fn as Record<string, unknown>)[key];
  try {
    const result = await withTimeout((fn as (i: unknown) => Promise<unknown>)(input), proc.name);
    if (proc.streams && result && typeof result === 'object' && Symbol.asyncIterator in result) {
      const iterator = result as unknown as AsyncIterator<unknown>;
      if (proc.name === 'events.changes') {
        // The live stream never ends by itself: the caller hangs up, as a closing window does.
        await iterator.return?.();
      } else {
        // Errors of a streamed procedure arrive while it streams.
        await withTimeout(
          (async () => {
            for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
              /* drain */
            }
          })(),
          proc.name,
        );
      }
    }
    return { ok: true };
  } catch (error) {
    const e = error as { code?: unknown; data?: { issues?: ApiIssue[] } };
    return { ok: false, code: e.code, issues: e.data?.issues, error };
  }
}

/** A share of the calls goes over real HTTP (streams stay in-process: their wire form is server-sent events). */
function overHttp(proc: Procedure, n: number): boolean {
  return !proc.streams && n % 8 === 3;
}

async function call(proc: Procedure, token: string | undefined, input: unknown, http: boolean): Promise<Outcome> {
  return http ? callHttp(proc, token, input) : callInProcess(proc, token, input);
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_, v: unknown) =>
      typeof v === 'bigint'
        ? `${v}n`
        : typeof v === 'number' && !Number.isFinite(v)
          ? String(v)
          : typeof v === 'string' && v.length > 60
            ? `${v.slice(0, 20)}…(${v.length} chars)`
            : v,
    );
    return (text ?? String(value)).slice(0, 300);
  } catch {
    return String(value).slice(0, 300);
  }
}

/** What is wrong with a refusal, or null when it is a proper typed one. */
function refusalProblem(outcome: Outcome, input: unknown): string | null {
  if (outcome.ok) return null;
  if (typeof outcome.code !== 'string' || !TYPED.includes(outcome.code as ApiErrorCode)) {
    return `not a typed refusal: code ${String(outcome.code)} (${String((outcome.error as Error)?.message ?? outcome.error).slice(0, 200)})`;
  }
  if (!Array.isArray(outcome.issues) || outcome.issues.length === 0) return `${outcome.code} without issues`;
  for (const issue of outcome.issues)
    if (typeof issue.reason !== 'string' || issue.reason === '') return `${outcome.code} with an issue without reason`;
  // A refused object input names the field at fault (an unknown one by its key); only a whole input of the wrong
  // kind, or a body over the HTTP shell's size limit (refused before it is read, issue 14), has no field to name.
  const namesField = (issue: ApiIssue) =>
    (typeof issue.field === 'string' && issue.field !== '') ||
    (issue.reason === 'unknownField' && typeof issue.params?.keys === 'string') ||
    issue.reason === 'request.tooLarge';
  if (
    outcome.code === 'INVALID_INPUT' &&
    input !== null &&
    typeof input === 'object' &&
    !Array.isArray(input) &&
    !outcome.issues.some(namesField)
  ) {
    return `INVALID_INPUT naming no field: ${JSON.stringify(outcome.issues).slice(0, 200)}`;
  }
  return null;
}

/** Every table's rows, hashed: what "nothing was written" is checked against. */
function tableHashes(): Record<string, string> {
  const sqlite = t.core.deps.sqlite;
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
  const out: Record<string, string> = {};
  for (const table of tables) {
    if (VOLATILE_TABLES.has(table)) continue;
    const hash = createHash('sha1');
    // The table name comes from sqlite_master, quoted as an identifier; rowid order makes the hash stable.
    for (const row of sqlite
      .prepare(`select * from "${table.replaceAll('"', '""')}"`)
      .raw()
      .iterate()) {
      hash.update(
        JSON.stringify(row, (_, v: unknown) =>
          typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('base64') : v,
        ),
      );
      hash.update('\n');
    }
    out[table] = hash.digest('hex');
  }
  return out;
}

function totalChanges(): number {
  return t.core.deps.sqlite.prepare('select total_changes()').pluck().get() as number;
}

/** Whether the procedure's own contract schema refuses the input (then the core must refuse it too). */
async function schemaRefuses(proc: Procedure, input: unknown): Promise<boolean> {
  const result = await proc.input!['~standard'].validate(input);
  return result.issues !== undefined;
}

/** The role a procedure is fuzzed as: the manager when the manager may call it, else a role that may. */
function callerFor(proc: Procedure): { token: string; role: Role } | null {
  if (proc.access === 'public') return { token: manager.token, role: 'manager' };
  if (roleMayCall('manager', proc.access)) return { token: manager.token, role: 'manager' };
  if (roleMayCall('admin', proc.access)) return { token: adminToken, role: 'admin' };
  if (roleMayCall('technician', proc.access)) return { token: technician.token, role: 'technician' };
  return null;
}

interface Finding {
  proc: string;
  as: string;
  http: boolean;
  input: string;
  problem: string;
}

function report(findings: Finding[], seed: number): string {
  return `seed ${seed} (FUZZ_SEED=${seed}); ${findings.length} finding(s):\n${findings
    .slice(0, 25)
    .map((f) => `  ${f.proc} as ${f.as}${f.http ? ' over HTTP' : ''}: ${f.problem}\n    input ${f.input}`)
    .join('\n')}`;
}

beforeAll(async () => {
  t = await openTestCore();
  server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
  adminToken = (await adminSession(t.core)).token;
  manager = await signIn(t.core, 'manager');
  technician = await signIn(t.core, 'technician');
  const advisor = await signIn(t.core, 'advisor');
  ids.users.push(manager.session.user.id, technician.session.user.id, advisor.session.user.id);
  for (let i = 0; i < 2; i += 1) {
    const customer = await makeCustomer(advisor.client, { address: `<img src=x onerror=alert(${i})>` });
    await advisor.client.customers.addNote({ customerId: customer.id, body: '<script>alert(1)</script>' });
    const vehicle = await makeVehicle(advisor.client, customer.id);
    const ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ["'; drop table customers; --"] });
    ids.customers.push(customer.id);
    ids.vehicles.push(vehicle.id);
    ids.ros.push(ro.id);
  }
}, 30_000);

afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('the API under random and hostile input', () => {
  it('lists every procedure of the contract', () => {
    expect(PROCEDURES.length).toBeGreaterThan(150);
    expect(PROCEDURES.map((p) => p.name)).toContain('customers.create');
    expect(PROCEDURES.every((p) => p.input !== undefined)).toBe(true);
  });

  it(
    'refuses every unauthenticated, forbidden or malformed call with a typed code and writes nothing',
    async () => {
      const findings: Finding[] = [];
      const before = tableHashes();
      let calls = 0;
      for (const [index, proc] of PROCEDURES.entries()) {
        if (proc.name === 'users.login') continue; // a refused login may count the failure (lockout): tested below
        const seed = SEED + index;
        const inputs = fc.sample(hostileInputs(proc, ids), { seed, numRuns: SLOW.has(proc.name) ? 4 : 10 * SCALE });
        const caller = callerFor(proc);
        for (const [n, generated] of inputs.entries()) {
          const http = overHttp(proc, n);
          const input = http ? overTheWire(generated) : generated;
          const jobs: { as: string; token: string | undefined }[] = [];
          // 1. Nobody signed in: only a public procedure may answer.
          if (proc.access !== 'public') jobs.push({ as: 'nobody', token: undefined });
          // 2. The manager calling what the manager may not call.
          if (proc.access !== 'public' && proc.access !== 'signed-in' && !roleMayCall('manager', proc.access)) {
            jobs.push({ as: 'manager (forbidden)', token: manager.token });
          }
          // 3. A role that may call it, with input the procedure's own schema refuses.
          if (caller && (await schemaRefuses(proc, input))) {
            jobs.push({ as: caller.role, token: caller.token });
          }
          for (const job of jobs) {
            calls += 1;
            const outcome = await call(proc, job.token, input, http);
            const problem = outcome.ok ? 'accepted a call it had to refuse' : refusalProblem(outcome, input);
            if (problem) findings.push({ proc: proc.name, as: job.as, http, input: preview(input), problem });
            else if (job.as === 'nobody' && outcome.code !== 'UNAUTHENTICATED' && outcome.code !== 'INVALID_INPUT') {
              findings.push({
                proc: proc.name,
                as: job.as,
                http,
                input: preview(input),
                problem: `nobody got ${String(outcome.code)}`,
              });
            }
          }
        }
      }
      expect(findings, report(findings, SEED)).toEqual([]);
      expect(tableHashes(), `seed ${SEED}: a refused call changed rows`).toEqual(before);
      expect(calls).toBeGreaterThan(2_000);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    90_000 * SCALE,
  );

  it(
    'answers well-formed but hostile calls with a result or a typed refusal, and a refusal writes nothing',
    async () => {
      const findings: Finding[] = [];
      let calls = 0;
      let accepted = 0;
      const codes = new Map<string, number>();
      let baseline = { changes: totalChanges(), hashes: tableHashes() };
      for (const [index, proc] of PROCEDURES.entries()) {
        const caller = callerFor(proc);
        if (!caller || ENDS_SESSION.has(proc.name) || REPLACES_DATABASE.has(proc.name)) continue;
        const seed = SEED + 10_000 + index;
        const shapedInput = proc.input ? shaped(proc.input, proc.path.at(-1)!, ids) : fc.constant(undefined);
        const inputs = fc.sample(shapedInput, { seed, numRuns: SLOW.has(proc.name) ? 3 : 20 * SCALE });
        for (const [n, generated] of inputs.entries()) {
          const http = overHttp(proc, n);
          const input = http ? overTheWire(generated) : generated;
          if (await schemaRefuses(proc, input)) continue; // the first test's business
          calls += 1;
          const outcome = await call(proc, caller.token, input, http);
          const problem = refusalProblem(outcome, input);
          if (problem) findings.push({ proc: proc.name, as: caller.role, http, input: preview(input), problem });
          if (outcome.ok) {
            accepted += 1;
          } else if (totalChanges() !== baseline.changes && !WRITES_WHEN_REFUSED.has(proc.name)) {
            // Something was written (or written and rolled back): every row must still be as it was.
            const now = tableHashes();
            const changed = Object.keys(now).filter((table) => now[table] !== baseline.hashes[table]);
            if (changed.length > 0) {
              findings.push({
                proc: proc.name,
                as: caller.role,
                http,
                input: preview(input),
                problem: `refused with ${String(outcome.code)} but changed ${changed.join(', ')}`,
              });
            }
          }
          codes.set(String(outcome.ok ? 'ok' : outcome.code), (codes.get(String(outcome.ok ? 'ok' : outcome.code)) ?? 0) + 1);
          if ((outcome.ok || WRITES_WHEN_REFUSED.has(proc.name)) && totalChanges() !== baseline.changes)
            baseline = { changes: totalChanges(), hashes: tableHashes() };
          else baseline.changes = totalChanges();
        }
      }
      if (process.env.FUZZ_TIMING) console.log('OUTCOMES', calls, JSON.stringify([...codes]));
      expect(findings, report(findings, SEED)).toEqual([]);
      expect(calls).toBeGreaterThan(1_000);
      // Plausible input must get through the gate now and then, or this test would only repeat the first one.
      expect(accepted).toBeGreaterThan(100);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    90_000 * SCALE,
  );

  it('refuses hostile logins with typed codes', async () => {
    const proc = PROCEDURES.find((p) => p.name === 'users.login')!;
    const findings: Finding[] = [];
    for (const [n, generated] of fc.sample(hostileInputs(proc, ids), { seed: SEED - 1, numRuns: 12 }).entries()) {
      const http = n % 3 === 0;
      const input = http ? overTheWire(generated) : generated;
      const outcome = await call(proc, undefined, input, http);
      const problem = outcome.ok ? 'signed in with a hostile login' : refusalProblem(outcome, input);
      if (problem) findings.push({ proc: proc.name, as: 'nobody', http, input: preview(input), problem });
    }
    expect(findings, report(findings, SEED - 1)).toEqual([]);
  }, 30_000);

  it('refuses request bodies the transport cannot read with INVALID_INPUT, and nothing is polluted or written', async () => {
    const before = tableHashes();
    // mayPass: readable, and what it carries may be valid (a serializer envelope oRPC reads leniently).
    const bodies: { body: string; type?: string; mayPass?: boolean }[] = [
      { body: 'not json' },
      { body: '' },
      { body: '{"json":' },
      { body: '{"json":{"q":"x"},"meta":[[1,"__proto__","polluted"]]}', mayPass: true },
      { body: '{"json":{"q":"x"},"meta":[[1,"constructor","prototype","polluted"]]}', mayPass: true },
      { body: '{"json":{"q":"x"},"meta":"nonsense"}', mayPass: true },
      { body: '{"json":{"q":"x"},"meta":[[99,"q"]]}', mayPass: true },
      { body: '{"json":{"__proto__":{"polluted":"yes"},"q":"x"}}' },
      { body: '{"json":{"constructor":{"prototype":{"polluted":"yes"}}}}' },
      { body: `{"json":${'['.repeat(50_000)}${']'.repeat(50_000)}}` },
      { body: JSON.stringify({ json: { q: ONE_MB.repeat(4) } }) },
      { body: '{"json":{"q":"x"}}', type: 'text/html', mayPass: true },
      { body: '<img src=x onerror=alert(1)>', type: 'text/html' },
      { body: 'q=%27%3B+drop+table+customers%3B+--', type: 'application/x-www-form-urlencoded' },
    ];
    const findings: string[] = [];
    for (const path of ['customers/lookup', 'customers/create', 'users/login', 'repairOrders/get']) {
      for (const token of [undefined, manager.token]) {
        for (const { body, type, mayPass } of bodies) {
          const response = await withTimeout(
            fetch(`${server.url}/rpc/${path}`, {
              method: 'POST',
              headers: { 'content-type': type ?? 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
              body,
            }),
            path,
          );
          const text = await response.text();
          let code: unknown;
          try {
            code = (JSON.parse(text) as { json?: { code?: unknown } }).json?.code;
          } catch {
            code = `unreadable answer ${text.slice(0, 80)}`;
          }
          if (response.ok ? !(mayPass && path !== 'customers/create') : !TYPED.includes(code as ApiErrorCode)) {
            findings.push(
              `${path}${token ? ' (manager)' : ''} ${type ?? ''} ${body.slice(0, 60)}: ${response.status} ${String(code)}`,
            );
          }
        }
      }
    }
    expect(findings).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(tableHashes()).toEqual(before);
  }, 60_000);
});
