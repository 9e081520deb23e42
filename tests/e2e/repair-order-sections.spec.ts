import { deliverDemoRepairOrder } from './delivered-ro';
import { expect, signInAs, test } from './fixtures';

// Issue 17 item 6: the RO page is no longer one long scroll. A sticky header keeps the status, the next step, the
// customer's phone, the promised time and the total in view; a tab per part of the page reaches it, from the keyboard
// too, and the part in view is the current tab.

test.use({ viewport: { width: 1280, height: 720 } });

test('the RO header stays in view with status, next step, phone, promise and total; tabs reach every part by mouse and keyboard', async ({
  page,
  desk,
}) => {
  const delivered = await deliverDemoRepairOrder(desk);
  const { phone } = desk.core.deps.sqlite
    .prepare(
      `select p.number as phone from repair_orders r join customer_phones p on p.customer_id = r.customer_id
        where r.id = ? order by p.position limit 1`,
    )
    .get(delivered.id) as { phone: string };
  await signInAs(page, desk, 'advisor');
  await page.goto(`${desk.url}/#/repair-orders/${delivered.id}`);

  const header = page.getByRole('region', { name: 'Repair order at a glance' });
  const tabs = page.getByRole('navigation', { name: 'Parts of the repair order' });
  await test.step('the header says where the RO stands, whom to call and what it comes to', async () => {
    await expect(header).toContainText(delivered.number);
    await expect(page.getByTestId('ro-header-status')).toHaveText('Delivered');
    await expect(page.getByTestId('ro-header-next')).toHaveText('Closed');
    await expect(page.getByTestId('ro-header-phone')).toHaveText(phone);
    await expect(page.getByTestId('ro-header-total')).toHaveText('¥200.00');
    await expect(page.getByTestId('ro-header-promised')).toHaveText('Not promised yet');
    await expect(tabs.getByRole('button')).toHaveText([
      'Check-in',
      'Jobs',
      'Approval',
      'Workshop',
      'Quality check',
      'Settlement',
      'History',
    ]);
    await expect(tabs.getByRole('button', { name: 'Check-in' })).toHaveAttribute('aria-current', 'true');
  });

  await test.step('a tab brings its part under the header, which stays at the top; that tab is current', async () => {
    await tabs.getByRole('button', { name: 'Settlement' }).click();
    const settlement = page.getByRole('region', { name: 'Settlement', exact: true });
    await expect(settlement).toBeFocused();
    await expect(tabs.getByRole('button', { name: 'Settlement' })).toHaveAttribute('aria-current', 'true');
    await expect(tabs.getByRole('button', { name: 'Check-in' })).not.toHaveAttribute('aria-current', 'true');
    const headerBox = (await header.boundingBox())!;
    const sectionBox = (await settlement.boundingBox())!;
    expect(headerBox.y).toBeLessThan(100); // under the app's top bar, not scrolled away
    expect(sectionBox.y).toBeGreaterThanOrEqual(headerBox.y + headerBox.height - 1);
    expect(sectionBox.y).toBeLessThan(headerBox.y + headerBox.height + 40);
    await expect(page.getByTestId('ro-header-total')).toBeInViewport();
  });

  await test.step('from the keyboard: Tab to the next tab, Enter goes there', async () => {
    await tabs.getByRole('button', { name: 'Jobs' }).focus();
    await page.keyboard.press('Tab');
    await expect(tabs.getByRole('button', { name: 'Approval' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Approval', exact: true })).toBeFocused();
    await expect(tabs.getByRole('button', { name: 'Approval' })).toHaveAttribute('aria-current', 'true');
    // The keyboard carries on inside the part it reached.
    await page.keyboard.press('Tab');
    const inside = await page.locator('.ro-section:has(*:focus)').getAttribute('aria-label');
    expect(['Approval', 'Workshop', 'Quality check', 'Settlement', 'History']).toContain(inside);
  });

  await test.step('scrolling marks the part in view', async () => {
    await page.getByRole('region', { name: 'History', exact: true }).scrollIntoViewIfNeeded();
    await page.mouse.move(640, 500);
    await page.mouse.wheel(0, 5000);
    await expect(tabs.getByRole('button', { name: 'History' })).toHaveAttribute('aria-current', 'true');
    await page.mouse.wheel(0, -20000);
    await expect(tabs.getByRole('button', { name: 'Check-in' })).toHaveAttribute('aria-current', 'true');
  });
});

test('an open RO shows its parts to come: quality check and settlement say when they open', async ({ page, desk }) => {
  const car = desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        order by v.id limit 1`,
    )
    .get() as { vehicleId: number };
  const token = (await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' })).token;
  const ro = await desk.core.client(token).repairOrders.create({ vehicleId: car.vehicleId, concerns: ['异响'] });
  await signInAs(page, desk, 'advisor');
  await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
  await expect(page.getByTestId('ro-header-next')).toHaveText('In progress');
  const tabs = page.getByRole('navigation', { name: 'Parts of the repair order' });
  await tabs.getByRole('button', { name: 'Quality check' }).click();
  await expect(page.getByRole('region', { name: 'Quality check', exact: true })).toContainText(
    'The quality check opens once work has started.',
  );
  await tabs.getByRole('button', { name: 'Settlement' }).click();
  await expect(page.getByRole('region', { name: 'Settlement', exact: true })).toContainText(
    'Payment and handover open once the car is ready for handover.',
  );
});
