import { ISSUED_AT_DELIVERY } from '../../shared/contract/parts';
import { postMovement } from '../../electron/core/parts/ledger';
import { makePart, stockIn } from '../fixtures/parts';
import { demoCar, expect, signInAs, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Issue 17 item 10: the words a user reads, where they read them. */
async function toChinese(page: Page) {
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '中文' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

test('a part issued at handover reads 交车出库 in its ledger, and counts take their unit in each language', async ({
  page,
  desk,
}) => {
  const part = await makePart(desk.core, { part_number: 'E2EWORDS1', unit: 'set', default_bin: 'A-09-09' });
  await signInAs(page, desk, 'parts_clerk');
  await stockIn(desk.core, part.id, 3_000, 20_000);
  const userId = (
    await desk.core.deps.db.selectFrom('users').select('id').where('username', '=', 'parts_clerk').executeTakeFirstOrThrow()
  ).id;
  // What the core writes when a car leaves with parts still reserved for it (parts/part-supply/reservations.ts).
  await desk.core.deps.db.transaction().execute((trx) =>
    postMovement(trx, {
      partId: part.id,
      kind: 'issue',
      qtyMilli: -1_000,
      reason: ISSUED_AT_DELIVERY,
      userId,
      at: desk.core.deps.clock.now().toISOString(),
    }),
  );

  await page.goto(`${desk.url}#/parts/${part.id}`);
  await expect(page.getByTestId('on-hand')).toHaveText('2 sets');
  await expect(page.locator('.ag-row').filter({ hasText: 'Issued at handover' })).toHaveCount(1);

  await toChinese(page);
  await expect(page.getByTestId('on-hand')).toHaveText('2 套');
  await expect(page.locator('.ag-row').filter({ hasText: '交车出库' })).toHaveCount(1);
  await expect(page.getByText(ISSUED_AT_DELIVERY)).toHaveCount(0);
});

test('the vehicle page offers 新建预约, not the booking form’s own 确认预约', async ({ page, desk }) => {
  const { vehicleId } = demoCar(desk);
  await signInAs(page, desk, 'advisor');
  await toChinese(page);
  await page.goto(`${desk.url}#/vehicles/${vehicleId}`);
  await expect(page.getByRole('link', { name: '新建预约' })).toBeVisible();
  await expect(page.getByRole('link', { name: '确认预约' })).toHaveCount(0);
});
