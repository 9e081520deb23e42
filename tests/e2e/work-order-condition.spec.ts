import { expect, signInAs, test, type Desk } from './fixtures';
import { compactPdfText, pdfText } from './pdf-text';

/**
 * Issue 17, item 3: the 委托书 the customer signs carries the car as it was received, from the check-in: the fuel
 * level, the valuables left in it, the walk-around diagram with its numbered marks and the marks' table with the
 * area (部位) of each; and the customer's phone.
 */

/** A demo car with a mileage on file and an owner with a phone. */
function carWithPhone(desk: Desk) {
  return desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId,
              (select km from vehicle_mileage m where m.vehicle_id = v.id order by m.recorded_at desc, m.id desc limit 1) as lastKm,
              (select number from customer_phones p where p.customer_id = c.id order by p.position limit 1) as phone
         from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        where exists (select 1 from vehicle_mileage m where m.vehicle_id = v.id)
          and exists (select 1 from customer_phones p where p.customer_id = c.id)
        order by v.id limit 1`,
    )
    .get() as { vehicleId: number; lastKm: number; phone: string };
}

test('the printed work order shows the fuel level, the valuables, the numbered damage marks with their area, and the phone', async ({
  page,
  desk,
}) => {
  const car = carWithPhone(desk);
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const c = desk.core.client(session.token).repairOrders;
  const ro = await c.create({ vehicleId: car.vehicleId, concerns: ['空调不凉'] });
  let check = await c.checkIn({
    id: ro.id,
    version: ro.version,
    mileageKm: car.lastKm + 120,
    fuelEighths: 2,
    valuables: '行车记录仪、儿童座椅',
    notes: '',
  });
  // Left front door (mark 1) and rear bumper (mark 2), where the advisor clicked on the diagram.
  check = await c.addDamageMark({
    id: ro.id,
    version: check.roVersion,
    xPermille: 335,
    yPermille: 445,
    kind: 'scratch',
    note: '门把手下方',
  });
  await c.addDamageMark({ id: ro.id, version: check.roVersion, xPermille: 500, yPermille: 905, kind: 'dent', note: '' });

  await signInAs(page, desk, 'advisor');
  await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
  await page.getByRole('link', { name: 'Print work order' }).click();
  const doc = page.getByTestId('print-document');
  await expect(doc.getByTestId('doc-phone')).toHaveText(car.phone);
  await expect(doc.getByTestId('doc-fuel')).toHaveText('1/4');
  await expect(doc.getByTestId('doc-valuables')).toHaveText('行车记录仪、儿童座椅');
  const diagram = doc.getByRole('img', { name: '环车检查图，车辆俯视，车头朝上' });
  await expect(diagram).toBeVisible();
  await expect(diagram.locator('.doc-diagram-mark')).toHaveText(['1', '2']);
  const marks = doc.getByRole('table', { name: '损伤标记' });
  await expect(marks.getByRole('columnheader', { name: '部位' })).toBeVisible();
  await expect(marks.getByRole('row').nth(1)).toContainText('左前门');
  await expect(marks.getByRole('row').nth(2)).toContainText('后保险杠');

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const text = pdfText(pdf);
  const compact = compactPdfText(pdf);
  expect(compact).toContain(`联系电话${car.phone}`);
  expect(compact).toContain('接车车况');
  expect(compact).toContain('油量/电量1/4');
  expect(compact).toContain('车内贵重物品行车记录仪、儿童座椅');
  expect(compact).toContain('序号部位类型说明');
  expect(compact).toContain('1左前门划痕门把手下方');
  expect(compact).toContain('2后保险杠凹陷');
  // The diagram is printed with its own words (front and rear) beside the marks' table.
  expect(compact).toContain('车头');
  expect(compact).toContain('车尾');
  expect(text).not.toContain('尚未进行接车检查');
  expect(compact).toContain('客户签字');
});
