import type { Page } from '@playwright/test';
import { expect, field, lookupBox, signInAs, test, type Desk } from './fixtures';

/** A demo customer with a car and a phone and no repair order still open or unpaid: one who may be erased. */
function erasableCustomer(desk: Desk) {
  return desk.core.deps.sqlite
    .prepare(
      `select c.id as customerId, c.name, v.plate,
              (select p.number from customer_phones p where p.customer_id = c.id order by p.position limit 1) as phone
         from customers c
         join vehicle_ownerships o on o.customer_id = c.id and o.to_at is null
         join vehicles v on v.id = o.vehicle_id
        where c.merged_into_id is null and c.kind = 'person' and length(v.plate) = 7
          and exists (select 1 from customer_phones p where p.customer_id = c.id)
          and not exists (select 1 from repair_orders r where r.customer_id = c.id and r.status not in ('closed', 'cancelled'))
        order by c.id limit 1`,
    )
    .get() as { customerId: number; name: string; plate: string; phone: string };
}

async function search(page: Page, text: string) {
  await lookupBox(page).fill('');
  await expect(page.getByRole('listbox', { name: 'Look-up' })).toHaveCount(0);
  await lookupBox(page).pressSequentially(text);
  await expect(lookupBox(page)).toHaveValue(text);
}

test.describe('personal data', () => {
  test('the manager erases a customer after typing the name; the look-up no longer finds them', async ({ page, desk }) => {
    const customer = erasableCustomer(desk);
    expect(customer, 'the demo database has a customer who may be erased').toBeTruthy();
    await signInAs(page, desk, 'manager');

    // Found by phone before.
    await search(page, customer.phone);
    await expect(
      page.getByRole('listbox', { name: 'Look-up' }).getByRole('option').filter({ hasText: customer.name }).first(),
    ).toBeVisible();

    await page.goto(`${desk.url}#/customers/${customer.customerId}`);
    await expect(page.getByRole('heading', { level: 1, name: customer.name })).toBeVisible();
    await page.getByRole('button', { name: 'Erase on request' }).click();

    // A name that does not match is refused in place and nothing is erased.
    await field(page, 'confirmName').input.fill(`${customer.name}X`);
    await field(page, 'reason').input.fill('Written request received 23 Nov');
    await page.getByRole('button', { name: 'Erase personal data' }).click();
    await expect(field(page, 'confirmName').error).toHaveText('The name does not match the customer’s name exactly.');
    expect(desk.core.deps.sqlite.prepare('select erased_at from customers where id = ?').get(customer.customerId)).toEqual({
      erased_at: null,
    });

    await field(page, 'confirmName').input.fill(customer.name);
    await page.getByRole('button', { name: 'Erase personal data' }).click();
    await expect(page.getByTestId('erased')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: `已删除客户 #${customer.customerId}` })).toBeVisible();
    await expect(page.locator('.facts')).not.toContainText(customer.phone);
    await expect(page.getByRole('button', { name: 'Erase on request' })).toHaveCount(0);

    // The look-up finds nobody by the phone any more; the car is still there, with no owner named.
    await page.goto(`${desk.url}#/`);
    await search(page, customer.phone);
    await expect(page.getByText(`Nothing found for “${customer.phone}”.`)).toBeVisible();
    await search(page, customer.plate);
    const car = page.getByRole('listbox', { name: 'Look-up' }).getByRole('option').filter({ hasText: customer.plate });
    await expect(car).toHaveCount(1);
    await expect(car).not.toContainText(customer.name);
  });
});

test.describe('consents', () => {
  test('the advisor records a withdrawal taken on the phone; the history shows who, how and the note', async ({ page, desk }) => {
    const customer = erasableCustomer(desk);
    await signInAs(page, desk, 'advisor');
    await page.goto(`${desk.url}#/customers/${customer.customerId}`);
    await expect(page.getByRole('heading', { level: 1, name: customer.name })).toBeVisible();
    await page.getByRole('button', { name: 'Record a consent change' }).click();
    await field(page, 'granted').input.selectOption({ label: 'Consent withdrawn' });
    await field(page, 'method').input.selectOption({ label: 'On the phone' });
    await field(page, 'note').input.fill('No more follow-up calls, please');
    await page.getByRole('button', { name: 'Record', exact: true }).click();

    const history = page.getByRole('table', { name: 'Consent history' });
    const row = history.getByRole('row').filter({ hasText: 'No more follow-up calls, please' });
    await expect(row).toContainText('withdrawn');
    await expect(row).toContainText('On the phone');
    const advisor = desk.core.deps.sqlite.prepare("select display_name as name from users where username = 'advisor'").get() as {
      name: string;
    };
    await expect(row).toContainText(advisor.name);
    await expect(page.getByTestId('consent')).toHaveText('Has not agreed to be contacted');
    const stored = desk.core.deps.sqlite
      .prepare('select granted, method, note from customer_consents where customer_id = ? order by id desc limit 1')
      .get(customer.customerId);
    expect(stored).toEqual({ granted: 0, method: 'phone', note: 'No more follow-up calls, please' });
  });
});
