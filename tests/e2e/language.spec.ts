import { expect, field, lookupBox, signInAs, test } from './fixtures';

test('the desk switches to Chinese and back, and keeps the choice over a reload', async ({ page, desk }) => {
  await signInAs(page, desk, 'advisor');
  await expect(page.getByRole('link', { name: 'Look-up' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '中文' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('navigation').getByRole('link')).toHaveText([
    '查询',
    '客户',
    '预约',
    '委托书',
    '配件',
    '工时目录',
    '客户投诉',
    '召回/活动',
    '代步车',
    '报表',
  ]);
  await expect(page.getByTestId('signed-in-user')).toContainText('服务顾问');
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  const box = page.getByRole('combobox', { name: '查询' });
  await expect(box).toHaveAttribute('placeholder', '车牌、VIN（或后 6-8 位）、电话（或后 4 位）、姓名或拼音…');
  await expect(page.getByText('输入即查询 · ↑↓ 选择 · 回车打开 · F2 返回此处')).toBeVisible();

  await page.getByRole('link', { name: '新建客户' }).click();
  await expect(page.getByRole('heading', { name: '新建客户' })).toBeVisible();
  await expect(field(page, 'name').caption).toHaveText('名称');
  await expect(field(page, 'phones.0.number').caption).toHaveText('电话');
  await expect(field(page, 'email').caption).toHaveText('电子邮件');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(field(page, 'name').error).toHaveText('必填');

  // The choice is the desk's: a reload keeps it (and the signed-in session).
  await page.reload();
  await expect(page.getByRole('heading', { name: '新建客户' })).toBeVisible();
  await expect(field(page, 'name').caption).toHaveText('名称');
  await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');

  await page.getByRole('combobox', { name: '语言' }).selectOption({ label: 'English' });
  await expect(page.getByRole('heading', { name: 'New customer' })).toBeVisible();
  await expect(field(page, 'name').caption).toHaveText('Name');
  await expect(page.getByRole('navigation').getByRole('link')).toHaveText([
    'Look-up',
    'Customers',
    'Appointments',
    'Repair orders',
    'Parts',
    'Catalogue',
    'Complaints',
    'Campaigns',
    'Loaner cars',
    'Reports',
  ]);
  await page.reload();
  await expect(field(page, 'phones.0.number').caption).toHaveText('Phone');
  await page.getByRole('link', { name: 'Look-up' }).click();
  await expect(lookupBox(page)).toHaveAttribute(
    'placeholder',
    'Plate, VIN (or its last 6-8), phone (or its last 4), name or its pinyin…',
  );
});

test('the login screen has the switch too: a wrong password is refused in Chinese', async ({ page, desk }) => {
  await page.goto(desk.url);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
  await page.getByLabel('用户名').fill('advisor');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误。');
});
