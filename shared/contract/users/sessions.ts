import { type } from '@orpc/contract';
import { z } from 'zod';
import { procedure } from '../base';
import { id } from '../fields';
import { newPassword, strongPassword } from '../users';

/** A user locked out of sign-in after too many wrong passwords in a row. */
export interface LockoutDto {
  userId: number;
  username: string;
  failedCount: number;
  /** ISO instant: sign-in is refused until then, unless a manager unlocks first. */
  lockedUntil: string;
}

export const unlockInput = z.strictObject({ userId: id });
// The person's own names count against a new password too: the core adds them (the input does not carry them).
export const changePasswordInput = z
  .strictObject({ currentPassword: z.string().min(1).max(200), newPassword })
  .superRefine(strongPassword('newPassword', () => []));
export const resetPasswordInput = z
  .strictObject({ userId: id, newPassword })
  .superRefine(strongPassword('newPassword', () => []));

/** Sign-in lock-out and the end of sessions (issue 7): merged into the `users` area. */
export const sessionsContract = {
  /** Users locked out now, for the users screen. */
  lockouts: procedure
    .meta({ access: ['admin', 'manager'] })
    .input(z.strictObject({}).optional())
    .output(type<LockoutDto[]>()),

  /** Lifts a lock-out before it runs out (the person at the desk proved who they are). */
  unlock: procedure
    .meta({ access: ['admin', 'manager'] })
    .input(unlockInput)
    .output(type<{ unlocked: boolean }>()),

  /** The signed-in user's own new password; every other session of theirs ends (this one stays). */
  changePassword: procedure.meta({ access: 'signed-in' }).input(changePasswordInput).output(type<{ ok: true }>()),

  /** The administrator sets a forgotten password; every session of that user ends, and any lock-out is lifted. */
  resetPassword: procedure
    .meta({ access: ['admin'] })
    .input(resetPasswordInput)
    .output(type<{ ok: true }>()),
};
