import { implement, ORPCError, ValidationError } from '@orpc/server';
import { contract } from '../../shared/contract';
import { API_ERROR_STATUS, issueFromZod, type ApiErrorCode, type ApiIssue } from '../../shared/contract/errors';
import { roleMayCall } from '../../shared/domain/roles';
import type { Actor, CoreDeps } from './context';
import { AppError } from './errors';
import { actorForToken } from './users/service';

/** What a transport hands the core for each call: the core itself and the request's headers (for the token). */
export interface BaseContext {
  deps: CoreDeps;
  reqHeaders?: Headers;
  /** The HTTP shell's answer headers (a desk's credential cookie is set on the pair answer). */
  resHeaders?: Headers;
  /** The address the HTTP request came from (a paired desk's, for the desk list and the audit trail). */
  remoteAddress?: string | null;
}

/** Procedures slower than this are logged: the look-up runs on every key press of every desk. */
const SLOW_MS = 40;
/**
 * Slow on purpose: the first three hash a password with scrypt; the stock export writes a whole spreadsheet and the
 * price-file import reads one (both yield between chunks, so other desks are served meanwhile); CSI over a long
 * period aggregates every answer in it (about 0.1-0.2 s for a year of 10,000 surveys).
 */
const SLOW_BY_DESIGN = new Set([
  // A claim batch written as a spreadsheet; the OEM's settlement file read and matched (both yield only at their end).
  'warrantyClaims.exportBatch',
  'warrantyClaims.importSettlement',
  'users.login',
  'users.setupAdmin',
  'users.create',
  'parts.exportStock',
  'parts.importPrepare',
  'parts.importRun',
  'campaigns.import',
  'dmsImport.prepare',
  'dmsImport.run',
  'dmsImport.template',
  'dmsImport.refusals',
  'followup.csi',
  'reports.monthlyCsi',
  'reports.monthlyCsiExport',
  // The KPI dashboard reads CSI, first-time fix and the lapsed rate for a period; its trend does so for 12 months.
  'reports.kpis',
  'reports.kpiTrend',
  // The money reports read every line of a period's ROs (up to about a year) and their workbook writes them all.
  'reports.revenue',
  'reports.partsMargin',
  'reports.moneyExport',
  // A backup copies the whole file and reads every page again to check it; a restore also reopens and migrates.
  'backups.backupNow',
  'backups.restore',
]);

function bearerToken(headers: Headers | undefined): string | null {
  const value = headers?.get('authorization') ?? '';
  return value.startsWith('Bearer ') ? value.slice('Bearer '.length).trim() || null : null;
}

function typedError(code: ApiErrorCode, issues: ApiIssue[]): ORPCError<ApiErrorCode, { issues: ApiIssue[] }> {
  return new ORPCError(code, { status: API_ERROR_STATUS[code], message: code, data: { issues } });
}

/** Every failure leaves the core as one of the closed set of codes; anything unexpected is logged and hidden. */
export function toTypedError(error: unknown): ORPCError<ApiErrorCode, { issues: ApiIssue[] }> {
  if (error instanceof AppError) return typedError(error.code, error.issues);
  if (error instanceof ORPCError) {
    if (error.cause instanceof ValidationError) {
      const input = error.cause.data;
      return typedError(
        'INVALID_INPUT',
        error.cause.issues.map((issue) => issueFromZod(issue as never, input)),
      );
    }
    if (error.code === 'BAD_REQUEST') return typedError('INVALID_INPUT', [{ reason: 'invalid' }]);
    if (error.code === 'NOT_FOUND') return typedError('NOT_FOUND', [{ reason: 'notFound', params: { what: 'procedure' } }]);
  }
  console.error('[core] unexpected error', error);
  return typedError('INTERNAL', [{ reason: 'internal' }]);
}

/**
 * For a transport's handler (`interceptors: [typedTransportErrors]`): a request the handler cannot even decode
 * (malformed JSON, a broken serializer envelope) fails before the gate below, and oRPC would answer with its own
 * BAD_REQUEST, outside the closed set. Procedure errors are already typed by the gate, so whatever else arrives here
 * came from reading the request: it is INVALID_INPUT.
 */
export async function typedTransportErrors<T>({ next }: { next: () => Promise<T> }): Promise<T> {
  try {
    return await next();
  } catch (error) {
    if (error instanceof ORPCError && API_ERROR_STATUS[error.code as ApiErrorCode] !== undefined) throw error;
    throw toTypedError(error instanceof ORPCError ? error : new ORPCError('BAD_REQUEST', { cause: error }));
  }
}

const base = implement(contract).$context<BaseContext>();

/**
 * The one gate every procedure passes: who is calling (bearer token -> session), whether their role may call this
 * procedure (declared in the contract), error mapping, and the slow-call log.
 */
export const rpc = base.use(async ({ context, procedure, path, next }) => {
  const started = performance.now();
  try {
    const { access } = procedure['~orpc'].meta;
    const token = bearerToken(context.reqHeaders);
    const actor = token ? await actorForToken(context.deps, token) : null;
    if (access !== 'public') {
      // A token that no longer opens anything ran out (12 h, idle), was signed out or its password changed.
      if (!actor) throw new AppError('UNAUTHENTICATED', [{ reason: token ? 'session.expired' : 'session.required' }]);
      if (!roleMayCall(actor.role, access)) {
        throw new AppError('FORBIDDEN', [{ reason: 'role.forbidden', params: { role: actor.role } }]);
      }
    }
    return await next({ context: { actor, token } });
  } catch (error) {
    throw toTypedError(error);
  } finally {
    const ms = performance.now() - started;
    if (ms > SLOW_MS && !SLOW_BY_DESIGN.has(path.join('.')))
      console.warn(`[core] slow procedure ${path.join('.')}: ${ms.toFixed(1)} ms`);
  }
});

/** The caller of a procedure that is not public; the gate has already refused anyone else. */
export function signedIn(context: { actor: Actor | null }): Actor {
  if (!context.actor) throw new AppError('UNAUTHENTICATED', [{ reason: 'session.required' }]);
  return context.actor;
}
