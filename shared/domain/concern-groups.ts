/**
 * What a job is about, by system of the car. A labor operation belongs to one group; comebacks (docs/domain.md "First-time
 * fix and comebacks") are a later job on the same car in the same group, so the list is coarse on purpose: two
 * groups that a technician could mix up for one fault would hide comebacks.
 */
export const CONCERN_GROUPS = [
  'engine',
  'transmission',
  'brakes',
  'suspension_steering',
  'electrical',
  'ac_heating',
  'body_paint',
  'tyres_wheels',
  'maintenance',
  'diagnostics',
  'ev_high_voltage',
  'other',
] as const;
export type ConcernGroup = (typeof CONCERN_GROUPS)[number];

export function isConcernGroup(value: unknown): value is ConcernGroup {
  return typeof value === 'string' && (CONCERN_GROUPS as readonly string[]).includes(value);
}
