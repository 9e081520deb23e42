import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { contract } from '../../../shared/contract';
import type { LookupRow } from '../../../shared/contract/customers';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { ErrorBanner } from '../ui/widgets';
import { useLookup } from './use-lookup';
import { CampaignFlag } from '../campaigns/CampaignBanner';

function rowTarget(row: LookupRow): string {
  return row.customerId !== null ? `/customers/${row.customerId}` : `/vehicles/${row.vehicleId}`;
}

/**
 * The reception look-up: one box, keyboard first. What was typed lives in the URL, so F2 or Back returns to the
 * same results.
 */
export function LookupScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const { settled, rows, query } = useLookup(q);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => setActive(0), [settled]);
  useEffect(() => input.current?.focus(), []);

  const open = (row: LookupRow | undefined) => {
    if (row) void navigate(rowTarget(row));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, rows.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(rows[active]);
    } else if (event.key === 'Escape') {
      setParams({}, { replace: true });
    }
  };

  return (
    <div className="lookup">
      <h1 className="visually-hidden">{t('lookup.title')}</h1>
      <div className="lookup-bar">
        <input
          ref={input}
          className="lookup-input"
          type="search"
          role="combobox"
          aria-expanded={rows.length > 0}
          aria-controls="lookup-results"
          aria-label={t('nav.lookup')}
          placeholder={t('lookup.placeholder')}
          value={q}
          onChange={(event) => setParams(event.target.value ? { q: event.target.value } : {}, { replace: true })}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
        />
        {canCall(user.role, contract.customers.create) ? (
          <Link className="button primary" to="/customers/new">
            {t('lookup.newCustomer')}
          </Link>
        ) : null}
      </div>
      <p className="muted hint">{t('lookup.hint')}</p>
      <ErrorBanner error={query.error} />
      {settled && query.isSuccess && rows.length === 0 ? <p className="muted">{t('lookup.noResults', { q: settled })}</p> : null}
      {rows.length > 0 ? (
        <table className="results" id="lookup-results" role="listbox" aria-label={t('nav.lookup')}>
          <thead>
            <tr>
              <th>{t('lookup.columns.customer')}</th>
              <th>{t('lookup.columns.phone')}</th>
              <th>{t('lookup.columns.plate')}</th>
              <th>{t('lookup.columns.vehicle')}</th>
              <th>{t('lookup.columns.vin')}</th>
              <th>{t('lookup.columns.match')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr
                key={`${row.customerId}-${row.vehicleId}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'active' : undefined}
                onMouseMove={() => setActive(index)}
                onClick={() => open(row)}
              >
                <td>{row.customerName ?? <span className="muted">{t('lookup.noCustomer')}</span>}</td>
                <td className="mono">{row.phone}</td>
                <td className="plate">{row.plate}</td>
                <td>
                  {row.makeModel ?? <span className="muted">{t('lookup.noVehicle')}</span>}
                  {row.openCampaign ? (
                    <>
                      {' '}
                      <CampaignFlag />
                    </>
                  ) : null}
                </td>
                <td className="mono">{row.vin}</td>
                <td>
                  <span className="badge">{t(`lookup.matchedBy.${row.matchedBy}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {query.hasNextPage ? (
        <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {t('lookup.more')}
        </button>
      ) : null}
    </div>
  );
}
