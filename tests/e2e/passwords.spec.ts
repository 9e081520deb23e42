import { countRows, expect, field, test } from './fixtures';

/**
 * Issue 14 item 7: the forms refuse exactly the passwords the core refuses (the contract's one rule), next to the
 * password field, in the desk's language, before anything is sent.
 */
test.describe('a new password must be hard to guess', () => {
  test.use({ demo: false });

  test("set-up refuses a common password and the admin's own name, in words, and creates nobody", async ({ page, desk }) => {
    await page.goto(desk.url);
    await expect(page.getByRole('heading', { name: 'Set up BayDesk' })).toBeVisible();
    await page.getByLabel('Full name').fill('Ouyang Xiu');
    const password = field(page, 'password');
    await password.input.fill('qwertyuiop');
    await page.getByLabel('Repeat password').fill('qwertyuiop');
    await page.getByRole('button', { name: 'Create administrator and sign in' }).click();
    await expect(password.caption).toHaveText('Password');
    await expect(password.error).toHaveText(
      'is one of the most used passwords: choose another (a few unrelated words make a good one)',
    );

    // The name typed above counts against the password.
    await password.input.fill('ouyangxiu2026');
    await page.getByLabel('Repeat password').fill('ouyangxiu2026');
    await page.getByRole('button', { name: 'Create administrator and sign in' }).click();
    await expect(password.error).toHaveText('is too close to the username or name: choose another');
    await expect(page.getByRole('heading', { name: 'Set up BayDesk' })).toBeVisible();
    expect(countRows(desk, 'users')).toBe(0);

    await password.input.fill('Kite-Lantern-47');
    await page.getByLabel('Repeat password').fill('Kite-Lantern-47');
    await page.getByRole('button', { name: 'Create administrator and sign in' }).click();
    await expect(page.getByTestId('signed-in-user')).toHaveText('Ouyang Xiu · Administrator');
    expect(countRows(desk, 'users')).toBe(1);
  });

  test("in Chinese the reason is Chinese, under the field's Chinese label", async ({ page, desk }) => {
    await page.goto(desk.url);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    const password = field(page, 'password');
    await password.input.fill('1234567890');
    await field(page, 'confirmPassword').input.fill('1234567890');
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await expect(password.caption).toHaveText('密码');
    await expect(password.error).toHaveText('是最常用的密码之一，请另选一个（几个不相关的词组合起来就很好）');
    expect(countRows(desk, 'users')).toBe(0);
  });
});
