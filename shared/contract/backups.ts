import { type } from '@orpc/contract';
import { z } from 'zod';
import { procedure } from './base';
import { reasonIssue } from './errors';

/** docs/domain.md "Who uses it": the after-sales manager keeps the backups; the admin manages users, not the data. */
const MANAGER = ['manager'] as const;

export const BACKUP_KINDS = ['daily', 'manual', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/**
 * A backup's file name: `baydesk-YYYYMMDD-HHMMSS[-n]-<kind>.sqlite`, the time in UTC. Only such names are accepted,
 * so a name can never point outside the backups folder.
 */
export const BACKUP_NAME = /^baydesk-\d{8}-\d{6}(?:-\d{1,3})?-(?:daily|manual|before-restore)\.sqlite$/;

/** A backup older than this (or none at all) is shown in red: the daily backup has missed at least one day. */
export const BACKUP_STALE_HOURS = 48;

/** Why a backup file cannot be used (the checks run after every backup and again before a restore). */
export const BACKUP_PROBLEMS = ['missing', 'corrupt', 'noSchema', 'tooNew'] as const;
export type BackupProblem = (typeof BACKUP_PROBLEMS)[number];

export interface BackupDto {
  name: string;
  kind: BackupKind;
  createdAt: string;
  sizeBytes: number;
  /** true: opened read-only, integrity_check = ok, schema readable; false: it failed (see problem); null: never checked. */
  verified: boolean | null;
  problem: BackupProblem | null;
  schemaVersion: number | null;
  /**
   * 'ours': this BayDesk took it and its SHA-256 is in the signed manifest (a restore checks the file against it);
   * 'elsewhere': no trusted record (copied into the folder by hand, or recorded before backups were signed): a restore
   * needs an administrator's password.
   */
  origin: BackupOrigin;
}

export const BACKUP_ORIGINS = ['ours', 'elsewhere'] as const;
export type BackupOrigin = (typeof BACKUP_ORIGINS)[number];

export interface LastGoodBackupDto {
  backup: BackupDto | null;
  /** Whole hours since it was taken, on the core's clock; null without one. */
  ageHours: number | null;
  /** Older than BACKUP_STALE_HOURS, or none. */
  stale: boolean;
}

export interface RestoreDto {
  restored: string;
  /** The database as it was just before the restore, kept as a backup of its own. */
  beforeRestore: string;
}

const backupName = z
  .string()
  .max(80)
  .superRefine((value, ctx) => {
    if (!BACKUP_NAME.test(value)) ctx.addIssue(reasonIssue('backup.name'));
  });

export const restoreBackupInput = z.strictObject({
  name: backupName,
  /** The manager confirmed: everyone is signed out and the data goes back to the backup's time. */
  confirm: z.boolean().superRefine((value, ctx) => {
    if (value !== true) ctx.addIssue(reasonIssue('backup.confirm'));
  }),
  /**
   * An administrator's password, typed at the manager's desk: needed (and only checked) for a backup from elsewhere.
   * Not trimmed: it is compared as typed.
   */
  adminPassword: z.string().max(200).optional(),
});
export type RestoreBackupInput = z.input<typeof restoreBackupInput>;

const none = z.strictObject({}).optional();

export const backupsContract = {
  /** Every backup in the backups folder next to the database, newest first, with its check result. */
  list: procedure.meta({ access: MANAGER }).input(none).output(type<BackupDto[]>()),

  /** The newest backup that passed its check, and how old it is. */
  lastGood: procedure.meta({ access: MANAGER }).input(none).output(type<LastGoodBackupDto>()),

  /** Backs the database up now (online: the desks keep working), checks the copy, then applies the retention. */
  backupNow: procedure.meta({ access: MANAGER }).input(none).output(type<BackupDto>()),

  /**
   * Puts the chosen backup back after checking it: the current database is kept as a before-restore backup first,
   * then every desk is signed out (the data they had open is no longer the data).
   */
  restore: procedure.meta({ access: MANAGER }).input(restoreBackupInput).output(type<RestoreDto>()),
};
