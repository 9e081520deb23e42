import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { contract } from '../../../shared/contract';
import type { PackageDetail } from '../../../shared/contract/catalog';
import { MAX_PAGE_SIZE } from '../../../shared/contract/paging';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { DataTable } from '../ui/DataTable';
import { ErrorBanner, Loading } from '../ui/widgets';
import { useCatalogFormat } from './catalog-format';
import { CatalogTabs } from './CatalogTabs';

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
      <DataTable<PackageDetail>
        caption={t('catalog.packages')}
        rows={query.data?.rows}
        rowKey={(pkg) => pkg.id}
        empty={t('catalog.noPackages')}
        onRowClick={(pkg) => void navigate(`/catalog/packages/${pkg.id}`)}
        columns={[
          {
            id: 'code',
            header: t('catalog.columns.code'),
            className: 'mono nowrap',
            cell: (pkg) => <Link to={`/catalog/packages/${pkg.id}`}>{pkg.code}</Link>,
          },
          { id: 'name', header: t('catalog.columns.name'), className: 'nowrap', cell: (pkg) => format.name(pkg) },
          {
            id: 'labor',
            header: t('catalog.laborLines'),
            className: 'small',
            cell: (pkg) => pkg.laborLines.map((line) => format.name(line)).join(t('catalog.listSeparator')),
          },
          {
            id: 'parts',
            header: t('catalog.partLines'),
            className: 'small',
            cell: (pkg) => pkg.partLines.map((line) => format.name(line)).join(t('catalog.listSeparator')),
          },
          {
            id: 'hours',
            header: t('catalog.columns.hours'),
            numeric: true,
            className: 'nowrap',
            cell: (pkg) => format.hours(pkg.hoursMilli),
          },
          {
            id: 'total',
            header: t('catalog.total'),
            numeric: true,
            className: 'nowrap',
            cell: (pkg) => <strong>{format.money(pkg.totalFen)}</strong>,
          },
          {
            id: 'status',
            header: t('catalog.columns.status'),
            className: 'nowrap',
            cell: (pkg) => (pkg.active ? t('catalog.active') : t('catalog.retired')),
          },
        ]}
      />
      {query.data?.hasMore ? <p className="muted">{t('catalog.moreNotShown')}</p> : null}
    </div>
  );
}
