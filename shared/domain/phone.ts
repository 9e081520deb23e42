/** Phone numbers are stored as digits only (a leading + kept), so "138-0013 8000" and "13800138000" are one number. */
export function normalizePhone(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/** A phone may hold digits, spaces, dashes, dots, brackets and a leading +, and needs 5 to 20 digits. */
export function phoneProblem(raw: string): 'characters' | 'length' | null {
  if (!/^\+?[\d\s\-().]+$/.test(raw.trim())) return 'characters';
  const digits = raw.replace(/\D/g, '').length;
  return digits < 5 || digits > 20 ? 'length' : null;
}

/** Mainland mobile numbers: 11 digits starting with 1. */
export function isMainlandMobile(normalized: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalized);
}
