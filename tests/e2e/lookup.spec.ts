import type { Page } from '@playwright/test';
import { expect, lookupBox, signInAs, test, type Desk } from './fixtures';

/** A car of the demo dealership with an ordinary plate, its current owner and the owner's first phone. */
function someCarAndOwner(desk: Desk) {
  return desk.core.deps.sqlite
    .prepare(
      `select v.plate, v.vin, c.id as customerId, c.name,
              (select p.number from customer_phones p where p.customer_id = c.id order by p.position limit 1) as phone
         from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        where length(v.plate) = 7 and c.kind = 'person'
        order by v.id limit 1`,
    )
    .get() as { plate: string; vin: string; customerId: number; name: string; phone: string };
}

/** Types into the look-up as a person does, key by key: no key may be lost while results come in. */
async function search(page: Page, text: string) {
  await lookupBox(page).fill('');
  // The previous answer is gone before the next question: no line below can be left over from it.
  await expect(page.getByRole('listbox', { name: 'Look-up' })).toHaveCount(0);
  await lookupBox(page).pressSequentially(text);
  await expect(lookupBox(page)).toHaveValue(text);
}

/** The look-up's result lines (the language <select> has options too). */
function results(page: Page) {
  return page.getByRole('listbox', { name: 'Look-up' }).getByRole('option');
}

test.describe('the reception look-up', () => {
  test('finds the car by plate, plate without province, VIN tail, phone tail and name', async ({ page, desk }) => {
    const car = someCarAndOwner(desk);
    expect(car, 'the demo database has a car with an owner').toBeTruthy();
    await signInAs(page, desk, 'advisor');

    // [what is typed, the badge that says why the row was found]
    const plateTyped = `${car.plate[0]}${car.plate.slice(1, 3).toLowerCase()} ${car.plate.slice(3).toLowerCase()}`;
    const readings: [string, string][] = [
      [plateTyped, 'Plate'],
      [car.plate.slice(1), 'Plate'],
      [car.vin.slice(-6), 'VIN'],
      [car.phone.slice(-4), 'Phone'],
      [car.name.slice(0, 2), 'Name'],
    ];
    for (const [typed, matchedBy] of readings) {
      await test.step(`“${typed}” finds ${car.plate} by ${matchedBy}`, async () => {
        await search(page, typed);
        const row = results(page).filter({ hasText: car.plate });
        await expect(row).toHaveCount(1);
        await expect(row).toContainText(car.name);
        await expect(row).toContainText(car.vin);
        await expect(row.locator('.badge')).toHaveText(matchedBy);
      });
    }
  });

  test('nothing found is said in words', async ({ page, desk }) => {
    await signInAs(page, desk, 'advisor');
    await search(page, 'Zzyzx');
    await expect(page.getByText('Nothing found for “Zzyzx”.')).toBeVisible();
    await expect(results(page)).toHaveCount(0);
  });

  test('↓ and Enter open the chosen file; F2 brings back the same search', async ({ page, desk }) => {
    // The commonest surname of the demo dealership: the look-up lists several files for it.
    const { query } = desk.core.deps.sqlite
      .prepare(
        `select substr(name, 1, 1) as query, count(*) as n from customers
          where merged_into_id is null and kind = 'person' group by query order by n desc, query limit 1`,
      )
      .get() as { query: string };
    // What the core itself answers for this surname: the second line is the one ↓ chooses.
    const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
    const { rows } = await desk.core.client(session.token).customers.lookup({ q: query, offset: 0, limit: 20 });
    expect(rows.length, `several customers named ${query}…`).toBeGreaterThan(2);
    const second = rows[1]!;
    expect(second.customerId).not.toBeNull();

    await signInAs(page, desk, 'advisor');
    await search(page, query);
    const options = results(page);
    await expect(options).toHaveCount(rows.length);
    // Moving the mouse over a line chooses it...
    await options.nth(2).hover();
    await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');
    // ...but lines of a new search appearing under the resting mouse do not steal the choice from the keyboard.
    await search(page, query);
    await expect(options).toHaveCount(rows.length);
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');

    await lookupBox(page).press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(options.first()).toHaveAttribute('aria-selected', 'false');
    await lookupBox(page).press('Enter');

    await expect(page).toHaveURL(new RegExp(`#/customers/${second.customerId}$`));
    await expect(page.getByRole('heading', { level: 1, name: second.customerName! })).toBeVisible();
    if (second.plate) await expect(page.locator('.vehicle-list')).toContainText(second.plate);

    await page.keyboard.press('F2');
    await expect(lookupBox(page)).toBeVisible();
    await expect(lookupBox(page)).toHaveValue(query);
    await expect(options).toHaveCount(rows.length);
    await expect(options.nth(1)).toContainText(second.customerName!);
  });

  test('finds a customer by the initials and the full pinyin of the name', async ({ page, desk }) => {
    // A demo person with a car whose name initials (two letters, as staff type 张三 as zs) few other names share.
    const found = desk.core.deps.sqlite
      .prepare(
        `select k.key, c.name, v.plate,
                (select count(distinct k2.customer_id) from customer_pinyin k2 where substr(k2.key, 1, 2) = k.key) as n,
                (select k3.key from customer_pinyin k3 where k3.customer_id = c.id order by length(k3.key) desc limit 1) as full
           from customer_pinyin k
           join customers c on c.id = k.customer_id and c.kind = 'person'
           join vehicle_ownerships o on o.customer_id = c.id and o.to_at is null
           join vehicles v on v.id = o.vehicle_id and length(v.plate) = 7
          where length(k.key) = 2
          order by n, c.id limit 1`,
      )
      .get() as { key: string; name: string; plate: string; n: number; full: string };
    expect(found, 'the demo database has people keyed by pinyin').toBeTruthy();
    await signInAs(page, desk, 'advisor');
    for (const typed of [found.key, found.full.toUpperCase()]) {
      await test.step(`“${typed}” finds ${found.name} by pinyin`, async () => {
        await search(page, typed);
        const row = results(page).filter({ hasText: found.plate });
        await expect(row).toHaveCount(1);
        await expect(row).toContainText(found.name);
        await expect(row.locator('.badge')).toHaveText('Pinyin');
      });
    }
  });
});
