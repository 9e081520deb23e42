import { deliverDemoRepairOrder } from './delivered-ro';
import { demoCar, expect, signInAs, test, type Desk } from './fixtures';

/**
 * Issue 17, item 1: a step that cannot be undone asks first, in one dialog BayDesk shares across screens; cancelling
 * an RO needs the reason, which the RO then shows; the cancel button is apart from the next step, as a danger button.
 */

function statusOf(desk: Desk, id: number): string {
  return (desk.core.deps.sqlite.prepare('select status from repair_orders where id = ?').get(id) as { status: string }).status;
}

test('cancelling an RO asks in a dialog, needs the reason, Esc and "Keep it open" change nothing; the reason stays on the RO', async ({
  page,
  desk,
}) => {
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const ro = await desk.core
    .client(session.token)
    .repairOrders.create({ vehicleId: demoCar(desk).vehicleId, concerns: ['更换雨刮片'] });
  await signInAs(page, desk, 'advisor');
  await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
  const actions = page.locator('.ro-status-actions');
  const next = actions.getByRole('button', { name: 'Move to “In progress”' });
  const cancel = actions.getByRole('button', { name: 'Cancel repair order…' });

  await test.step('the cancel button is a danger button, away from the next step', async () => {
    await expect(next).toHaveClass(/primary/);
    await expect(cancel).toHaveClass(/danger/);
    const [nextBox, cancelBox] = [(await next.boundingBox())!, (await cancel.boundingBox())!];
    // Not side by side: at least 200 px between the primary step and cancelling.
    expect(cancelBox.x - (nextBox.x + nextBox.width)).toBeGreaterThan(200);
  });

  const dialog = page.getByRole('dialog', { name: `Cancel repair order ${ro.number}?` });
  await test.step('Esc closes the dialog and nothing happens', async () => {
    await cancel.click();
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('cannot be reopened');
    // The reason box has the focus, and Tab stays inside the dialog.
    await expect(dialog.getByLabel('Why is it cancelled?')).toBeFocused();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((node) => node.contains(node.ownerDocument.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(statusOf(desk, ro.id)).toBe('open');
  });

  await test.step('without a reason it is refused in the dialog; "Keep it open" leaves the RO open', async () => {
    await cancel.click();
    await dialog.getByRole('button', { name: 'Cancel the repair order' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Please give the reason.');
    expect(statusOf(desk, ro.id)).toBe('open');
    await dialog.getByRole('button', { name: 'Keep it open' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('ro-status')).toHaveText('Open');
  });

  await test.step('with the reason the RO is cancelled, and the page says why', async () => {
    await cancel.click();
    await dialog.getByLabel('Why is it cancelled?').fill('客户决定去外面的店更换');
    await dialog.getByRole('button', { name: 'Cancel the repair order' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('ro-status')).toHaveText('Cancelled');
    await expect(page.getByTestId('ro-cancel-reason')).toHaveText('客户决定去外面的店更换');
    await expect(page.getByRole('table', { name: 'Status history' })).toContainText('客户决定去外面的店更换');
    expect(statusOf(desk, ro.id)).toBe('cancelled');
  });
});

test('closing a delivered RO asks first; "Not yet" keeps it delivered; a refusal is said in the dialog (in Chinese)', async ({
  page,
  desk,
}) => {
  const ro = await deliverDemoRepairOrder(desk);
  await signInAs(page, desk, 'advisor');
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
  const close = page.getByRole('button', { name: '转为“已结算关闭”' });
  await close.click();
  const dialog = page.getByRole('dialog', { name: `关闭委托书 ${ro.number}？` });
  await expect(dialog).toContainText('关闭后委托书不能再修改');
  await expect(dialog.getByRole('button', { name: '暂不关闭' })).toBeFocused();
  await dialog.getByRole('button', { name: '暂不关闭' }).click();
  await expect(dialog).toHaveCount(0);
  expect(statusOf(desk, ro.id)).toBe('delivered');
  // The customer has not paid yet: the core refuses, and the dialog says why instead of closing.
  await close.click();
  await dialog.getByRole('button', { name: '确认关闭' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  expect(statusOf(desk, ro.id)).toBe('delivered');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('ro-status')).toHaveText('已交车');
});
