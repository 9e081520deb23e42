import { describe, expect, it } from 'vitest';
import { type ApiErrorCode } from '../../shared/contract';
import { server, manager, withTimeout, tableHashes, useFuzzedApi } from '../fixtures/fuzz-calls';
import { TYPED, ONE_MB } from '../fixtures/fuzz-inputs';

/**
 * Issue 7, bad input at the transport: request bodies the HTTP transport cannot read (not JSON, truncated, deeply
 * nested, huge, prototype-pollution keys in the body or in the serializer's meta, the wrong content type) are refused
 * with a typed code, pollute nothing and write nothing. The procedures under hostile input: fuzz-procedures.test.ts.
 */
useFuzzedApi();

describe('the API under random and hostile input', () => {
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
