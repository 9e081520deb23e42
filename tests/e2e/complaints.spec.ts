import type { Page } from '@playwright/test';
import { deliverDemoRepairOrder } from './delivered-ro';
import { expect, field, signInAs, test, type Desk } from './fixtures';

function stepsWritten(desk: Desk): number {
  return (desk.core.deps.sqlite.prepare('select count(*) as n from complaint_steps').get() as { n: number }).n;
}

/** A demo customer with a car: found by the look-up from the car's plate. */
function demoCustomer(desk: Desk): { name: string; plate: string } {
  return desk.core.deps.sqlite
    .prepare(
      `select c.name as name, v.plate as plate from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        where v.plate <> '' order by v.id limit 1`,
    )
    .get() as { name: string; plate: string };
}

async function switchTo(page: Page, desk: Desk, username: string) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, desk, username);
}

/** The step awaited on the complaint page is `step`. */
async function expectCurrent(page: Page, step: string) {
  await expect(page.getByTestId('current-step')).toHaveAttribute('data-step', step);
}

async function recordStep(page: Page, step: string) {
  await page.getByTestId(`step-form-${step}`).getByRole('button', { name: 'Record step' }).click();
}

test('a complaint by hand walks the eight steps: the advisor proposes, the manager approves, callback and summary close it', async ({
  page,
  desk,
}) => {
  const customer = demoCustomer(desk);
  await signInAs(page, desk, 'advisor');
  await page.getByRole('link', { name: 'Complaints', exact: true }).click();
  await page.getByTestId('new-complaint').click();

  await test.step('step 1: the customer found with the reception look-up, the complaint recorded', async () => {
    await page.getByRole('searchbox').fill(customer.plate);
    await page
      .getByRole('radio', { name: new RegExp(customer.name) })
      .first()
      .check();
    await page.getByRole('button', { name: `Complaint of ${customer.name}` }).click();
    await expect(page.getByTestId('complaint-customer')).toHaveText(customer.name);
    await field(page, 'source').input.selectOption({ label: 'Walk-in' });
    await field(page, 'vehicleId').input.selectOption({ index: 1 });
    await field(page, 'againstDepartment').input.selectOption({ label: 'Workshop' });
    await field(page, 'customerSays').input.fill('保养后发动机还是有异响，白跑一趟');
    await field(page, 'customerWants').input.fill('免费重新检查');
    await page.getByRole('button', { name: 'New complaint' }).click();
    await expect(page.getByTestId('complaint-number')).toHaveText(/^TS\d{4}-\d{6}$/);
    await expect(page.getByTestId('complaint-status')).toHaveText('Open');
    await expect(page.getByTestId('complaint-level')).toHaveText('Ordinary (24 h)');
    await expect(page.locator('[data-step="record"]')).toContainText('1 Recorded');
    await expectCurrent(page, 'validity');
  });

  await test.step('steps 2-3: valid, assigned to the workshop', async () => {
    await page.getByRole('radio', { name: 'Valid complaint' }).check();
    await field(page, 'reason').input.fill('确属维修质量问题');
    await recordStep(page, 'validity');
    await expectCurrent(page, 'assign');
    await expect(page.locator('li[data-step="validity"]:not(.current)')).toContainText('确属维修质量问题');
    await field(page, 'department').input.selectOption({ label: 'Workshop' });
    await recordStep(page, 'assign');
    await expectCurrent(page, 'analyse');
  });

  await test.step('step 4: an empty cause is refused with a translated message and nothing is written', async () => {
    const before = stepsWritten(desk);
    await recordStep(page, 'analyse');
    await expect(field(page, 'cause').error).toHaveText('is required');
    expect(stepsWritten(desk)).toBe(before);
    await field(page, 'cause').input.fill('气门间隙未按标准调整');
    await recordStep(page, 'analyse');
    await expectCurrent(page, 'propose');
  });

  await test.step('step 5: the advisor proposes a discount; step 6 waits for the manager', async () => {
    await field(page, 'resolutionKind').input.selectOption({ label: 'Discount' });
    await field(page, 'amountFen').input.fill('200');
    await field(page, 'resolution').input.fill('免费返工并减免工时费');
    await recordStep(page, 'propose');
    await expectCurrent(page, 'approve');
    await expect(page.locator('li[data-step="propose"]:not(.current)')).toContainText('Amount: ¥200.00');
    await expect(page.getByTestId('waiting-approval')).toHaveText('Waiting for the manager’s approval');
    await expect(page.getByTestId('step-form-approve')).toHaveCount(0);
  });

  const url = page.url();
  await test.step('step 6: the manager rejects (back to step 5), a new proposal, then approves', async () => {
    await switchTo(page, desk, 'manager');
    await page.goto(url);
    await expectCurrent(page, 'approve');
    await page.getByRole('radio', { name: 'Reject (back to step 5)' }).check();
    await recordStep(page, 'approve');
    await expect(field(page, 'reason').error).toHaveText('is required');
    await field(page, 'reason').input.fill('金额过高，改为免费返工');
    await recordStep(page, 'approve');
    await expectCurrent(page, 'propose');
    await expect(page.locator('li[data-step="approve"]:not(.current)')).toContainText('Rejected');
    await field(page, 'resolutionKind').input.selectOption({ label: 'Redo the work' });
    await expect(field(page, 'amountFen').input).toHaveCount(0);
    await field(page, 'resolution').input.fill('免费返工');
    await recordStep(page, 'propose');
    await expectCurrent(page, 'approve');
    await page.getByRole('radio', { name: 'Approve' }).check();
    await recordStep(page, 'approve');
    await expectCurrent(page, 'carry_out');
    await expect(page.locator('li[data-step="approve"]:not(.current)').last()).toContainText('Approved');
  });

  await test.step('step 7: carried out, then the callback; step 8: root cause and corrective action close it', async () => {
    await field(page, 'done').input.fill('已返工，电话告知客户');
    await recordStep(page, 'carry_out');
    await expectCurrent(page, 'callback');
    await page.getByRole('radio', { name: 'Satisfied', exact: true }).check();
    await recordStep(page, 'callback');
    await expectCurrent(page, 'summary');
    await field(page, 'rootCause').input.selectOption({ label: 'Workmanship' });
    await field(page, 'correctiveAction').input.fill('技师复训，增加终检项目');
    await recordStep(page, 'summary');
    await expect(page.getByTestId('complaint-status')).toHaveText('Closed');
    await expect(page.getByTestId('complaint-closed')).toBeVisible();
    await expect(page.getByTestId('current-step')).toHaveCount(0);
    const summary = page.locator('li[data-step="summary"]');
    await expect(summary).toContainText('Workmanship');
    await expect(summary).toContainText('技师复训，增加终检项目');
    // Each finished step says who recorded it: the advisor for 1-5, the manager from 6 on.
    await expect(page.locator('li[data-step="propose"] [data-testid="step-by"]').first()).toContainText('李娜');
    await expect(page.locator('li[data-step="approve"] [data-testid="step-by"]').last()).not.toContainText('李娜');
    await expect(page.getByRole('list', { name: 'The eight steps' }).locator('li[data-state="done"]')).toHaveCount(9);
  });
});

test('an overdue complaint shows red and "Overdue" on the manager’s list', async ({ page, desk }) => {
  const customer = desk.core.deps.sqlite
    .prepare('select id from customers where merged_into_id is null order by id limit 1')
    .get() as { id: number };
  const agent = await desk.core.client().users.login({ username: 'csi_agent', password: 'demo1234' });
  const late = await desk.core.client(agent.token).complaints.create({
    source: 'phone',
    customerId: customer.id,
    level: 'major',
    againstDepartment: 'service',
    customerSays: '等了三个小时没人理',
  });
  desk.clock.advanceDays(2);
  // Two days on, the morning's session has lapsed: sign in again for the fresh one.
  const again = await desk.core.client().users.login({ username: 'csi_agent', password: 'demo1234' });
  const fresh = await desk.core
    .client(again.token)
    .complaints.create({ source: 'online', customerId: customer.id, againstDepartment: 'parts', customerSays: '配件一直没到' });

  await signInAs(page, desk, 'manager');
  await page.getByRole('link', { name: 'Complaints', exact: true }).click();
  const lateRow = page.locator('.ag-row').filter({ hasText: late.number });
  const freshRow = page.locator('.ag-row').filter({ hasText: fresh.number });
  await expect(lateRow).toContainText('Overdue');
  await expect(lateRow.getByRole('link', { name: late.number })).toHaveCSS('color', 'rgb(180, 35, 24)');
  await expect(freshRow.getByRole('link', { name: fresh.number })).not.toHaveCSS('color', 'rgb(180, 35, 24)');
  await expect(freshRow).not.toContainText('Overdue');
  await expect(page.getByTestId('closure-rate')).toContainText('Two-week closure rate');

  // The overdue filter asks the core for the overdue ones only.
  await page.getByLabel('Overdue', { exact: true }).selectOption({ label: 'Overdue only' });
  await expect(freshRow).toHaveCount(0);
  await expect(lateRow).toBeVisible();
  await page.getByRole('link', { name: late.number }).click();
  await expect(page.getByTestId('complaint-overdue')).toHaveText('Overdue');
});

test('a 5 on advisor courtesy opens a draft: on top of the manager’s list, confirmed with its level', async ({ page, desk }) => {
  const ro = await deliverDemoRepairOrder(desk);
  desk.clock.advanceDays(3);
  const agent = await desk.core.client().users.login({ username: 'csi_agent', password: 'demo1234' });
  const followup = desk.core.client(agent.token).followup;
  const template = await followup.surveyTemplate({});
  const result = await followup.recordSurvey({
    repairOrderId: ro.id,
    answers: template.questions.map((q) => ({
      questionId: q.id,
      value:
        q.scale === 'scale_1_10'
          ? q.textEn === 'Courtesy of your service advisor'
            ? 5
            : 9
          : q.scale === 'recommend_0_10'
            ? 9
            : q.scale === 'yes_no'
              ? true
              : '顾问态度不好',
    })),
  });
  expect(result.complaint).not.toBeNull();

  await signInAs(page, desk, 'manager');
  await page.getByRole('link', { name: 'Complaints', exact: true }).click();
  const first = page.locator('.ag-row[row-index="0"]');
  await expect(first.locator('[col-id="number"]')).toHaveText(result.complaint!.number);
  await expect(first).toContainText('Draft: confirm or dismiss');
  await first.getByRole('link', { name: result.complaint!.number }).click();

  await expect(page.getByTestId('complaint-status')).toHaveText('Draft (to confirm)');
  await expect(page.getByTestId('complaint-ro')).toHaveText(ro.number);
  await expect(page.getByTestId('complaint-says')).toContainText('服务顾问的礼貌：5/10');
  await expect(page.getByTestId('complaint-says')).toContainText('顾问态度不好');
  await expect(page.getByTestId('complaint-against')).toContainText('Service reception · 李娜');
  await expect(page.getByTestId('complaint-due')).toHaveText('starts when confirmed');
  await page.getByTestId('complaint-survey').locator('summary').click();
  await expect(page.getByTestId('complaint-survey').getByTestId('survey-dissatisfied')).toHaveText('Dissatisfied');

  const confirm = page.getByTestId('confirm-form');
  // Pre-filled from the draft: against the RO's advisor.
  await expect(confirm.locator('label[data-field="againstUserId"] select option:checked')).toHaveText('李娜 (Service advisor)');
  await confirm.locator('label[data-field="level"] select').selectOption({ label: 'Escalated (8 h)' });
  await confirm.getByRole('button', { name: 'Confirm as complaint' }).click();
  await expect(page.getByTestId('complaint-status')).toHaveText('Open');
  await expect(page.getByTestId('complaint-level')).toHaveText('Escalated (8 h)');
  await expect(page.locator('li[data-step="record"]')).toContainText('1 Recorded');
  await expectCurrent(page, 'validity');
  await expect(page.getByTestId('confirm-form')).toHaveCount(0);
  await expect(page.getByTestId('complaint-against')).toContainText('Service reception · 李娜');
});
