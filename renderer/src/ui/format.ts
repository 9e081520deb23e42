import i18next from 'i18next';

/** Times are stored in UTC and shown in the desk's own time zone and language. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(i18next.language).format(value);
}
