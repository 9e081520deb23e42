import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { contract } from '../../../shared/contract';
import { MAX_PAGE_SIZE } from '../../../shared/contract/paging';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { ErrorBanner, Loading } from '../ui/widgets';
import { useCatalogFormat } from './catalog-format';
import { CatalogTabs } from './CatalogTabs';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** The maintenance packages with what each adds and what it comes to; a click opens one. */
export function PackageListScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const format = useCatalogFormat();
  const [showRetired, setShowRetired] = useState(false);
  // A dealer has tens of packages: one page of the largest size holds them; more is said, not hidden.
  const query = useQuery(
    orpc.catalog.listPackages.queryOptions({ input: { offset: 0, limit: MAX_PAGE_SIZE, includeRetired: showRetired } }),
  );
  return (
    <div className="page">
      <CatalogTabs
        actions={
          <>
            <label className="checkbox">
              <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />
              {t('catalog.showRetired')}
            </label>
            {canCall(user.role, contract.catalog.createPackage) ? (
              <Link className="button primary" to="/catalog/packages/new">
                {t('catalog.newPackage')}
              </Link>
            ) : null}
          </>
        }
      />
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      {query.data && query.data.rows.length === 0 ? <p className="muted">{t('catalog.noPackages')}</p> : null}
      {query.data && query.data.rows.length > 0 ? (
        <table className="results" aria-label={t('catalog.packages')}>
          <thead>
            <tr>
              <th>{t('catalog.columns.code')}</th>
              <th>{t('catalog.columns.name')}</th>
              <th>{t('catalog.laborLines')}</th>
              <th>{t('catalog.partLines')}</th>
              <th>{t('catalog.columns.hours')}</th>
              <th>{t('catalog.total')}</th>
              <th>{t('catalog.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {query.data.rows.map((pkg) => (
              <tr key={pkg.id} onClick={() => void navigate(`/catalog/packages/${pkg.id}`)}>
                <td className="mono" style={NOWRAP}>
                  <Link to={`/catalog/packages/${pkg.id}`}>{pkg.code}</Link>
                </td>
                <td style={NOWRAP}>{format.name(pkg)}</td>
                <td className="small">{pkg.laborLines.map((line) => format.name(line)).join(t('catalog.listSeparator'))}</td>
                <td className="small">{pkg.partLines.map((line) => format.name(line)).join(t('catalog.listSeparator'))}</td>
                <td style={NOWRAP}>{format.hours(pkg.hoursMilli)}</td>
                <td style={NOWRAP}>
                  <strong>{format.money(pkg.totalFen)}</strong>
                </td>
                <td style={NOWRAP}>{pkg.active ? t('catalog.active') : t('catalog.retired')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {query.data?.hasMore ? <p className="muted">{t('catalog.moreNotShown')}</p> : null}
    </div>
  );
}
