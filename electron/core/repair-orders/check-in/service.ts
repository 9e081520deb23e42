import type { Selectable } from 'kysely';
import type { z } from 'zod';
import {
  MAX_PHOTO_BYTES,
  MAX_PHOTO_MB,
  PHOTO_MIMES,
  type addDamageMarkInput,
  type addPhotoInput,
  type CheckInDetail,
  type checkInInput,
  type PhotoData,
  type PhotoMime,
} from '../../../../shared/contract/repair-orders/check-in';
import { isOpenStatus } from '../../../../shared/domain/repair-order-status';
import type { Actor, CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import type { RepairOrdersTable } from '../../db/schema';
import { fail, notFound } from '../../errors';
import { insertMileage, touchVehicle } from '../../vehicles/repository';
import { mileageBelowLast, refuseLowerMileage } from '../../vehicles/service';
import * as repo from './repository';
import * as files from '../photo-files';
import { findRepairOrder } from '../repository';
import { writeRepairOrder } from '../editing';
import { absolutePath } from '../../files-folder';
import { deskYear } from '../../../../shared/domain/desk-time';

// --- reading ---

export async function loadCheckIn(db: Db, repairOrderId: number): Promise<CheckInDetail> {
  const ro = await findRepairOrder(db, repairOrderId);
  if (!ro) notFound('repairOrder');
  const [record, marks, photos] = await Promise.all([
    repo.findCheckIn(db, ro.id),
    repo.findMarks(db, ro.id),
    repo.findPhotos(db, ro.id),
  ]);
  const last = await repo.lastReadingExcept(db, ro.vehicle_id, record?.mileage_reading_id ?? null);
  return {
    repairOrderId: ro.id,
    roVersion: ro.version,
    editable: isOpenStatus(ro.status),
    lastMileageKm: last?.km ?? null,
    checkIn: record
      ? {
          mileageKm: record.mileage_km,
          mileageOverrideReason: record.mileage_override_reason,
          fuelEighths: record.fuel_eighths,
          valuables: record.valuables,
          notes: record.notes,
          checkedInBy: { id: record.checked_in_by, displayName: record.checked_in_by_name },
          checkedInAt: record.checked_in_at,
          updatedAt: record.updated_at,
        }
      : null,
    marks: marks.map((m) => ({
      id: m.id,
      number: m.number,
      xPermille: m.x_permille,
      yPermille: m.y_permille,
      kind: m.kind,
      note: m.note,
      createdBy: { id: m.created_by, displayName: m.created_by_name },
      createdAt: m.created_at,
    })),
    photos: photos.map((p) => ({
      id: p.id,
      mime: p.mime,
      byteSize: p.byte_size,
      sha256: p.sha256,
      caption: p.caption,
      createdBy: { id: p.created_by, displayName: p.created_by_name },
      createdAt: p.created_at,
    })),
  };
}

export function getCheckIn(deps: CoreDeps, id: number): Promise<CheckInDetail> {
  return loadCheckIn(deps.db, id);
}

// --- writing ---

/** Check-in, marks and photos are written while the car is in the dealership's hands (as the RO's jobs and lines). */
function refuseUnlessOpen(ro: Selectable<RepairOrdersTable>): void {
  const status = ro.status;
  if (!isOpenStatus(status)) fail('RULE', 'status.locked', undefined, { status });
}

/** One check-in write: a write to the RO like any other (see writeRepairOrder), returning the fresh check-in. */
function editCheckIn(
  deps: CoreDeps,
  input: { id: number; version: number },
  apply: (trx: Db, ro: Selectable<RepairOrdersTable>, now: string) => Promise<void>,
): Promise<CheckInDetail> {
  return writeRepairOrder(deps, input, 'edit', apply, loadCheckIn);
}

/**
 * Records or corrects the check-in. The reading replaces the check-in's earlier one in the vehicle's history, so a
 * typing slip corrected at the desk leaves one reading, and the "not below the last reading" rule of the vehicle
 * page applies to it. Below the last reading only a manager goes, and only with a reason; a corrected check-in that
 * keeps the manager's reading keeps the manager's reason.
 */
export function checkIn(deps: CoreDeps, actor: Actor, input: z.output<typeof checkInInput>): Promise<CheckInDetail> {
  return editCheckIn(deps, input, async (trx, ro, now) => {
    const existing = await repo.findCheckIn(trx, ro.id);
    if (existing?.mileage_reading_id) await repo.deleteCheckInReading(trx, existing.mileage_reading_id);
    let overrideReason: string | null = null;
    const last = await mileageBelowLast(trx, ro.vehicle_id, input.mileageKm);
    if (last !== null) {
      const approved = existing?.mileage_override_reason && existing.mileage_km === input.mileageKm;
      if (approved) overrideReason = existing.mileage_override_reason;
      else if (actor.role !== 'manager') refuseLowerMileage('mileageKm', last);
      else if (!input.mileageOverrideReason) fail('RULE', 'checkIn.overrideReason', 'mileageOverrideReason', { last });
      else overrideReason = input.mileageOverrideReason;
    }
    const readingId = await insertMileage(trx, {
      vehicle_id: ro.vehicle_id,
      km: input.mileageKm,
      source: 'check_in',
      recorded_at: now,
      recorded_by: actor.id,
    });
    await touchVehicle(trx, ro.vehicle_id, now);
    const fields = {
      mileage_km: input.mileageKm,
      mileage_reading_id: readingId,
      mileage_override_reason: overrideReason,
      fuel_eighths: input.fuelEighths,
      valuables: input.valuables,
      notes: input.notes,
      updated_at: now,
    };
    if (existing) await repo.updateCheckIn(trx, ro.id, fields);
    else await repo.insertCheckIn(trx, { repair_order_id: ro.id, ...fields, checked_in_by: actor.id, checked_in_at: now });
    await repo.setRoMileageIn(trx, ro.id, input.mileageKm);
  });
}

export function addDamageMark(deps: CoreDeps, actor: Actor, input: z.output<typeof addDamageMarkInput>): Promise<CheckInDetail> {
  return editCheckIn(deps, input, async (trx, ro, now) => {
    await repo.insertMark(trx, {
      repair_order_id: ro.id,
      number: await repo.nextMarkNumber(trx, ro.id),
      x_permille: input.xPermille,
      y_permille: input.yPermille,
      kind: input.kind,
      note: input.note,
      created_by: actor.id,
      created_at: now,
    });
  });
}

export function removeDamageMark(
  deps: CoreDeps,
  actor: Actor,
  input: { id: number; version: number; markId: number },
): Promise<CheckInDetail> {
  return editCheckIn(deps, input, async (trx, ro, now) => {
    if (!(await repo.removeMark(trx, ro.id, input.markId, actor.id, now))) {
      fail('NOT_FOUND', 'notFound', 'markId', { what: 'damageMark' });
    }
  });
}

/** The picture's bytes and type, or the reason it is refused: judged by its bytes, not by the type it claims. */
function photoBytes(input: { mime: string; dataBase64: string }): { bytes: Buffer; mime: PhotoMime } {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length > MAX_PHOTO_BYTES) fail('RULE', 'checkIn.photoTooLarge', 'dataBase64', { max: MAX_PHOTO_MB });
  const mime = files.sniffImage(bytes);
  const claimed = (PHOTO_MIMES as readonly string[]).includes(input.mime.toLowerCase());
  if (!mime || !claimed) fail('RULE', 'checkIn.photoNotImage', 'dataBase64');
  return { bytes, mime };
}

/**
 * Stores a photo: the file is written under a temporary name first (nothing slow inside the transaction), the
 * transaction inserts its row, then the file takes its final name. A refused or failed insert removes the file.
 */
export async function addPhoto(deps: CoreDeps, actor: Actor, input: z.output<typeof addPhotoInput>): Promise<CheckInDetail> {
  const { bytes, mime } = photoBytes(input);
  // Checked before the disk is touched (the folder is named after the RO); the transaction checks again, with the version.
  const current = await findRepairOrder(deps.db, input.id);
  if (!current) notFound('repairOrder');
  refuseUnlessOpen(current);

  const relativePath = files.newPhotoPath(deskYear(deps.clock.now()), current.number, mime);
  const file = await files.writeTemporary(deps.filesDir, relativePath, bytes);
  let detail: CheckInDetail;
  try {
    detail = await editCheckIn(deps, input, async (trx, ro, now) => {
      await repo.insertPhoto(trx, {
        repair_order_id: ro.id,
        relative_path: relativePath,
        mime,
        byte_size: bytes.length,
        sha256: files.sha256Hex(bytes),
        caption: input.caption,
        created_by: actor.id,
        created_at: now,
      });
    });
  } catch (error) {
    await files.removeFile(file.temp);
    throw error;
  }
  await files.commitTemporary(file);
  return detail;
}

export async function photo(deps: CoreDeps, photoId: number): Promise<PhotoData> {
  const row = await repo.findPhoto(deps.db, photoId);
  if (!row) fail('NOT_FOUND', 'notFound', 'photoId', { what: 'photo' });
  let bytes: Buffer;
  try {
    bytes = await files.readPhoto(deps.filesDir, row.relative_path);
  } catch (error) {
    console.error('[core] check-in photo file missing', row.relative_path, error);
    fail('NOT_FOUND', 'checkIn.photoFileMissing', 'photoId');
  }
  return { mime: row.mime, dataBase64: bytes.toString('base64') };
}

/** Removes the photo's row in the transaction, then its file (a file left behind by a crash is only disk space). */
export async function removePhoto(
  deps: CoreDeps,
  input: { id: number; version: number; photoId: number },
): Promise<CheckInDetail> {
  let relativePath = '';
  const detail = await editCheckIn(deps, input, async (trx, ro) => {
    const row = await repo.findPhoto(trx, input.photoId);
    if (!row || row.repair_order_id !== ro.id) fail('NOT_FOUND', 'notFound', 'photoId', { what: 'photo' });
    relativePath = row.relative_path;
    await repo.deletePhoto(trx, row.id);
  });
  await files.removeFile(absolutePath(deps.filesDir, relativePath));
  return detail;
}
