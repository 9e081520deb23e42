import { demoCar, expect, field, signInAs, test, type Desk } from './fixtures';

interface StoredCustomer {
  id: number;
  name: string;
  email: string;
  address: string;
  phone: string;
}

/** A demo person's file, read from the test's own database. */
function storedCustomer(desk: Desk, id?: number): StoredCustomer {
  return desk.core.deps.sqlite
    .prepare(
      `select c.id, c.name, c.email, c.address,
              (select p.number from customer_phones p where p.customer_id = c.id order by p.id limit 1) as phone
         from customers c
        where c.merged_into_id is null and c.kind = 'person' and (? is null or c.id = ?)
        order by c.id limit 1`,
    )
    .get(id ?? null, id ?? null) as StoredCustomer;
}

test('two desks edit the same customer: the second is told what the first changed, and reloads or saves over it knowingly', async ({
  page,
  browser,
  desk,
}) => {
  test.slow(); // two desks sign in and save four times
  const before = storedCustomer(desk);
  const editUrl = `${desk.url}/#/customers/${before.id}/edit`;
  const second = await browser.newContext();
  const page2 = await second.newPage();
  try {
    await signInAs(page, desk, 'advisor');
    await signInAs(page2, desk, 'manager');
    for (const desk1or2 of [page, page2]) {
      await desk1or2.goto(editUrl);
      await expect(field(desk1or2, 'name').input).toHaveValue(before.name);
    }

    await test.step('the first desk saves a new name and phone', async () => {
      await field(page, 'name').input.fill(`${before.name}明`);
      await field(page, 'phones.0.number').input.fill('13912345678');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('heading', { level: 1, name: `${before.name}明` })).toBeVisible();
    });

    const notice = page2.locator('.stale-notice');
    await test.step('the second desk saves an address and is told what changed; nothing of its save is written', async () => {
      await field(page2, 'address').input.fill('上海市浦东新区世纪大道100号');
      await page2.getByRole('button', { name: 'Save' }).click();
      await expect(notice).toContainText('Someone else saved this customer file at');
      await expect(notice.locator('[data-changed-field="name"]')).toHaveText(`Name: ${before.name} → ${before.name}明`);
      await expect(notice.locator('[data-changed-field="phones"]')).toContainText('→ 13912345678');
      await expect(notice.locator('[data-changed-field]')).toHaveCount(2);
      await expect(notice).toContainText('Your changes were not saved.');
      const stored = storedCustomer(desk, before.id);
      expect(stored.address).toBe(before.address);
      expect(stored.name).toBe(`${before.name}明`);
    });

    await test.step('reloading shows their version in the form', async () => {
      await notice.getByRole('button', { name: 'Reload their version' }).click();
      await expect(notice).toHaveCount(0);
      await expect(field(page2, 'name').input).toHaveValue(`${before.name}明`);
      await expect(field(page2, 'phones.0.number').input).toHaveValue('13912345678');
      await expect(field(page2, 'address').input).toHaveValue(before.address);
    });

    await test.step('after a second clash, the second desk saves over the first knowingly', async () => {
      await page.getByRole('link', { name: 'Edit' }).click();
      await expect(field(page, 'email').input).toHaveValue(before.email);
      await field(page, 'email').input.fill('first.desk@example.com');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('heading', { level: 1, name: `${before.name}明` })).toBeVisible();
      expect(storedCustomer(desk, before.id).email).toBe('first.desk@example.com');

      await field(page2, 'address').input.fill('上海市浦东新区世纪大道100号');
      await page2.getByRole('button', { name: 'Save' }).click();
      await expect(notice.locator('[data-changed-field="email"]')).toContainText('→ first.desk@example.com');
      await notice.getByRole('button', { name: 'Keep my changes and save over it' }).click();
      await expect(page2.getByRole('heading', { level: 1, name: `${before.name}明` })).toBeVisible();
      const stored = storedCustomer(desk, before.id);
      expect(stored.address).toBe('上海市浦东新区世纪大道100号');
      expect(stored.email).toBe(before.email);
    });
  } finally {
    await second.close();
  }
});

test('two desks edit the same job of an RO: the second is told which job field the first changed, and nothing of its edit is written', async ({
  page,
  browser,
  desk,
}) => {
  test.slow(); // two desks sign in
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const core = desk.core.client(session.token).repairOrders;
  const ro = await core.create({ vehicleId: demoCar(desk).vehicleId, concerns: ['刹车异响'] });
  const second = await browser.newContext();
  const page2 = await second.newPage();
  try {
    await signInAs(page, desk, 'advisor');
    await signInAs(page2, desk, 'manager');
    for (const desk1or2 of [page, page2]) {
      await desk1or2.goto(`${desk.url}/#/repair-orders/${ro.id}`);
      await desk1or2.getByRole('button', { name: 'Edit job' }).click();
      await expect(desk1or2.getByRole('form', { name: 'Edit job' })).toBeVisible();
    }

    const form1 = page.getByRole('form', { name: 'Edit job' });
    await field(page, 'cause').input.fill('前刹车片磨损到极限');
    await form1.getByRole('button', { name: 'Save' }).click();
    await expect(form1).toHaveCount(0);

    // The second desk's RO is read again when the first saves; its open form must still save from what it opened.
    const form2 = page2.getByRole('form', { name: 'Edit job' });
    await field(page2, 'concern').input.fill('刹车时有尖锐异响');
    await form2.getByRole('button', { name: 'Save' }).click();
    const notice = form2.locator('.stale-notice');
    await expect(notice).toContainText('Someone else saved this RO at');
    await expect(notice.locator('[data-changed-field]')).toHaveCount(1);
    await expect(notice.locator('[data-changed-field$=".cause"]')).toHaveText('Job 1 · Cause: (empty) → 前刹车片磨损到极限');
    const stored = await core.get({ id: ro.id });
    expect(stored.jobs[0]!.concern).toBe('刹车异响');
    expect(stored.version).toBe(ro.version + 1);

    await notice.getByRole('button', { name: 'Reload their version' }).click();
    await expect(form2).toHaveCount(0);
    await page2.getByRole('button', { name: 'Edit job' }).click();
    await expect(field(page2, 'cause').input).toHaveValue('前刹车片磨损到极限');
  } finally {
    await second.close();
  }
});
