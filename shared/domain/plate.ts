/**
 * Chinese licence plates (GA 36-2018). Ordinary: province character, issuing-office letter, 5 letters/digits
 * without I or O (7 characters). New-energy: 8 characters, a 6-character serial that starts or ends with D or F.
 * Anything else (foreign, temporary, police, embassy...) is accepted with a warning.
 */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const SERIAL_CHAR = '[A-HJ-NP-Z0-9]';
const ORDINARY = new RegExp(`^[${PROVINCES}][A-Z]${SERIAL_CHAR}{4}[A-HJ-NP-Z0-9挂学警港澳]$`);
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

/** The plate without its province character, so "A12345" finds "京A12345". */
export function plateSerial(normalized: string): string {
  return normalized.length > 0 && PROVINCES.includes(normalized[0] ?? '') ? normalized.slice(1) : normalized;
}
