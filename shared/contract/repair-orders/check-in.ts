import { type } from '@orpc/contract';
import { z } from 'zod';
import { procedure } from '../base';
import { reasonIssue } from '../errors';
import { id, mileageKm, multiLine, version } from '../fields';

/** Everyone in the service department reads a check-in; the advisors and the manager record it (as for the RO). */
const READ = ['advisor', 'foreman', 'technician', 'parts_clerk', 'csi_agent', 'manager'] as const;
const WRITE = ['advisor', 'manager'] as const;

/** Fuel (or charge) level in eighths of a tank: 0 is empty (E), 8 full (F). */
export const FUEL_EIGHTHS_MAX = 8;

/** What a walk-around mark records. */
export const DAMAGE_KINDS = ['scratch', 'dent', 'crack', 'chip', 'other'] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];

/** A photo's largest size: a phone picture fits, a video or a scan of a whole folder does not. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTO_MB = MAX_PHOTO_BYTES / (1024 * 1024);
/** The pictures a desk shows; the core reads the file's first bytes, the type a browser reports is not enough. */
export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIMES)[number];

/** Bytes held by a base64 text of `length` characters ending in `padding` '=' characters. */
export function base64Bytes(length: number, padding: number): number {
  return Math.floor((length * 3) / 4) - padding;
}

const text = (max: number) => multiLine().max(max);
/** Thousandths of the diagram's width or height, from its top-left corner (the car's front is at the top). */
const permille = z.int().min(0).max(1000);

export const checkInInput = z.strictObject({
  id,
  version,
  mileageKm,
  fuelEighths: z.int().min(0).max(FUEL_EIGHTHS_MAX),
  /** What the customer left in the car (e.g. a dash cam, a child seat), in the advisor's words. */
  valuables: text(500).default(''),
  notes: text(2000).default(''),
  /** Needed, and only heard, when a manager records a reading below the vehicle's last one. */
  mileageOverrideReason: text(200).optional(),
});

export const addDamageMarkInput = z.strictObject({
  id,
  version,
  xPermille: permille,
  yPermille: permille,
  kind: z.enum(DAMAGE_KINDS),
  note: text(200).default(''),
});

export const removeDamageMarkInput = z.strictObject({ id, version, markId: id });

export const addPhotoInput = z.strictObject({
  id,
  version,
  /** The type the browser reported; the core checks the bytes themselves. */
  mime: z.string().trim().max(100),
  /** The picture's bytes in base64 (JSON carries text the same way over HTTP and Electron's MessagePort). */
  dataBase64: z
    .string()
    .min(1)
    .superRefine((data, ctx) => {
      // Judged from the length alone, before anything decodes megabytes the core would refuse anyway.
      const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
      if (base64Bytes(data.length, padding) > MAX_PHOTO_BYTES) {
        ctx.addIssue(reasonIssue('checkIn.photoTooLarge', { max: MAX_PHOTO_MB }));
      } else if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) {
        ctx.addIssue(reasonIssue('checkIn.photoNotImage'));
      }
    }),
  caption: text(200).default(''),
});

export const removePhotoInput = z.strictObject({ id, version, photoId: id });

export interface DamageMarkDto {
  id: number;
  /** 1, 2, 3… in the order the marks were placed on this RO; a removed mark's number is not given again. */
  number: number;
  xPermille: number;
  yPermille: number;
  kind: DamageKind;
  note: string;
  createdBy: { id: number; displayName: string };
  createdAt: string;
}

export interface CheckInPhotoDto {
  id: number;
  mime: PhotoMime;
  byteSize: number;
  sha256: string;
  caption: string;
  createdBy: { id: number; displayName: string };
  createdAt: string;
}

export interface CheckInRecordDto {
  mileageKm: number;
  /** Set when a manager recorded a reading below the vehicle's last one. */
  mileageOverrideReason: string | null;
  fuelEighths: number;
  valuables: string;
  notes: string;
  checkedInBy: { id: number; displayName: string };
  checkedInAt: string;
  updatedAt: string;
}

/** An RO's check-in as the reception recorded it, with what the walk-around found. */
export interface CheckInDetail {
  repairOrderId: number;
  /** The RO's version after the last write: every check-in write carries it, like any other write to the RO. */
  roVersion: number;
  /** Whether the RO still takes check-in writes (the car is in the dealership's hands). */
  editable: boolean;
  /** The vehicle's last reading before this check-in (what a new reading may not go below), null when none. */
  lastMileageKm: number | null;
  /** Null until the car is checked in. */
  checkIn: CheckInRecordDto | null;
  marks: DamageMarkDto[];
  photos: CheckInPhotoDto[];
}

export interface PhotoData {
  mime: PhotoMime;
  dataBase64: string;
}

/** Check-in of a repair order (issue 3 item 3); part of the repairOrders area (procedures repairOrders.*). */
export const checkInContract = {
  /**
   * Records the check-in (or corrects it while the RO is open): mileage, fuel, valuables, notes. The reading goes on
   * the RO and into the vehicle's mileage history. A reading below the vehicle's last one is refused (mileage.lower)
   * unless a manager records it with mileageOverrideReason.
   */
  checkIn: procedure.meta({ access: WRITE }).input(checkInInput).output(type<CheckInDetail>()),

  /** The RO's check-in (null before it), its damage marks and its photos' metadata. */
  getCheckIn: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<CheckInDetail>()),

  /** Places a numbered damage mark on the walk-around diagram; only while the RO is open. */
  addDamageMark: procedure.meta({ access: WRITE }).input(addDamageMarkInput).output(type<CheckInDetail>()),

  /** Takes a damage mark placed by mistake off the diagram (kept on record, its number not given again); only while the RO is open. */
  removeDamageMark: procedure.meta({ access: WRITE }).input(removeDamageMarkInput).output(type<CheckInDetail>()),

  /**
   * Attaches a photo (JPEG, PNG or WebP, at most 8 MB, judged by its bytes): stored as a file next to the database,
   * referenced from it. Only while the RO is open.
   */
  addPhoto: procedure.meta({ access: WRITE }).input(addPhotoInput).output(type<CheckInDetail>()),

  /** One photo's bytes, for showing it. */
  photo: procedure
    .meta({ access: READ })
    .input(z.strictObject({ photoId: id }))
    .output(type<PhotoData>()),

  /** Removes a photo and its file; only while the RO is open. */
  removePhoto: procedure.meta({ access: WRITE }).input(removePhotoInput).output(type<CheckInDetail>()),
};
