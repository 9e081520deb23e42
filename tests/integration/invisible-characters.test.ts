import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/core/api';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { customerData, makeCustomer } from '../fixtures/factories';
import { signIn } from '../fixtures/users';

let t: TestCore;
let server: RunningServer;
let advisor: RouterClient<Router>;

beforeAll(async () => {
  t = await openTestCore();
  server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
  const { token } = await signIn(t.core, 'advisor');
  advisor = createORPCClient(new RPCLink({ url: `${server.url}/rpc`, headers: () => ({ authorization: `Bearer ${token}` }) }));
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('names and free text refuse invisible characters (over HTTP)', () => {
  it('a customer name with a right-to-left override is refused, naming the field and the character', async () => {
    const before = countRows(t.core, 'customers');
    await expectApiError(advisor.customers.create(customerData(1, { name: '张三\u202Eexe.gpj' })), 'INVALID_INPUT', {
      field: 'name',
      reason: 'text.invisibleCharacters',
      params: { char: 'U+202E' },
    });
    expect(countRows(t.core, 'customers')).toBe(before);
  });

  it('a customer name with NUL is refused', async () => {
    await expectApiError(advisor.customers.create(customerData(2, { name: '李四\u0000' })), 'INVALID_INPUT', {
      field: 'name',
      reason: 'text.invisibleCharacters',
      params: { char: 'U+0000' },
    });
  });

  it('a bidirectional isolate in an edit of the address is refused too', async () => {
    const customer = await makeCustomer(advisor);
    await expectApiError(
      advisor.customers.update({ ...customerData(3), id: customer.id, version: customer.version, address: '北京\u2067市' }),
      'INVALID_INPUT',
      { field: 'address', reason: 'text.invisibleCharacters' },
    );
  });

  it('a note keeps its line breaks; a one-line field refuses one', async () => {
    const customer = await makeCustomer(advisor);
    const note = await advisor.customers.addNote({ customerId: customer.id, body: '第一行\r\n第二行\n\t第三行' });
    expect(note.body).toBe('第一行\r\n第二行\n\t第三行');
    await expectApiError(advisor.customers.create(customerData(4, { name: '王\n伟' })), 'INVALID_INPUT', {
      field: 'name',
      reason: 'text.lineBreak',
    });
    await expectApiError(advisor.customers.addNote({ customerId: customer.id, body: '好\u202E的' }), 'INVALID_INPUT', {
      field: 'body',
      reason: 'text.invisibleCharacters',
    });
  });

  it('ordinary names still pass', async () => {
    const customer = await advisor.customers.create(customerData(5, { name: ' 欧阳 娜娜 ' }));
    expect(customer.name).toBe('欧阳 娜娜');
  });
});
