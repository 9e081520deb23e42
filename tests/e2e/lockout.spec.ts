import { expect, lookupBox, signInAs, test } from './fixtures';

test.describe('sign-in lock-out and session ends', () => {
  test('5 wrong passwords lock the name until a manager unlocks it', async ({ page, desk }) => {
    await page.goto(desk.url);
    await page.getByLabel('Username').fill('advisor');
    for (let i = 1; i <= 4; i++) {
      await page.getByLabel('Password').fill(`wrong-${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toHaveText('Username or password is wrong.');
    }
    await page.getByLabel('Password').fill('wrong-5');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText(/^Too many attempts\. Try again after \d\d:\d\d\.$/);
    // Even the right password is refused while the lock runs.
    await page.getByLabel('Password').fill('demo1234');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText(/^Too many attempts/);
    await expect(page.getByTestId('signed-in-user')).toHaveCount(0);

    await signInAs(page, desk, 'manager');
    await page.getByRole('link', { name: 'Users' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'advisor', exact: true }) });
    await expect(row).toContainText(/Locked until \d\d:\d\d/);
    await row.getByRole('button', { name: 'Unlock' }).click();
    await expect(row).not.toContainText('Locked until');
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signInAs(page, desk, 'advisor');
  });

  test('an expired session returns to the login screen, says why, and keeps the typed look-up', async ({ page, desk }) => {
    await signInAs(page, desk, 'advisor');
    await lookupBox(page).pressSequentially('京A1');
    await expect(lookupBox(page)).toHaveValue('京A1');
    // The look-up's text is kept in the address.
    await expect(page).toHaveURL(/q=/);
    // A day later (past the 12-hour end) the screen's next call reaches the core with a dead session.
    desk.clock.advanceDays(1);
    await page.reload();
    await expect(page.getByRole('status')).toHaveText('Your session has ended. Please sign in again.');
    await expect(page.getByLabel('Username')).toBeVisible();

    // Signing in again right here (not from the start page) comes back to the look-up as it was.
    await page.getByLabel('Username').fill('advisor');
    await page.getByLabel('Password').fill('demo1234');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(lookupBox(page)).toHaveValue('京A1');
  });
});
