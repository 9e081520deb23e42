import { useTranslation } from 'react-i18next';
import type { AuditEntryDto, AuditValue } from '../../../shared/contract/audit';
import { formatDateTime } from '../ui/format';
import { useRoFormat } from '../repair-orders/ro-format';

/** Keys whose values the screens name in the desk's language rather than show as stored. */
const NAMED: Record<string, string> = {
  status: 'ro.statuses',
  role: 'roles',
  method: 'settlement.methods',
  step: 'complaints.step',
  payer: 'ro.payers',
  concernGroup: 'catalog.groups',
  workCategory: 'ro.workCategories',
};

/**
 * One entry as a sentence ("changed the price of 更换前刹车片 from ¥200.00 to ¥180.00") and its changes as lines. Values
 * are formatted by the unit their key names: …Fen money, …Bp percent, …Milli quantity, …At desk time.
 */
export function useAuditFormat() {
  const { t } = useTranslation();
  const format = useRoFormat();

  function value(key: string, v: AuditValue): string {
    if (v === null) return '—';
    if (typeof v === 'boolean')
      return key === 'active' ? t(v ? 'audit.inUse' : 'audit.retired') : t(v ? 'audit.yes' : 'audit.no');
    if (typeof v === 'number') {
      if (key.endsWith('Fen')) return format.money(v);
      if (key.endsWith('Bp')) return format.percent(v);
      if (key.endsWith('Milli')) return format.qty(v);
      return String(v);
    }
    if (key.endsWith('At')) return formatDateTime(v);
    const named = NAMED[key];
    return named ? t(`${named}.${v}`, { defaultValue: v }) : v;
  }

  function sentence(entry: AuditEntryDto): string {
    const params: Record<string, string> = { label: entry.details.label ?? '' };
    for (const [key, v] of Object.entries(entry.details.values ?? {})) params[key] = value(key, v);
    for (const [key, change] of Object.entries(entry.details.changes ?? {})) {
      params[`${key}From`] = value(key, change.from);
      params[`${key}To`] = value(key, change.to);
    }
    return t(`audit.actions.${entry.action}`, params);
  }

  function changes(entry: AuditEntryDto): string[] {
    return Object.entries(entry.details.changes ?? {}).map(([key, change]) =>
      t('audit.change', {
        field: t(`audit.changed.${key}`, { defaultValue: key }),
        from: value(key, change.from),
        to: value(key, change.to),
      }),
    );
  }

  return { sentence, changes, who: (entry: AuditEntryDto) => entry.user?.displayName ?? t('audit.system') };
}
