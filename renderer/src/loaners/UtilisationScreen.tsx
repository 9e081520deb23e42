import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { deskMonth } from '../../../shared/domain/loaners';
import { orpc } from '../api/client';
import { formatNumber } from '../ui/format';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import './loaners.css';

const PAGE = 50;

/** Days lent and days available per loaner car in a month (route /loaners/utilisation). */
export function UtilisationScreen() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(() => deskMonth(new Date()));
  const [offset, setOffset] = useState(0);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const report = useQuery({
    ...orpc.loaners.utilisation.queryOptions({ input: { month, offset, limit: PAGE } }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  return (
    <div className="page">
      <Section page title={t('loaners.utilisationTitle')} actions={<Link to="/loaners">{t('loaners.title')}</Link>}>
        <p className="muted">{t('loaners.utilisationHint')}</p>
        <label className="field">
          <span className="field-label">{t('fields.month')}</span>
          <input
            type="month"
            value={month}
            onChange={(event) => {
              setMonth(event.target.value);
              setOffset(0);
            }}
          />
        </label>
        <ErrorBanner error={report.error} />
        {report.data ? (
          <table className="results loaner-table" aria-label={t('loaners.utilisationTitle')}>
            <thead>
              <tr>
                <th>{t('loaners.utilisationColumns.plate')}</th>
                <th>{t('loaners.utilisationColumns.model')}</th>
                <th className="num">{t('loaners.utilisationColumns.daysLent')}</th>
                <th className="num">{t('loaners.utilisationColumns.daysAvailable')}</th>
                <th className="num">{t('loaners.utilisationColumns.utilisation')}</th>
              </tr>
            </thead>
            <tbody>
              {report.data.rows.map((row) => (
                <tr key={row.carId} data-plate={row.plate}>
                  <td className="mono">{row.plate}</td>
                  <td>{row.model}</td>
                  <td className="num" data-testid="days-lent">
                    {formatNumber(row.daysLent)}
                  </td>
                  <td className="num">{formatNumber(row.daysAvailable)}</td>
                  <td className="num" data-testid="utilisation">
                    {row.utilisationBp === null ? '—' : `${(row.utilisationBp / 100).toFixed(1)}%`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : valid ? (
          <Loading />
        ) : null}
        <div className="form-actions">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('app.previousPage')}
          </button>
          <button type="button" disabled={!report.data?.hasMore} onClick={() => setOffset(offset + PAGE)}>
            {t('app.nextPage')}
          </button>
        </div>
      </Section>
    </div>
  );
}
