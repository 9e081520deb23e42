/** English texts of the backups screen and the "last good backup" line: its own section, its field labels, its refusal reasons. */
export const text = {
  title: 'Backups',
  open: 'Backups',
  hint: 'BayDesk backs the database up by itself once a day, while everyone keeps working, into the backups folder next to the database, and checks each copy. It keeps the last 7 daily backups, one a week for 4 weeks and one a month for 12 months, the last 10 manual backups and the last 5 copies taken before a restore.',
  lastGood: 'Last good backup: {{time}} ({{hours}} h ago)',
  none: 'Last good backup: none yet',
  backUpNow: 'Back up now',
  made: 'Backup {{name}} made and checked.',
  madeBad: 'Backup {{name}} was made but failed its check: {{problem}}',
  empty: 'No backups yet.',
  folder: 'Folder: backups, next to the database file',
  columns: {
    time: 'Taken',
    kind: 'Kind',
    name: 'File',
    size: 'Size',
    check: 'Check',
    origin: 'Origin',
  },
  size: '{{mb}} MB',
  kinds: {
    daily: 'Daily',
    manual: 'Manual',
    'before-restore': 'Before restore',
  },
  check: {
    ok: 'OK',
    failed: 'Failed: {{problem}}',
    unchecked: 'Not checked yet',
  },
  origins: {
    ours: 'Made here',
    elsewhere: 'From elsewhere',
  },
  problems: {
    missing: 'the file is missing',
    corrupt: 'the file is damaged or not a BayDesk database',
    noSchema: 'the file holds no BayDesk data',
    tooNew: 'written by a newer BayDesk',
  },
  restore: 'Restore',
  restoreAria: 'Restore {{name}}',
  restoreQuestion:
    'Put the data back as it was at {{time}}? Everything entered since is set aside (kept as a before-restore backup) and every desk must sign in again.',
  restoreYes: 'Yes, restore',
  elsewhereHint:
    'This file has no signed record of this BayDesk: it was copied into the folder by hand, or recorded before backups were signed. An administrator must type their password to restore it; the restore is written to the audit trail.',
  adminPassword: 'Administrator password',
  restoreNo: 'Cancel',
};

export const fields = {
  confirm: 'Confirmation',
  adminPassword: 'Administrator password',
};

export const reasons = {
  backup: {
    name: 'not a backup file name',
    confirm: 'the restore must be confirmed',
    missing: 'the backup file is missing',
    corrupt: 'the backup is damaged or not a BayDesk database; nothing was changed',
    noSchema: 'the backup holds no BayDesk data; nothing was changed',
    tooNew: 'the backup was written by a newer BayDesk; nothing was changed',
    failed: 'the backup could not be written (is the disk full?)',
    beforeRestoreFailed: 'the current data could not be backed up first, so nothing was restored',
    restoreFailed: 'the restore failed; the data is as it was before',
    tampered: 'the backup file was changed after BayDesk made it; nothing was changed',
    adminPasswordRequired: 'this backup comes from elsewhere: an administrator must type their password',
    adminPasswordWrong: 'not the password of an active administrator; nothing was changed',
  },
};
