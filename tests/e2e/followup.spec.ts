import type { Page } from '@playwright/test';
import { deliverDemoRepairOrder } from './delivered-ro';
import { expect, signInAs, test, type Desk } from './fixtures';

function count(desk: Desk, table: 'survey_responses' | 'survey_templates' | 'followup_attempts'): number {
  return (desk.core.deps.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

async function currentTemplate(desk: Desk) {
  const session = await desk.core.client().users.login({ username: 'manager', password: 'demo1234' });
  return desk.core.client(session.token).followup.surveyTemplate({});
}

/** A question of the survey form, found by its number and English text. */
function question(page: Page, position: number, textEn: string) {
  return page.getByRole('group', { name: new RegExp(`^${position}\\. ${textEn.replace(/[?()]/g, '\\$&')}`) });
}

test('on day 3 the CSI agent calls, records a no-answer, and a 5 on advisor courtesy flags the survey dissatisfied', async ({
  page,
  desk,
}) => {
  const ro = await deliverDemoRepairOrder(desk);
  desk.clock.advanceDays(3);
  const template = await currentTemplate(desk);
  const responsesBefore = count(desk, 'survey_responses');

  await signInAs(page, desk, 'csi_agent');
  await page.getByRole('link', { name: 'Follow-up' }).click();
  await expect(page.getByRole('button', { name: 'Due today' })).toHaveAttribute('aria-pressed', 'true');
  const row = page.locator('.ag-row').filter({ hasText: ro.number });
  await expect(row).toContainText('Satisfaction call');
  await expect(row).toContainText('李娜');

  // Another kind only: the day-3 call is not in it; back to all kinds, and open it.
  await page.getByLabel('Kind').selectOption({ label: 'Lapsed customer' });
  await expect(row).toHaveCount(0);
  await page.getByLabel('Kind').selectOption({ label: 'Satisfaction call' });
  await row.getByRole('link', { name: 'Call' }).click();
  await expect(page).toHaveURL(/\/followup\/tasks\/\d+$/);

  // The script names the RO; the summary says who served the customer and what was done.
  await expect(page.getByTestId('followup-script')).toContainText(`repair order ${ro.number}`);
  await expect(page.getByTestId('followup-advisor')).toHaveText('李娜');
  await expect(page.getByTestId('followup-technicians')).toHaveText('刘洋');
  await expect(page.getByRole('table', { name: 'Work done' })).toContainText('更换前刹车片');
  await expect(page.getByTestId('followup-phone')).toHaveAttribute('href', /^tel:\d+/);

  await test.step('a call back needs its time: refused, nothing written', async () => {
    const attempts = count(desk, 'followup_attempts');
    await page.getByLabel('Call outcome').selectOption({ label: 'Call back later' });
    await page.getByRole('button', { name: 'Save attempt' }).click();
    await expect(page.locator('label[data-field="callBackAt"]').getByRole('alert')).toHaveText('say when to call back');
    expect(count(desk, 'followup_attempts')).toBe(attempts);
  });

  await test.step('the customer does not answer', async () => {
    await page.getByLabel('Call outcome').selectOption({ label: 'No answer' });
    await page.getByRole('button', { name: 'Save attempt' }).click();
    await expect(page.getByTestId('attempt-outcome')).toHaveText('No answer');
    await expect(page.getByTestId('followup-attempts')).toHaveText('1 attempt, 1 failed');
  });

  await test.step('a survey without its required answers is refused and nothing is written', async () => {
    await page.getByRole('button', { name: 'Save survey' }).click();
    const first = template.questions[0]!;
    await expect(question(page, 1, first.textEn).getByRole('alert')).toHaveText('Question 1 must be answered.');
    expect(count(desk, 'survey_responses')).toBe(responsesBefore);
  });

  await test.step('answered with a 5 on advisor courtesy, 9-10 elsewhere', async () => {
    for (const q of template.questions) {
      const group = question(page, q.position, q.textEn);
      if (q.scale === 'scale_1_10') {
        const score = q.textEn === 'Courtesy of your service advisor' ? '5' : '9';
        await group.getByRole('button', { name: score, exact: true }).click();
      } else if (q.scale === 'recommend_0_10') await group.getByRole('button', { name: '10', exact: true }).click();
      else if (q.scale === 'yes_no') await group.getByRole('button', { name: 'Yes', exact: true }).click();
      else await group.getByRole('textbox').fill('服务顾问态度一般');
    }
    await page.getByRole('button', { name: 'Save survey' }).click();
    const verdict = page.getByTestId('survey-verdict');
    await expect(verdict).toContainText('The customer is dissatisfied. Because of:');
    await expect(verdict.getByTestId('survey-reasons').getByRole('listitem')).toHaveText([
      'Q3 Courtesy of your service advisor: 5',
    ]);
    expect(count(desk, 'survey_responses')).toBe(responsesBefore + 1);
    // The survey is now read-only: the answers as recorded.
    await expect(page.getByTestId('survey-dissatisfied')).toHaveText('Dissatisfied');
    await expect(page.getByRole('button', { name: 'Save survey' })).toHaveCount(0);
  });

  await test.step('the call is done: the task closes', async () => {
    await page.getByLabel('Call outcome').selectOption({ label: 'Done' });
    await page.getByRole('button', { name: 'Save attempt' }).click();
    await expect(page.getByTestId('followup-closed')).toContainText('Done');
    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await expect(page.locator('.ag-row').filter({ hasText: ro.number })).toHaveCount(0);
  });

  await test.step("the RO's advisor reads the result on the RO, and has no call queue", async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, desk, 'advisor');
    await expect(page.getByRole('link', { name: 'Follow-up' })).toHaveCount(0);
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    const section = page.locator('section.card', { has: page.getByRole('heading', { name: 'Follow-up survey' }) });
    await expect(section.getByTestId('survey-dissatisfied')).toHaveText('Dissatisfied');
    await expect(section.getByRole('row').filter({ hasText: 'Courtesy of your service advisor' })).toContainText('5');
  });
});

test('the manager saves a new survey version; weights that do not add up to 100 are refused', async ({ page, desk }) => {
  const templatesBefore = count(desk, 'survey_templates');
  await signInAs(page, desk, 'manager');
  await page.getByRole('link', { name: 'Follow-up' }).click();
  await page.getByRole('link', { name: 'Survey template' }).click();
  await expect(page.getByTestId('template-version')).toHaveText('Current version: v1');

  const weight = (name: string) => page.locator(`label[data-field="weights.${name}"] input`);
  await weight('service_quality').fill('17');
  await expect(page.getByTestId('weights-total')).toHaveText('Total: 95 %');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.locator('fieldset[data-field="weights"]').getByRole('alert')).toHaveText('must add up to 100 % (now 95 %)');
  expect(count(desk, 'survey_templates')).toBe(templatesBefore);

  await weight('service_initiation').fill('24');
  await expect(page.getByTestId('weights-total')).toHaveText('Total: 100 %');
  await page.getByRole('button', { name: 'Add question' }).click();
  await page.locator('label[data-field="questions.11.textZh"] input').fill('您对本次维修的价格是否满意？');
  await page.locator('label[data-field="questions.11.textEn"] input').fill('Were you satisfied with the price?');
  await page.locator('label[data-field="questions.11.scale"] select').selectOption({ label: 'Yes / no' });
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved as version 2.');
  await expect(page.getByTestId('template-version')).toHaveText('Current version: v2');
  expect(count(desk, 'survey_templates')).toBe(templatesBefore + 1);
  const versions = page.getByRole('table', { name: 'Versions' });
  await expect(versions.getByTestId('survey-version-2').locator('td').nth(1)).toHaveText('12');
  await expect(versions.getByTestId('survey-version-1').locator('td').nth(1)).toHaveText('11');
});
