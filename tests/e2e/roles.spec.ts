import { countRows, expect, lookupBox, signInAs, test } from './fixtures';

const NEW_CUSTOMER = { kind: 'person', name: 'Not Allowed', phones: [{ number: '13900001111', label: 'mobile' }] };

test.describe('a technician', () => {
  test('sees no look-up or customer screens', async ({ page, desk }) => {
    await signInAs(page, desk, 'technician');
    await expect(page.getByTestId('signed-in-user')).toContainText('Technician');
    await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: 'Look-up' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Customers' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
    await expect(lookupBox(page)).toHaveCount(0);

    // Typing the address of a customer screen does not open it either.
    await page.goto(`${desk.url}/#/customers/new`);
    await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
    await page.goto(`${desk.url}/#/customers`);
    await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
    await expect(page.locator('.ag-root')).toHaveCount(0);
  });

  test('is refused by the core when calling customers.create over HTTP, and nothing is written', async ({ request, desk }) => {
    const login = await request.post(`${desk.url}/rpc/users/login`, {
      data: { json: { username: 'technician', password: 'demo1234' } },
    });
    expect(login.status()).toBe(200);
    const { json: session } = (await login.json()) as { json: { token: string; user: { role: string } } };
    expect(session.user.role).toBe('technician');

    const before = countRows(desk, 'customers');
    const phonesBefore = countRows(desk, 'customer_phones');
    const create = await request.post(`${desk.url}/rpc/customers/create`, {
      headers: { authorization: `Bearer ${session.token}` },
      data: { json: NEW_CUSTOMER },
    });
    expect(create.status()).toBe(403);
    const { json: error } = (await create.json()) as {
      json: { code: string; data: { issues: { reason: string; params?: Record<string, string> }[] } };
    };
    expect(error.code).toBe('FORBIDDEN');
    expect(error.data.issues).toEqual([{ reason: 'role.forbidden', params: { role: 'technician' } }]);
    expect(countRows(desk, 'customers')).toBe(before);
    expect(countRows(desk, 'customer_phones')).toBe(phonesBefore);
    const written = desk.core.deps.sqlite
      .prepare('select count(*) as n from customers where name = ?')
      .get(NEW_CUSTOMER.name) as { n: number };
    expect(written.n).toBe(0);

    // The same call with an advisor's token is accepted: the refusal was the role, not the request.
    const advisorLogin = await request.post(`${desk.url}/rpc/users/login`, {
      data: { json: { username: 'advisor', password: 'demo1234' } },
    });
    const { json: advisor } = (await advisorLogin.json()) as { json: { token: string } };
    const allowed = await request.post(`${desk.url}/rpc/customers/create`, {
      headers: { authorization: `Bearer ${advisor.token}` },
      data: { json: NEW_CUSTOMER },
    });
    expect(allowed.status()).toBe(200);
    expect(countRows(desk, 'customers')).toBe(before + 1);
  });
});

test.describe('no one signed in', () => {
  test('calling customers.create without a token is 401, and nothing is written', async ({ request, desk }) => {
    const before = countRows(desk, 'customers');
    const create = await request.post(`${desk.url}/rpc/customers/create`, { data: { json: NEW_CUSTOMER } });
    expect(create.status()).toBe(401);
    expect(((await create.json()) as { json: { code: string } }).json.code).toBe('UNAUTHENTICATED');
    expect(countRows(desk, 'customers')).toBe(before);
  });
});
