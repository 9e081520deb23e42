import type { DemoUser } from '../../../../../shared/contract/users';
import { CONCERN_GROUPS } from '../../../../../shared/domain/concern-groups';
import { ROLES, type Role } from '../../../../../shared/domain/roles';
import { hashPassword } from '../../../users/password';
import type { Db } from '../../connection';
import { DEMO_DISPLAY_NAMES } from '../data';
import { personName } from '../generate';
import { HISTORY_STAFF } from '../history';
import { DEMO_PASSWORD, insertDemoUsers } from '../index';
import { Random } from '../random';
import type { ScalePreset } from './presets';
import type { Sink, Staffer } from './sink';

export interface Staff {
  all: Staffer[];
  advisors: Staffer[];
  technicians: Staffer[];
  csiAgents: Staffer[];
  foreman: Staffer;
  manager: Staffer;
  partsClerk: Staffer;
}

/**
 * The staff of the generated dealership: the demo's one user per role (username = role) and the history's extra
 * advisors and technicians, then as many more as the scale's volume needs (advisor4, technician5…). Every one signs
 * in with DEMO_PASSWORD; the login screen lists the demo's own (as `npm run seed` does).
 */
export async function createStaff(db: Db, preset: ScalePreset, seed: number, at: string): Promise<Staff> {
  const random = new Random((seed ^ 0x57aff) >>> 0);
  const wanted: DemoUser[] = [
    ...ROLES.map((role) => ({ username: role, displayName: DEMO_DISPLAY_NAMES[role], role })),
    ...HISTORY_STAFF,
  ];
  const more = (role: Role, prefix: string, total: number) => {
    let n = wanted.filter((u) => u.role === role).length;
    while (n < total) wanted.push({ username: `${prefix}${++n}`, displayName: personName(random), role });
  };
  more('advisor', 'advisor', preset.advisors);
  more('technician', 'technician', preset.technicians);
  more('csi_agent', 'csi_agent', preset.csiAgents);
  // scrypt is slow on purpose: every hash at once, on libuv's pool.
  const hashes = await Promise.all(wanted.map(() => hashPassword(DEMO_PASSWORD)));
  const listed = wanted.filter((u) => ROLES.includes(u.username as Role) || HISTORY_STAFF.includes(u));
  const ids = await insertDemoUsers(db, wanted, hashes, { users: listed, password: DEMO_PASSWORD }, at);
  const all: Staffer[] = wanted.map((user, i) => ({
    id: ids[i]!,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
  }));
  const one = (role: Role) => all.find((s) => s.role === role)!;
  return {
    all,
    advisors: all.filter((s) => s.role === 'advisor'),
    technicians: all.filter((s) => s.role === 'technician'),
    csiAgents: all.filter((s) => s.role === 'csi_agent'),
    foreman: one('foreman'),
    manager: one('manager'),
    partsClerk: one('parts_clerk'),
  };
}

/** Every technician does every kind of work except the high-voltage one, which a third are certified for. */
export function writeSkills(sink: Sink, staff: Staff): void {
  staff.technicians.forEach((tech, i) => {
    for (const group of CONCERN_GROUPS) {
      if (group === 'ev_high_voltage' && i % 3 !== 0) continue;
      sink.s.skill.run(tech.id, group);
    }
  });
}
