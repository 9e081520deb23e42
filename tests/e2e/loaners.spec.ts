import type { Page } from '@playwright/test';
import { makeCustomer, makeVehicle, validVin } from '../fixtures/factories';
import type { SignedIn } from '../fixtures/users';
import { expect, field, signInAs, test, type Desk } from './fixtures';
import { compactPdfText, pdfText } from './pdf-text';

const DAY = 86_400_000;
const PLATE = '京AD1234';
const LICENCE = '11010519491231002X';

async function demoUser(desk: Desk, username: string): Promise<SignedIn> {
  const session = await desk.core.client().users.login({ username, password: 'demo1234' });
  return { session, token: session.token, client: desk.core.client(session.token) };
}

/** A car inside its 三包 period whose RO was opened five days ago: today is day 6 of the repair. */
async function longRepair(desk: Desk) {
  const advisor = await demoUser(desk, 'advisor');
  const customer = await makeCustomer(advisor.client);
  const vehicle = await makeVehicle(advisor.client, customer.id, {
    vin: validVin('LSVAU218', 'SB000077'),
    plate: '京F3B877',
    invoiceDate: new Date(Date.now() - 200 * DAY).toISOString().slice(0, 10),
  });
  desk.clock.advanceDays(-5);
  const ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['变速箱换挡冲击'] });
  desk.clock.advanceDays(5);
  return { ro, customer };
}

/** The page as Chromium prints it (print media, A4): what Save as PDF writes in browser mode. */
async function printedPdf(page: Page): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}

test('an advisor adds a loaner car, lends it from a day-6 RO, prints the agreement, takes it back and sees its utilisation', async ({
  page,
  desk,
}) => {
  const { ro, customer } = await longRepair(desk);
  await signInAs(page, desk, 'advisor');

  await test.step('the advisor adds a car to the fleet; a plate that is not Chinese is refused', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Loaner cars' }).click();
    await page.getByRole('button', { name: 'Add a car' }).click();
    await field(page, 'plate').input.fill('XYZ');
    await field(page, 'model').input.fill('大众 朗逸 1.5L');
    await field(page, 'mileageKm').input.fill('15000');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(field(page, 'plate').error).toContainText('is not a Chinese plate');
    await field(page, 'plate').input.fill('京a d1234');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const row = page.locator(`tr[data-plate="${PLATE}"]`);
    await expect(row.getByTestId('loaner-status')).toHaveText('Available');
    await expect(row).toContainText('15,000 km');
  });

  await test.step('on the RO, day 6 of the repair offers a loaner car; a reading below the car’s last is refused', async () => {
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await expect(page.getByTestId('warranty-risk-banner')).toContainText('under repair for 6 days');
    await page.getByTestId('warranty-risk-banner').getByRole('link', { name: 'Offer a loaner car' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Lend a loaner car on RO ${ro.number}`);
    await expect(field(page, 'driverName').input).toHaveValue(customer.name);
    await field(page, 'outMileageKm').input.fill('14990');
    await field(page, 'licenceNumber').input.fill('110105194912310021');
    await page.getByRole('button', { name: 'Lend the car' }).click();
    await expect(field(page, 'licenceNumber').error).toContainText('does not match an ID number');
    await field(page, 'licenceNumber').input.fill(` ${LICENCE.toLowerCase()} `);
    await page.getByRole('button', { name: 'Lend the car' }).click();
    await expect(field(page, 'outMileageKm').error).toContainText('below the car’s last reading, 15,000 km');
    await field(page, 'outMileageKm').input.fill('15020');
    const diagram = page.getByTestId('walk-around-diagram');
    const box = (await diagram.boundingBox())!;
    await diagram.click({ position: { x: box.width * 0.33, y: box.height * 0.44 } });
    await expect(diagram.locator('[data-mark-number="1"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Lend the car' }).click();
    await expect(page.getByTestId('loan-summary')).toContainText(`${PLATE} (大众 朗逸 1.5L)`);
    await expect(page.getByTestId('loan-summary')).toContainText('15,020 km');
    await expect(page.getByTestId('loan-summary')).toContainText(LICENCE);
  });

  await test.step('the agreement prints in Chinese with the car, reading, licence, customer, RO and signature lines', async () => {
    await page.getByRole('link', { name: 'Print the loan agreement' }).click();
    const doc = page.getByTestId('print-document');
    await expect(doc.getByRole('heading', { level: 1 })).toHaveText('代步车借车协议');
    await expect(doc.locator('[data-mark-number="1"]')).toHaveCount(1);
    const pdf = await printedPdf(page);
    const text = pdfText(pdf);
    const compact = compactPdfText(pdf);
    expect(compact).toContain('代步车借车协议');
    expect(compact).toContain(PLATE);
    expect(text).toContain('15,020');
    expect(text).toContain(LICENCE);
    expect(compact).toContain(customer.name.replace(/\s+/g, ''));
    expect(text).toContain(ro.number);
    expect(compact).toContain('借用人签字');
    expect(compact).toContain('服务顾问签字');
    await page.getByLabel('Document language').selectOption('en');
    await expect(doc.getByRole('heading', { level: 1 })).toHaveText('Loaner car agreement');
    const english = compactPdfText(await printedPdf(page));
    expect(english).toContain('Loanercaragreement');
    expect(english).toContain('Borrower’ssignature');
    expect(english).toContain(LICENCE);
  });

  await test.step('the car comes back: a reading below the one it went out with is refused, then it is available again', async () => {
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await page.getByRole('button', { name: 'Take the car back' }).click();
    await field(page, 'inMileageKm').input.fill('15000');
    await page.getByRole('button', { name: 'Record the return' }).click();
    await expect(field(page, 'inMileageKm').error).toContainText('below the mileage out, 15,020 km');
    await field(page, 'inMileageKm').input.fill('15188');
    await page.getByRole('button', { name: 'Record the return' }).click();
    await expect(page.getByText('No loaner car lent on this RO.')).toBeVisible();
    // The loan stays on the RO with its return, its agreement still printable.
    await expect(page.getByTestId('past-loans')).toContainText('15,188 km (168 km driven)');
    await expect(page.getByTestId('past-loans').getByRole('link', { name: 'Print the loan agreement' })).toHaveCount(1);
    await page.getByRole('navigation').getByRole('link', { name: 'Loaner cars' }).click();
    const row = page.locator(`tr[data-plate="${PLATE}"]`);
    await expect(row.getByTestId('loaner-status')).toHaveText('Available');
    await expect(row).toContainText('15,188 km');
  });

  await test.step('utilisation: this month the car was lent one day', async () => {
    await page.getByRole('link', { name: 'Utilisation' }).click();
    const row = page.locator(`tr[data-plate="${PLATE}"]`);
    await expect(row.getByTestId('days-lent')).toHaveText('1');
  });

  await test.step('the manager’s 三包 radar offers a loaner on the row of the day-6 repair', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, desk, 'manager');
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('link', { name: '三包 radar' }).click();
    const row = page.locator('.ag-row').filter({ hasText: '京F3B877' });
    await row.getByRole('link', { name: 'Offer a loaner car' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Lend a loaner car on RO ${ro.number}`);
  });
});
