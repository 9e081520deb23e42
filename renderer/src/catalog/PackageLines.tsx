import { useTranslation } from 'react-i18next';
import type { PackageDetail, PackageEstimate } from '../../../shared/contract/catalog';
import { formatQuantity } from '../../../shared/domain/money';
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
      {pkg.laborLines.length === 0 ? <p className="muted">{t('catalog.noLines')}</p> : null}
      {pkg.laborLines.length > 0 ? (
        <table className="results" aria-label={t('catalog.laborLines')}>
          <thead>
            <tr>
              <th>{t('catalog.columns.code')}</th>
              <th>{t('catalog.columns.name')}</th>
              <th>{t('catalog.columns.hours')}</th>
              <th>{t('catalog.columns.rate')}</th>
              <th>{t('catalog.columns.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {pkg.laborLines.map((line) => (
              <tr key={line.operationId}>
                <td className="mono">{line.code}</td>
                <td>
                  {format.name(line)} {line.active ? null : <span className="badge">{t('catalog.retired')}</span>}
                </td>
                <td>{format.hours(line.hoursMilli)}</td>
                <td>{format.rate(line.laborRateFen)}</td>
                <td>{format.money(line.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h3>{t('catalog.partLines')}</h3>
      {pkg.partLines.length === 0 ? <p className="muted">{t('catalog.noLines')}</p> : null}
      {pkg.partLines.length > 0 ? (
        <table className="results" aria-label={t('catalog.partLines')}>
          <thead>
            <tr>
              <th>{t('catalog.columns.partNumber')}</th>
              <th>{t('catalog.columns.name')}</th>
              <th>{t('catalog.columns.qty')}</th>
              <th>{t('catalog.columns.unitPrice')}</th>
              <th>{t('catalog.columns.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {pkg.partLines.map((line, index) => (
              <tr key={`${line.partNumber}-${index}`}>
                <td className="mono">{line.partNumber}</td>
                <td>{format.name(line)}</td>
                <td>{formatQuantity(line.qtyMilli)}</td>
                <td>{format.money(line.unitPriceFen)}</td>
                <td>{format.money(line.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <EstimateSummary estimate={pkg} />
    </>
  );
}
