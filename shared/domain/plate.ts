/**
 * Chinese licence plates (GA 36-2018). Ordinary: province character, issuing-office letter, 5 letters/digits
 * without I or O (7 characters). New-energy: 8 characters, a 6-character serial that starts or ends with D or F.
 * Anything else (foreign, temporary, police, embassy...) is accepted with a warning.
 */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const SERIAL_CHAR = '[A-HJ-NP-Z0-9]';
/**
 * The Chinese characters a plate can end in: Hong Kong / Macau cross-border (港 澳), learner (学), police (警),
 * consulate (领), trailer (挂), test drive (试), over-size (超), embassy (使).
 */
export const PLATE_SUFFIXES = '港澳学警领挂试超使';
const ORDINARY = new RegExp(`^[${PROVINCES}][A-Z]${SERIAL_CHAR}{4}[A-HJ-NP-Z0-9${PLATE_SUFFIXES}]$`);
/** A plate typed without its province character: a letter, then letters/digits, perhaps ending in a suffix character. */
const SERIAL_PREFIX = new RegExp(`^[A-Z](?:[A-Z0-9]{2,7}|[A-Z0-9]{1,6}[${PLATE_SUFFIXES}])$`);
const NEW_ENERGY = new RegExp(`^[${PROVINCES}][A-Z](?:[DF]${SERIAL_CHAR}{5}|${SERIAL_CHAR}{5}[DF])$`);

export type PlateKind = 'ordinary' | 'new_energy' | 'unknown';

/** Drops spaces, dots and dashes and upper-cases: "京a·123 45" -> "京A12345". Search and storage use this form. */
export function normalizePlate(raw: string): string {
  return raw.replace(/[\s.·-]/g, '').toUpperCase();
}

export function plateKind(raw: string): PlateKind {
  const plate = normalizePlate(raw);
  if (plate.length === 8 && NEW_ENERGY.test(plate)) return 'new_energy';
  if (plate.length === 7 && ORDINARY.test(plate)) return 'ordinary';
  return 'unknown';
}

/**
 * Whether normalised text can be the start of a plate without its province character ("A123", "B1234学"), which the
 * look-up searches in vehicles.plate_serial.
 */
export function isPlateSerialPrefix(normalized: string): boolean {
  return SERIAL_PREFIX.test(normalized);
}

/** The plate without its province character, so "A12345" finds "京A12345" and "B1234学" finds "粤B1234学". */
export function plateSerial(normalized: string): string {
  return normalized.length > 0 && PROVINCES.includes(normalized[0] ?? '') ? normalized.slice(1) : normalized;
}
