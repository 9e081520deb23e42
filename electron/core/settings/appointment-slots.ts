import { parseHm, SLOT_DEFAULTS, type SlotSettings } from '../../../shared/domain/appointment-slots';
import type { Db } from '../db/connection';
import { readSetting } from './repository';

/** Setting keys of the appointment board; the manager's settings screen (a later issue) writes them. */
export const APPOINTMENT_KEYS = {
  slotMinutes: 'appointments.slotMinutes',
  opensAt: 'appointments.opensAt',
  closesAt: 'appointments.closesAt',
  perAdvisorSlot: 'appointments.perAdvisorSlot',
  workshopDayHoursMilli: 'appointments.workshopDayHoursMilli',
} as const;

/** A whole number in [min, max]; anything else (a hand-edited file) falls back to the default rather than booking wrong. */
function whole(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || !/^\d+$/.test(raw.trim())) return fallback;
  const value = Number(raw.trim());
  return value >= min && value <= max ? value : fallback;
}

function timeOfDay(raw: string | null, fallback: number): number {
  return raw === null ? fallback : (parseHm(raw) ?? fallback);
}

/** The board's settings with the shipped defaults for any not set; read inside the caller's transaction. */
export async function slotSettings(db: Db): Promise<SlotSettings> {
  const [slot, opens, closes, perSlot, dayHours] = await Promise.all([
    readSetting(db, APPOINTMENT_KEYS.slotMinutes),
    readSetting(db, APPOINTMENT_KEYS.opensAt),
    readSetting(db, APPOINTMENT_KEYS.closesAt),
    readSetting(db, APPOINTMENT_KEYS.perAdvisorSlot),
    readSetting(db, APPOINTMENT_KEYS.workshopDayHoursMilli),
  ]);
  const settings: SlotSettings = {
    slotMinutes: whole(slot, SLOT_DEFAULTS.slotMinutes, 5, 240),
    opensAt: timeOfDay(opens, SLOT_DEFAULTS.opensAt),
    closesAt: timeOfDay(closes, SLOT_DEFAULTS.closesAt),
    perAdvisorSlot: whole(perSlot, SLOT_DEFAULTS.perAdvisorSlot, 0, 100),
    workshopDayHoursMilli: whole(dayHours, SLOT_DEFAULTS.workshopDayHoursMilli, 0, 10_000_000),
  };
  // Opening hours that close before they open are a typing slip: the shipped hours are safer than none.
  if (settings.closesAt <= settings.opensAt) {
    settings.opensAt = SLOT_DEFAULTS.opensAt;
    settings.closesAt = SLOT_DEFAULTS.closesAt;
  }
  return settings;
}
