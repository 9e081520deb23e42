import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckInDetail } from '../../shared/contract/repair-orders/check-in';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

const CHECK_IN_TABLES = ['repair_order_check_ins', 'check_in_damage_marks', 'check_in_photos', 'vehicle_mileage'] as const;

let t: TestCore;
let advisor: SignedIn;
let manager: SignedIn;
let technician: SignedIn;
let ownerId: number;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  technician = await signIn(t.core, 'technician');
  ownerId = (await makeCustomer(advisor.client)).id;
});
afterAll(async () => {
  await t?.close();
});

function counts(): Record<(typeof CHECK_IN_TABLES)[number], number> {
  return Object.fromEntries(CHECK_IN_TABLES.map((table) => [table, countRows(t.core, table)])) as Record<
    (typeof CHECK_IN_TABLES)[number],
    number
  >;
}

/** A new car whose registration reading is `km` (null: none), and an RO for it. */
async function newRo(km: number | null = 20_000): Promise<RepairOrderDetail> {
  const vehicle = await makeVehicle(advisor.client, ownerId, { mileageKm: km });
  return advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['刹车时有“吱吱”声'] });
}

/** Every file under the files folder, relative to it, with '/' separators. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .split(/[\\/]/)
        .join('/'),
    )
    .sort();
}

/** A real 1×1 PNG (signature, IHDR, IDAT, IEND). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** JPEG and WebP signatures followed by filler: the core judges the first bytes. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([40, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(32, 1)]);

describe('check-in: mileage, fuel, valuables, notes', () => {
  it('records the check-in: the RO gets its mileage in, the vehicle a check-in reading, the RO a new version', async () => {
    const ro = await newRo(20_000);
    expect((await technician.client.repairOrders.getCheckIn({ id: ro.id })).checkIn).toBeNull();
    const detail = await advisor.client.repairOrders.checkIn({
      id: ro.id,
      version: ro.version,
      mileageKm: 21_350,
      fuelEighths: 3,
      valuables: '  行车记录仪、儿童座椅 ',
      notes: '左后轮胎纹较浅',
    });
    expect(detail).toMatchObject({
      repairOrderId: ro.id,
      roVersion: ro.version + 1,
      editable: true,
      lastMileageKm: 20_000,
      checkIn: {
        mileageKm: 21_350,
        mileageOverrideReason: null,
        fuelEighths: 3,
        valuables: '行车记录仪、儿童座椅',
        notes: '左后轮胎纹较浅',
        checkedInBy: { id: advisor.session.user.id },
        checkedInAt: '2026-11-24T02:00:00.000Z',
      },
      marks: [],
      photos: [],
    });
    const after = await advisor.client.repairOrders.get({ id: ro.id });
    expect(after.mileageInKm).toBe(21_350);
    expect(after.version).toBe(ro.version + 1);
    const vehicle = await advisor.client.vehicles.get({ id: ro.vehicle.id });
    expect(vehicle.mileageKm).toBe(21_350);
    expect(vehicle.mileage.map((m) => [m.km, m.source])).toEqual([
      [21_350, 'check_in'],
      [20_000, 'registration'],
    ]);
    // Everyone in the department reads it.
    expect(await technician.client.repairOrders.getCheckIn({ id: ro.id })).toEqual(detail);
  });

  it('a correction replaces the check-in reading instead of adding one, and is judged against the reading before it', async () => {
    const ro = await newRo(20_000);
    let detail = await advisor.client.repairOrders.checkIn({ id: ro.id, version: ro.version, mileageKm: 28_000, fuelEighths: 4 });
    // The typing slip (28,000 for 22,800) is put right: lower than 28,000, but not lower than the 20,000 before it.
    detail = await advisor.client.repairOrders.checkIn({
      id: ro.id,
      version: detail.roVersion,
      mileageKm: 22_800,
      fuelEighths: 5,
    });
    expect(detail.checkIn).toMatchObject({ mileageKm: 22_800, fuelEighths: 5 });
    expect(detail.lastMileageKm).toBe(20_000);
    const vehicle = await advisor.client.vehicles.get({ id: ro.vehicle.id });
    expect(vehicle.mileage.map((m) => m.km)).toEqual([22_800, 20_000]);
    expect((await advisor.client.repairOrders.get({ id: ro.id })).mileageInKm).toBe(22_800);
  });

  it('a reading below the last one is refused for an advisor, naming the field and the last reading; nothing is written', async () => {
    const ro = await newRo(20_000);
    const before = counts();
    await expectApiError(
      advisor.client.repairOrders.checkIn({
        id: ro.id,
        version: ro.version,
        mileageKm: 19_999,
        fuelEighths: 2,
        mileageOverrideReason: '仪表更换',
      }),
      'RULE',
      { field: 'mileageKm', reason: 'mileage.lower', params: { last: 20_000 } },
    );
    expect(counts()).toEqual(before);
    const after = await advisor.client.repairOrders.get({ id: ro.id });
    expect(after.version).toBe(ro.version);
    expect(after.mileageInKm).toBeNull();
    expect((await advisor.client.repairOrders.getCheckIn({ id: ro.id })).checkIn).toBeNull();
  });

  it('a manager may record a lower reading with a reason, not without one', async () => {
    const ro = await newRo(20_000);
    const before = counts();
    await expectApiError(
      manager.client.repairOrders.checkIn({ id: ro.id, version: ro.version, mileageKm: 1_200, fuelEighths: 8 }),
      'RULE',
      { field: 'mileageOverrideReason', reason: 'checkIn.overrideReason', params: { last: 20_000 } },
    );
    await expectApiError(
      manager.client.repairOrders.checkIn({
        id: ro.id,
        version: ro.version,
        mileageKm: 1_200,
        fuelEighths: 8,
        mileageOverrideReason: '   ',
      }),
      'RULE',
      { field: 'mileageOverrideReason', reason: 'checkIn.overrideReason' },
    );
    expect(counts()).toEqual(before);
    expect((await advisor.client.repairOrders.get({ id: ro.id })).version).toBe(ro.version);

    const detail = await manager.client.repairOrders.checkIn({
      id: ro.id,
      version: ro.version,
      mileageKm: 1_200,
      fuelEighths: 8,
      mileageOverrideReason: '仪表总成更换，新仪表从零计',
    });
    expect(detail.checkIn).toMatchObject({ mileageKm: 1_200, mileageOverrideReason: '仪表总成更换，新仪表从零计' });
    expect((await advisor.client.vehicles.get({ id: ro.vehicle.id })).mileage.map((m) => m.km)).toEqual([1_200, 20_000]);
    // The advisor may still correct the fuel level: the manager's reading stands with the manager's reason.
    const corrected = await advisor.client.repairOrders.checkIn({
      id: ro.id,
      version: detail.roVersion,
      mileageKm: 1_200,
      fuelEighths: 7,
    });
    expect(corrected.checkIn).toMatchObject({
      mileageKm: 1_200,
      fuelEighths: 7,
      mileageOverrideReason: '仪表总成更换，新仪表从零计',
    });
  });

  it('refuses bad input with the field at fault, a stale version and an RO no longer in our hands', async () => {
    const ro = await newRo(null);
    const before = counts();
    await expectApiError(
      advisor.client.repairOrders.checkIn({ id: ro.id, version: ro.version, mileageKm: 1000, fuelEighths: 9 }),
      'INVALID_INPUT',
      {
        field: 'fuelEighths',
        reason: 'tooLarge',
      },
    );
    await expectApiError(
      advisor.client.repairOrders.checkIn({ id: ro.id, version: ro.version, mileageKm: -1, fuelEighths: 1 }),
      'INVALID_INPUT',
      {
        field: 'mileageKm',
        reason: 'tooSmall',
      },
    );
    await expectApiError(
      advisor.client.repairOrders.checkIn({ id: ro.id, version: ro.version + 1, mileageKm: 1000, fuelEighths: 1 }),
      'CONFLICT',
      { field: 'version', reason: 'staleVersion' },
    );
    expect(counts()).toEqual(before);
    // A car without any reading takes any reading.
    const first = await advisor.client.repairOrders.checkIn({ id: ro.id, version: ro.version, mileageKm: 0, fuelEighths: 0 });
    expect(first.lastMileageKm).toBeNull();
    const cancelled = await advisor.client.repairOrders.transition({
      id: ro.id,
      version: first.roVersion,
      to: 'cancelled',
      note: '客户取消',
    });
    await expectApiError(
      advisor.client.repairOrders.checkIn({ id: ro.id, version: cancelled.version, mileageKm: 10, fuelEighths: 1 }),
      'RULE',
      { reason: 'status.locked', params: { status: 'cancelled' } },
    );
    expect((await advisor.client.repairOrders.getCheckIn({ id: ro.id })).editable).toBe(false);
  });
});

describe('check-in: damage marks', () => {
  it('places numbered marks, removes one, never gives its number again', async () => {
    const ro = await newRo();
    let detail = await advisor.client.repairOrders.addDamageMark({
      id: ro.id,
      version: ro.version,
      xPermille: 250,
      yPermille: 120,
      kind: 'scratch',
      note: '前保险杠左侧划痕约5cm',
    });
    detail = await advisor.client.repairOrders.addDamageMark({
      id: ro.id,
      version: detail.roVersion,
      xPermille: 700,
      yPermille: 500,
      kind: 'dent',
    });
    expect(detail.marks.map((m) => [m.number, m.xPermille, m.yPermille, m.kind, m.note])).toEqual([
      [1, 250, 120, 'scratch', '前保险杠左侧划痕约5cm'],
      [2, 700, 500, 'dent', ''],
    ]);
    expect(detail.marks[0]!.createdBy.id).toBe(advisor.session.user.id);
    const second = detail.marks[1]!.id;
    detail = await advisor.client.repairOrders.removeDamageMark({ id: ro.id, version: detail.roVersion, markId: second });
    detail = await manager.client.repairOrders.addDamageMark({
      id: ro.id,
      version: detail.roVersion,
      xPermille: 0,
      yPermille: 1000,
      kind: 'chip',
    });
    expect(detail.marks.map((m) => m.number)).toEqual([1, 3]);
    expect((await advisor.client.repairOrders.get({ id: ro.id })).version).toBe(detail.roVersion);

    const before = counts();
    await expectApiError(
      advisor.client.repairOrders.addDamageMark({
        id: ro.id,
        version: detail.roVersion,
        xPermille: 1001,
        yPermille: 5,
        kind: 'scratch',
      }),
      'INVALID_INPUT',
      { field: 'xPermille', reason: 'tooLarge' },
    );
    await expectApiError(
      advisor.client.repairOrders.addDamageMark({
        id: ro.id,
        version: detail.roVersion,
        xPermille: 5,
        yPermille: 5,
        kind: 'rust' as never,
      }),
      'INVALID_INPUT',
      { field: 'kind', reason: 'invalidOption' },
    );
    await expectApiError(
      advisor.client.repairOrders.removeDamageMark({ id: ro.id, version: detail.roVersion, markId: second }),
      'NOT_FOUND',
      {
        field: 'markId',
      },
    );
    expect(counts()).toEqual(before);
  });
});

describe('check-in: photos', () => {
  it('stores a photo as a file under the files folder, referenced by a relative path; reads it back byte-identical', async () => {
    const ro = await newRo();
    const detail = await advisor.client.repairOrders.addPhoto({
      id: ro.id,
      version: ro.version,
      mime: 'image/png',
      dataBase64: PNG.toString('base64'),
      caption: '前保险杠',
    });
    expect(detail.roVersion).toBe(ro.version + 1);
    expect(detail.photos).toHaveLength(1);
    const photo = detail.photos[0]!;
    expect(photo).toMatchObject({
      mime: 'image/png',
      byteSize: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
      caption: '前保险杠',
      createdBy: { id: advisor.session.user.id },
      createdAt: '2026-11-24T02:00:00.000Z',
    });
    const row = t.core.deps.sqlite.prepare('select relative_path from check_in_photos where id = ?').get(photo.id) as {
      relative_path: string;
    };
    expect(row.relative_path).toMatch(new RegExp(`^photos/2026/${ro.number}/[0-9a-f-]{36}\\.png$`));
    expect(t.core.deps.filesDir).toBe(join(t.dir, 'data', 'files'));
    expect(readFileSync(join(t.core.deps.filesDir, ...row.relative_path.split('/')))).toEqual(PNG);
    expect(filesUnder(t.core.deps.filesDir)).toContain(row.relative_path);

    // A technician reads it back, byte for byte.
    const back = await technician.client.repairOrders.photo({ photoId: photo.id });
    expect(back.mime).toBe('image/png');
    expect(Buffer.from(back.dataBase64, 'base64').equals(PNG)).toBe(true);

    // JPEG and WebP are judged by their bytes; the stored type is what the bytes say.
    const jpeg = await advisor.client.repairOrders.addPhoto({
      id: ro.id,
      version: detail.roVersion,
      mime: 'image/png',
      dataBase64: JPEG.toString('base64'),
    });
    const webp = await advisor.client.repairOrders.addPhoto({
      id: ro.id,
      version: jpeg.roVersion,
      mime: 'image/webp',
      dataBase64: WEBP.toString('base64'),
    });
    expect(webp.photos.map((p) => p.mime)).toEqual(['image/png', 'image/jpeg', 'image/webp']);

    // Removing a photo removes its file.
    const removed = await advisor.client.repairOrders.removePhoto({ id: ro.id, version: webp.roVersion, photoId: photo.id });
    expect(removed.photos.map((p) => p.id)).not.toContain(photo.id);
    expect(existsSync(join(t.core.deps.filesDir, ...row.relative_path.split('/')))).toBe(false);
    await expectApiError(technician.client.repairOrders.photo({ photoId: photo.id }), 'NOT_FOUND', { field: 'photoId' });
  });

  it('refuses a non-image (whatever type it claims) and one above 8 MB with a clear reason; no row, no file', async () => {
    const ro = await newRo();
    const before = counts();
    const filesBefore = filesUnder(t.core.deps.filesDir);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
    await expectApiError(
      advisor.client.repairOrders.addPhoto({
        id: ro.id,
        version: ro.version,
        mime: 'image/png',
        dataBase64: pdf.toString('base64'),
      }),
      'RULE',
      { field: 'dataBase64', reason: 'checkIn.photoNotImage' },
    );
    // Picture bytes that claim to be something else are refused too.
    await expectApiError(
      advisor.client.repairOrders.addPhoto({
        id: ro.id,
        version: ro.version,
        mime: 'application/pdf',
        dataBase64: PNG.toString('base64'),
      }),
      'RULE',
      { field: 'dataBase64', reason: 'checkIn.photoNotImage' },
    );
    await expectApiError(
      advisor.client.repairOrders.addPhoto({ id: ro.id, version: ro.version, mime: 'image/png', dataBase64: 'not base64!' }),
      'INVALID_INPUT',
      { field: 'dataBase64', reason: 'checkIn.photoNotImage' },
    );
    const big = Buffer.concat([PNG, Buffer.alloc(8 * 1024 * 1024 + 1 - PNG.length)]);
    await expectApiError(
      advisor.client.repairOrders.addPhoto({
        id: ro.id,
        version: ro.version,
        mime: 'image/png',
        dataBase64: big.toString('base64'),
      }),
      'INVALID_INPUT',
      { field: 'dataBase64', reason: 'checkIn.photoTooLarge', params: { max: 8 } },
    );
    // Exactly 8 MB is allowed.
    const limit = big.subarray(0, 8 * 1024 * 1024);
    const ok = await advisor.client.repairOrders.addPhoto({
      id: ro.id,
      version: ro.version,
      mime: 'image/png',
      dataBase64: limit.toString('base64'),
    });
    expect(ok.photos[0]!.byteSize).toBe(8 * 1024 * 1024);
    expect(counts()).toEqual({ ...before, check_in_photos: before.check_in_photos + 1 });
    expect(filesUnder(t.core.deps.filesDir)).toHaveLength(filesBefore.length + 1);
  });

  it('removes the written file when the insert fails (another desk saved the RO first)', async () => {
    const ro = await newRo();
    const moved = await advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '空调不凉' });
    const before = counts();
    const filesBefore = filesUnder(t.core.deps.filesDir);
    await expectApiError(
      advisor.client.repairOrders.addPhoto({
        id: ro.id,
        version: ro.version,
        mime: 'image/png',
        dataBase64: PNG.toString('base64'),
      }),
      'CONFLICT',
      { field: 'version', reason: 'staleVersion' },
    );
    expect(counts()).toEqual(before);
    // Neither the photo nor its temporary file is left behind (the RO's folder may remain, empty).
    expect(filesUnder(t.core.deps.filesDir)).toEqual(filesBefore);
    expect((await advisor.client.repairOrders.get({ id: ro.id })).version).toBe(moved.version);
  });

  it('takes no marks or photos once the RO is no longer open (cancelled)', async () => {
    let ro = await newRo();
    ro = await advisor.client.repairOrders.transition({ id: ro.id, version: ro.version, to: 'cancelled', note: '客户取消' });
    const before = counts();
    const filesBefore = filesUnder(t.core.deps.filesDir);
    await expectApiError(
      advisor.client.repairOrders.addDamageMark({ id: ro.id, version: ro.version, xPermille: 1, yPermille: 1, kind: 'dent' }),
      'RULE',
      { reason: 'status.locked' },
    );
    await expectApiError(
      advisor.client.repairOrders.addPhoto({
        id: ro.id,
        version: ro.version,
        mime: 'image/png',
        dataBase64: PNG.toString('base64'),
      }),
      'RULE',
      { reason: 'status.locked' },
    );
    expect(counts()).toEqual(before);
    expect(filesUnder(t.core.deps.filesDir)).toEqual(filesBefore);
  });
});

describe('check-in: roles', () => {
  it('a technician reads the check-in and its photos but writes nothing', async () => {
    const ro = await newRo();
    const detail: CheckInDetail = await advisor.client.repairOrders.addPhoto({
      id: ro.id,
      version: ro.version,
      mime: 'image/png',
      dataBase64: PNG.toString('base64'),
    });
    const version = detail.roVersion;
    const before = counts();
    const forbidden = { reason: 'role.forbidden' };
    await expectApiError(
      technician.client.repairOrders.checkIn({ id: ro.id, version, mileageKm: 30_000, fuelEighths: 4 }),
      'FORBIDDEN',
      forbidden,
    );
    await expectApiError(
      technician.client.repairOrders.addDamageMark({ id: ro.id, version, xPermille: 1, yPermille: 1, kind: 'dent' }),
      'FORBIDDEN',
      forbidden,
    );
    await expectApiError(
      technician.client.repairOrders.addPhoto({ id: ro.id, version, mime: 'image/png', dataBase64: PNG.toString('base64') }),
      'FORBIDDEN',
      forbidden,
    );
    await expectApiError(
      technician.client.repairOrders.removePhoto({ id: ro.id, version, photoId: detail.photos[0]!.id }),
      'FORBIDDEN',
      forbidden,
    );
    expect(counts()).toEqual(before);
    expect((await technician.client.repairOrders.getCheckIn({ id: ro.id })).photos).toHaveLength(1);
    expect((await technician.client.repairOrders.photo({ photoId: detail.photos[0]!.id })).mime).toBe('image/png');
    await expectApiError(t.core.client().repairOrders.getCheckIn({ id: ro.id }), 'UNAUTHENTICATED');
  });
});
