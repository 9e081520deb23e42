import { countRows, expect, field, lookupBox, test } from './fixtures';

test.describe('signing in on the demo database', () => {
  test('lists the demo users, and the advisor lands on the look-up', async ({ page, desk }) => {
    await page.goto(desk.url);
    await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
    const demo = page.getByRole('complementary', { name: 'Demo database: sign in as' });
    for (const [username, role] of [
      ['advisor', 'Service advisor'],
      ['foreman', 'Workshop foreman'],
      ['technician', 'Technician'],
      ['parts_clerk', 'Parts clerk'],
      ['csi_agent', 'CSI agent'],
      ['warranty_admin', 'Warranty administrator'],
      ['manager', 'After-sales manager'],
      ['admin', 'Administrator'],
    ]) {
      await expect(demo.getByRole('button', { name: new RegExp(`^${username} · .+ · ${role}$`) })).toBeVisible();
    }
    await expect(demo).toContainText('Password for every demo user: demo1234');

    await demo.getByRole('button', { name: /^advisor · / }).click();
    await expect(page.getByTestId('signed-in-user')).toContainText('Service advisor');
    await expect(lookupBox(page)).toBeVisible();
    await expect(lookupBox(page)).toBeFocused();
    await expect(page.getByRole('link', { name: 'New customer' })).toBeVisible();
  });

  test('a wrong password is refused in words and the desk stays on the login screen', async ({ page, desk }) => {
    await page.goto(desk.url);
    await page.getByLabel('Username').fill('advisor');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Username or password is wrong.');
    await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
    await expect(page.getByLabel('Username')).toHaveValue('advisor');
  });
});

test.describe('first run on a new database', () => {
  test.use({ demo: false });

  test('the admin is set up, signed in, and adds an advisor who can then sign in', async ({ page, desk }) => {
    await page.goto(desk.url);
    await expect(page.getByRole('heading', { name: 'Set up BayDesk' })).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Demo database: sign in as' })).toHaveCount(0);
    await expect(page.getByLabel('Username')).toHaveValue('admin');
    await page.getByLabel('Full name').fill('Wang Admin');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Repeat password').fill('short');
    await page.getByRole('button', { name: 'Create administrator and sign in' }).click();

    // The message sits in the password field, under its label; nothing was created.
    const password = field(page, 'password');
    await expect(password.caption).toHaveText('Password');
    await expect(password.error).toHaveText('needs at least 10 characters');
    await expect(page.getByRole('textbox', { name: 'Password needs at least 10 characters' })).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Set up BayDesk' })).toBeVisible();
    expect(countRows(desk, 'users')).toBe(0);

    await password.input.fill('admin-password-1');
    await page.getByLabel('Repeat password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Create administrator and sign in' }).click();
    await expect(page.getByTestId('signed-in-user')).toHaveText('Wang Admin · Administrator');
    expect(countRows(desk, 'users')).toBe(1);

    await page.getByRole('link', { name: 'Users' }).click();
    const users = page.getByRole('table');
    await expect(users.getByRole('row')).toHaveCount(2);
    await expect(users.getByRole('row').nth(1)).toContainText('Wang Admin');

    await page.getByLabel('Username').fill('li.advisor');
    await page.getByLabel('Full name').fill('Li Advisor');
    await page.getByLabel('Password').fill('advisor-password-1');
    await expect(page.getByLabel('Role')).toHaveValue('advisor');
    await page.getByRole('button', { name: 'Add user' }).click();
    const added = users.getByRole('row').filter({ hasText: 'li.advisor' });
    await expect(added).toContainText('Li Advisor');
    await expect(added).toContainText('Service advisor');
    await expect(added).toContainText('Active');
    await expect(page.getByLabel('Username')).toHaveValue('');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
    await page.getByLabel('Username').fill('li.advisor');
    await page.getByLabel('Password').fill('advisor-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in-user')).toHaveText('Li Advisor · Service advisor');
    await expect(lookupBox(page)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
  });
});
