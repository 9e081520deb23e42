import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaborPick } from '../../../shared/contract/catalog';
import { orpc } from '../api/client';
import { useDebounced } from '../ui/use-debounced';
import { ErrorBanner } from '../ui/widgets';
import { useCatalogFormat } from './catalog-format';

/** Finds an active operation by code or name (catalog.searchLabor) and hands it over; Enter takes the first. */
export function LaborPicker(props: { exclude: ReadonlySet<number>; onPick: (op: LaborPick) => void }) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim(), 150);
  const query = useQuery(
    orpc.catalog.searchLabor.queryOptions({
      input: { q: settled, limit: 10 },
      enabled: settled.length > 0,
      placeholderData: keepPreviousData,
    }),
  );
  const rows = settled ? (query.data ?? []).filter((op) => !props.exclude.has(op.id)) : [];
  // Enter takes the first match only once the list answers what is typed now, not what was typed before.
  const current = settled === q.trim() && query.isSuccess && !query.isPlaceholderData;
  const pick = (op: LaborPick) => {
    props.onPick(op);
    setQ('');
  };
  return (
    <div className="picker">
      <input
        type="search"
        aria-label={t('catalog.searchOperation')}
        placeholder={t('catalog.searchOperation')}
        value={q}
        onChange={(event) => setQ(event.target.value)}
        onKeyDown={(event) => {
          // Enter in the search box adds the first match instead of submitting the whole form.
          if (event.key === 'Enter') {
            event.preventDefault();
            if (current && rows[0]) pick(rows[0]);
          }
        }}
      />
      <ErrorBanner error={query.error} />
      <ul className="picker-list">
        {rows.map((op) => (
          <li key={op.id}>
            <button type="button" className="link" onClick={() => pick(op)}>
              <span className="mono">{op.code}</span> {format.name(op)}
            </button>{' '}
            <span className="muted">
              {t(`catalog.groups.${op.concernGroup}`)} · {format.hours(op.hoursMilli)} · {format.rate(op.laborRateFen)}
            </span>
          </li>
        ))}
      </ul>
      {settled && query.isSuccess && rows.length === 0 ? (
        <p className="muted">{t('catalog.noOperationFound', { q: settled })}</p>
      ) : null}
    </div>
  );
}
