import { useTranslation } from 'react-i18next';
import type { PackageDetail, PackageEstimate } from '../../../shared/contract/catalog';
import { formatQuantity } from '../../../shared/domain/money';
import { DataTable } from '../ui/DataTable';
import { useCatalogFormat } from './catalog-format';

/** Labor, parts and their sum: the figures the advisor quotes for a package. */
export function EstimateSummary({ estimate }: { estimate: PackageEstimate }) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  return (
    <div data-testid="package-estimate" style={{ marginTop: 16 }}>
      <dl className="facts">
        <dt>{t('catalog.laborTotal')}</dt>
        <dd>
          {format.money(estimate.laborFen)} <span className="muted">({format.hours(estimate.hoursMilli)})</span>
        </dd>
        <dt>{t('catalog.partsTotal')}</dt>
        <dd>{format.money(estimate.partsFen)}</dd>
        <dt>
          <strong>{t('catalog.total')}</strong>
        </dt>
        <dd>
          <strong data-testid="package-total">{format.money(estimate.totalFen)}</strong>
        </dd>
      </dl>
      <p className="muted small">{t('catalog.estimateHint')}</p>
    </div>
  );
}

/** A package's lines as a read-only statement. */
export function PackageLines({ pkg }: { pkg: PackageDetail }) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  return (
    <>
      <h3>{t('catalog.laborLines')}</h3>
      <DataTable
        caption={t('catalog.laborLines')}
        rows={pkg.laborLines}
        rowKey={(line) => line.operationId}
        empty={t('catalog.noLines')}
        columns={[
          { id: 'code', header: t('catalog.columns.code'), cell: (line) => line.code, className: 'mono' },
          {
            id: 'name',
            header: t('catalog.columns.name'),
            cell: (line) => (
              <>
                {format.name(line)} {line.active ? null : <span className="badge">{t('catalog.retired')}</span>}
              </>
            ),
          },
          { id: 'hours', header: t('catalog.columns.hours'), cell: (line) => format.hours(line.hoursMilli), numeric: true },
          { id: 'rate', header: t('catalog.columns.rate'), cell: (line) => format.rate(line.laborRateFen), numeric: true },
          { id: 'amount', header: t('catalog.columns.amount'), cell: (line) => format.money(line.amountFen), numeric: true },
        ]}
      />
      <h3>{t('catalog.partLines')}</h3>
      <DataTable
        caption={t('catalog.partLines')}
        rows={pkg.partLines.map((line, index) => ({ ...line, key: `${line.partNumber}-${index}` }))}
        rowKey={(line) => line.key}
        empty={t('catalog.noLines')}
        columns={[
          { id: 'partNumber', header: t('catalog.columns.partNumber'), cell: (line) => line.partNumber, className: 'mono' },
          { id: 'name', header: t('catalog.columns.name'), cell: (line) => format.name(line) },
          { id: 'qty', header: t('catalog.columns.qty'), cell: (line) => formatQuantity(line.qtyMilli), numeric: true },
          {
            id: 'unitPrice',
            header: t('catalog.columns.unitPrice'),
            cell: (line) => format.money(line.unitPriceFen),
            numeric: true,
          },
          { id: 'amount', header: t('catalog.columns.amount'), cell: (line) => format.money(line.amountFen), numeric: true },
        ]}
      />
      <EstimateSummary estimate={pkg} />
    </>
  );
}
