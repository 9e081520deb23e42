import { type } from '@orpc/contract';
import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles';
import { procedure } from './base';

export const roleSchema = z.enum(ROLES);

const username = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}._-]+$/u, { message: 'username.characters' });
/** At least 8 characters: a service desk is a shared room, and the data is customers' personal data. */
const password = z.string().min(8).max(200);
const displayName = z.string().trim().min(1).max(60);

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

export const setupAdminInput = z.strictObject({ username, displayName, password });
export const loginInput = z.strictObject({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) });
export const createUserInput = z.strictObject({ username, displayName, password, role: roleSchema });

export const usersContract = {
  /** What the login screen needs before anyone signs in: first run (no users yet) or the demo users to list. */
  status: procedure
    .meta({ access: 'public' })
    .input(z.strictObject({}).optional())
    .output(type<{ needsSetup: boolean; demo: { users: DemoUser[]; password: string } | null }>()),

  /** First run on a new database: creates the admin. Refused once any user exists. */
  setupAdmin: procedure
    .meta({ access: 'public' })
    .input(setupAdminInput)
    .output(type<SessionDto>()),

  login: procedure
    .meta({ access: 'public' })
    .input(loginInput)
    .output(type<SessionDto>()),

  logout: procedure.meta({ access: 'signed-in' }).input(z.strictObject({}).optional()).output(type<{ ok: true }>()),

  me: procedure.meta({ access: 'signed-in' }).input(z.strictObject({}).optional()).output(type<UserDto>()),

  list: procedure.meta({ access: ['admin', 'manager'] }).input(z.strictObject({}).optional()).output(type<UserDto[]>()),

  create: procedure
    .meta({ access: ['admin'] })
    .input(createUserInput)
    .output(type<UserDto>()),
};
