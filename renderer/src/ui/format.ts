import i18next from 'i18next';
import { DESK_TIME_ZONE } from '../../../shared/domain/desk-time';

/**
 * Times are stored in UTC and shown on the desk's clock (DESK_TIME_ZONE, as the core numbers ROs and the board
 * groups days), not the PC's, in the desk's language.
 */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: DESK_TIME_ZONE }).format(
    new Date(iso),
  );
}

export function formatDate(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeZone: DESK_TIME_ZONE }).format(new Date(iso));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(i18next.language).format(value);
}
