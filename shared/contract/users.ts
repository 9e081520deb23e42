import { type } from '@orpc/contract';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordWeakness, type PasswordWeakness } from '../domain/password-strength';
import { ROLES, type Role } from '../domain/roles';
import { procedure } from './base';
import { reasonIssue } from './errors';
import { singleLine } from './fields';

export const roleSchema = z.enum(ROLES);

const username = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}._-]+$/u, { message: 'username.characters' });
/**
 * A new password's length: at least 10 characters (a service desk is a shared room, and the data is customers'
 * personal data). Its strength is checked by `strongPassword` on the whole input, where the person's names are known.
 */
export const newPassword = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

function weaknessIssue(weakness: PasswordWeakness, path: string) {
  // Literal reasons, so the catalogue test sees each one.
  const issue =
    weakness === 'common'
      ? reasonIssue('password.common')
      : weakness === 'personal'
        ? reasonIssue('password.personal')
        : reasonIssue('password.guessable');
  return { ...issue, path: [path] };
}

/**
 * The password rule of shared/domain/password-strength.ts as a refinement of a procedure's input: `field` holds the
 * new password, `names` the username and name that count against it (the core adds the person's own when the input
 * does not carry them). Judged only when the length is right, so a short password gets the one reason.
 */
export function strongPassword<T extends Record<string, unknown>>(field: keyof T & string, names: (value: T) => unknown[]) {
  return (value: T, ctx: z.RefinementCtx): void | Promise<void> => {
    const password = value[field];
    if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return;
    const report = (weakness: PasswordWeakness | null): void => {
      if (weakness) ctx.addIssue(weaknessIssue(weakness, field));
    };
    const inputs = names(value).filter((name): name is string => typeof name === 'string');
    const result = passwordWeakness(password, inputs);
    return result instanceof Promise ? result.then(report) : report(result);
  };
}
const displayName = singleLine().min(1).max(60);

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
}

export interface SessionDto {
  token: string;
  user: UserDto;
  expiresAt: string;
}

export const setupAdminInput = z
  .strictObject({ username, displayName, password: newPassword })
  .superRefine(strongPassword('password', (v) => [v.username, v.displayName]));
export const loginInput = z.strictObject({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) });
export const createUserInput = z
  .strictObject({ username, displayName, password: newPassword, role: roleSchema })
  .superRefine(strongPassword('password', (v) => [v.username, v.displayName]));

export const usersContract = {
  /** What the login screen needs before anyone signs in: first run (no users yet) or the demo users to list. */
  status: procedure
    .meta({ access: 'public' })
    .input(z.strictObject({}).optional())
    .output(type<{ needsSetup: boolean; demo: { users: DemoUser[]; password: string } | null }>()),

  /** First run on a new database: creates the admin. Refused once any user exists. */
  setupAdmin: procedure.meta({ access: 'public' }).input(setupAdminInput).output(type<SessionDto>()),

  login: procedure.meta({ access: 'public' }).input(loginInput).output(type<SessionDto>()),

  logout: procedure.meta({ access: 'signed-in' }).input(z.strictObject({}).optional()).output(type<{ ok: true }>()),

  me: procedure.meta({ access: 'signed-in' }).input(z.strictObject({}).optional()).output(type<UserDto>()),

  list: procedure
    .meta({ access: ['admin', 'manager'] })
    .input(z.strictObject({}).optional())
    .output(type<UserDto[]>()),

  create: procedure
    .meta({ access: ['admin'] })
    .input(createUserInput)
    .output(type<UserDto>()),
};
