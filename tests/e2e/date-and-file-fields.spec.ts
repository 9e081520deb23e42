import { addDays, deskDay, instantAt } from '../../shared/domain/desk-time';
import { demoCar, expect, field, signInAs, test } from './fixtures';

// The browser's own date and file widgets speak the browser's language (12/07/2026, "Choose Files" on a Chinese
// screen); BayDesk's fields speak the desk's: typed and shown 2026-12-07 14:30, a calendar in Chinese, our own button.
test('on a Chinese screen a promised time is typed and picked as 2026-12-07 17:00 and saved; the photo button speaks Chinese', async ({
  page,
  desk,
}) => {
  await signInAs(page, desk, 'advisor');
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.goto(`${desk.url}/#/repair-orders/new?vehicleId=${demoCar(desk).vehicleId}`);
  await field(page, 'concerns.0.text').input.fill('做1万公里保养');

  // A day in the month after next, so the calendar shows a month of its own and the time is in the future.
  const today = deskDay(desk.clock.now());
  const firstOfMonth = `${addDays(`${today.slice(0, 7)}-01`, 62).slice(0, 7)}-01`;
  const picked = `${firstOfMonth.slice(0, 7)}-15`;
  const promised = field(page, 'promisedAt');

  await test.step('typed with a slash and no leading zeros, it reads the desk’s way once left', async () => {
    await expect(promised.input).toHaveAttribute('placeholder', '年-月-日 时:分');
    await promised.input.fill(`${firstOfMonth.replaceAll('-', '/').replace('/0', '/')} 9:30`);
    await promised.input.blur();
    await expect(promised.input).toHaveValue(`${firstOfMonth} 09:30`);
  });

  await test.step('the calendar is in Chinese, weeks start on Monday; a day picked keeps the time typed', async () => {
    await promised.label.getByRole('button', { name: '打开日历' }).click();
    const calendar = page.getByRole('dialog', { name: '日历' });
    await expect(calendar).toBeVisible();
    await expect(calendar.locator('.rdp-weekday').first()).toHaveText(/一/);
    await expect(calendar.locator('.rdp-months_dropdown option:checked')).toHaveText(/月/);
    await expect(calendar.getByRole('button', { name: '今天' })).toBeVisible();
    await calendar.locator(`[data-day="${picked}"] button`).click();
    await expect(promised.input).toHaveValue(`${picked} 09:30`);
    await calendar.getByLabel('时间').fill('17:00');
    await expect(promised.input).toHaveValue(`${picked} 17:00`);
    await page.keyboard.press('Escape');
    await expect(calendar).toHaveCount(0);
    await expect(promised.input).toBeFocused();
  });

  await test.step('the RO saves the desk’s 17:00 of that day', async () => {
    await page.getByRole('button', { name: '创建委托书' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^委托书 RO\d{4}-\d{6}$/ })).toBeVisible();
    const stored = desk.core.deps.sqlite
      .prepare('select promised_at as promisedAt from repair_orders order by id desc limit 1')
      .get() as { promisedAt: string };
    expect(stored.promisedAt).toBe(instantAt(picked, 17 * 60).toISOString());
  });

  await test.step('the check-in’s photo chooser is BayDesk’s own button, in Chinese', async () => {
    const photos = field(page, 'dataBase64');
    await expect(photos.label.getByRole('button', { name: '选择文件…' })).toBeVisible();
    await expect(photos.label).toContainText('未选择文件');
    await expect(page.getByRole('button', { name: /^上传.*照片$/ })).toBeDisabled();
  });
});

test('a date field opened from the keyboard picks a day with the arrow keys and Enter', async ({ page, desk }) => {
  await signInAs(page, desk, 'advisor');
  await page.goto(`${desk.url}/#/repair-orders/new?vehicleId=${demoCar(desk).vehicleId}`);
  const promised = field(page, 'promisedAt');
  await promised.input.fill('2030-06-10 08:15');
  await promised.input.press('Alt+ArrowDown');
  const calendar = page.getByRole('dialog', { name: 'Calendar' });
  await expect(calendar.locator('[data-day="2030-06-10"] button')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(promised.input).toHaveValue('2030-06-11 08:15');
});

test('on a Chinese screen the check-in’s damage marks show their 部位', async ({ page, desk }) => {
  const advisor = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const client = desk.core.client(advisor.token);
  const { vehicleId } = demoCar(desk);
  const { km } = desk.core.deps.sqlite
    .prepare('select coalesce(max(km), 0) as km from vehicle_mileage where vehicle_id = ?')
    .get(vehicleId) as {
    km: number;
  };
  const ro = await client.repairOrders.create({ vehicleId, concerns: ['后保险杠有划痕'] });
  const checkIn = await client.repairOrders.checkIn({ id: ro.id, version: ro.version, mileageKm: km + 10, fuelEighths: 4 });
  await client.repairOrders.addDamageMark({
    id: ro.id,
    version: checkIn.roVersion,
    xPermille: 500,
    yPermille: 910,
    kind: 'scratch',
    note: '划痕约5cm',
  });
  await signInAs(page, desk, 'advisor');
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
  const marks = page.getByRole('table', { name: '损伤标记' });
  await expect(marks.locator('thead th').nth(1)).toHaveText('部位');
  await expect(marks.locator('tbody tr').first().locator('td').nth(1)).toHaveText('后保险杠');
});
