import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../ui/widgets';
import { useLookup } from './use-lookup';

/** Finds another customer file with the look-up (merge, change of owner); lists each customer once. */
export function CustomerPicker(props: {
  excludeId?: number;
  confirmLabel: (name: string) => string;
  onPick: (customer: { id: number; name: string }) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<{ id: number; name: string } | null>(null);
  const { rows, query } = useLookup(q);
  const customers = new Map<number, { id: number; name: string; detail: string }>();
  for (const row of rows) {
    if (row.customerId === null || row.customerId === props.excludeId || customers.has(row.customerId)) continue;
    customers.set(row.customerId, {
      id: row.customerId,
      name: row.customerName ?? '',
      detail: [row.phone, row.plate].filter(Boolean).join(' · '),
    });
  }
  return (
    <div className="picker">
      <input
        autoFocus
        type="search"
        aria-label={t('lookup.placeholder')}
        placeholder={t('lookup.placeholder')}
        value={q}
        onChange={(event) => setQ(event.target.value)}
      />
      <ErrorBanner error={query.error} />
      <ul className="picker-list">
        {[...customers.values()].map((customer) => (
          <li key={customer.id}>
            <label>
              <input type="radio" name="picked" checked={picked?.id === customer.id} onChange={() => setPicked(customer)} />
              {customer.name}{' '}
              <span className="muted">
                #{customer.id} {customer.detail}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {picked ? (
        <button type="button" className="primary" disabled={props.busy} onClick={() => props.onPick(picked)}>
          {props.confirmLabel(picked.name)}
        </button>
      ) : null}
    </div>
  );
}
