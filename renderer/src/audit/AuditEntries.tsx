import { useTranslation } from 'react-i18next';
import type { AuditEntryDto } from '../../../shared/contract/audit';
import { formatDateTime } from '../ui/format';
import { useAuditFormat } from './audit-format';

/** Entries newest first: when, who (with the role they acted in), what as a sentence, and the fields it changed. */
export function AuditEntries({ entries, label }: { entries: AuditEntryDto[]; label: string }) {
  const { t } = useTranslation();
  const format = useAuditFormat();
  if (entries.length === 0) return <p className="muted">{t('audit.empty')}</p>;
  return (
    <table className="results audit-entries" aria-label={label}>
      <thead>
        <tr>
          <th>{t('audit.columns.when')}</th>
          <th>{t('audit.columns.who')}</th>
          <th>{t('audit.columns.what')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} data-action={entry.action} data-testid="audit-entry">
            <td className="small" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(entry.at)}
            </td>
            <td>
              {format.who(entry)}
              {entry.role ? <span className="muted small"> · {t(`roles.${entry.role}`)}</span> : null}
            </td>
            <td>
              {format.sentence(entry)}
              {format.changes(entry).map((line) => (
                <div key={line} className="muted small">
                  {line}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
