import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PhotoMime } from '../../../shared/contract/repair-orders/check-in';
import { absolutePath } from '../files-folder';

/**
 * Check-in photos as files under the files folder next to the database (CoreDeps.filesDir). The database holds the
 * path relative to that folder with '/' separators, so the folder moves with the database and across systems.
 */

const EXTENSIONS: Record<PhotoMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The picture type told by the file's first bytes (its signature), or null when it is none of ours. */
export function sniffImage(bytes: Uint8Array): PhotoMime | null {
  const at = (offset: number, signature: readonly number[]) => signature.every((byte, i) => bytes[offset + i] === byte);
  if (bytes.length >= 3 && at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.length >= 8 && at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF <size> WEBP
  if (bytes.length >= 12 && at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** photos/<yyyy>/<RO number>/<uuid>.<ext>: one folder per RO, so a year or an RO can be archived as a folder. */
export function newPhotoPath(year: number, roNumber: string, mime: PhotoMime): string {
  // RO numbers are RO2026-000123; anything else is kept to safe characters all the same.
  const folder = roNumber.replace(/[^A-Za-z0-9_-]/g, '_');
  return ['photos', String(year), folder, `${randomUUID()}.${EXTENSIONS[mime]}`].join('/');
}

/**
 * Writes the bytes under a temporary name next to their final place (same folder, so the later rename is atomic).
 * Nothing waits on the disk inside a transaction: the file is written before, renamed after.
 */
export async function writeTemporary(
  filesDir: string,
  relativePath: string,
  bytes: Uint8Array,
): Promise<{ temp: string; final: string }> {
  const final = absolutePath(filesDir, relativePath);
  const temp = `${final}.${randomUUID()}.part`;
  await mkdir(resolve(final, '..'), { recursive: true });
  await writeFile(temp, bytes, { flag: 'wx' });
  return { temp, final };
}

export async function commitTemporary(file: { temp: string; final: string }): Promise<void> {
  await rename(file.temp, file.final);
}

export async function removeFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

export async function readPhoto(filesDir: string, relativePath: string): Promise<Buffer> {
  return readFile(absolutePath(filesDir, relativePath));
}
