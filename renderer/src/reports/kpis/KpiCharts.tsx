import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { KpiSeriesDto } from '../../../../shared/contract/reports/kpis';
import { chartValue, formatKpi } from './kpi-format';

const WIDTH = 380;
const HEIGHT = 170;
const INK = '#16324f';

/**
 * One KPI's monthly line with its accessible name and, under it, the table of the same figures (what a screen reader
 * and a test go by).
 */
function TrendChart({ series }: { series: KpiSeriesDto }) {
  const { t } = useTranslation();
  const id = useId();
  const name = t(`kpis.names.${series.key}`);
  const title = t('kpis.trend.chart', {
    name,
    first: series.points[0]?.month ?? '',
    last: series.points[series.points.length - 1]?.month ?? '',
  });
  const data = series.points.map((p) => ({ month: p.month.slice(2), value: chartValue(series.unit, p.value) }));
  return (
    <figure className="kpi-trend" aria-labelledby={id} data-testid={`kpi-trend-${series.key}`}>
      <figcaption id={id} className="kpi-trend-title">
        {name}
      </figcaption>
      {/* Recharts draws an <svg role="img"> named by its <title>: the chart's accessible name. */}
      <div>
        <LineChart width={WIDTH} height={HEIGHT} data={data} title={title} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 10 }} />
          <YAxis tick={{ fontSize: 10 }} width={44} />
          <Line dataKey="value" stroke={INK} isAnimationActive={false} connectNulls={false} dot={{ r: 2 }} />
        </LineChart>
      </div>
      {/* It scrolls sideways when the months do not fit: focusable, so the keyboard scrolls it too. */}
      <div className="kpi-trend-table" tabIndex={0} role="region" aria-label={t('kpis.trend.figures', { name })}>
        <table className="results" aria-label={title}>
          <thead>
            <tr>
              <th scope="row">{t('kpis.trend.month')}</th>
              {series.points.map((p) => (
                <th key={p.month} scope="col">
                  {p.month}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('kpis.trend.value')}</th>
              {series.points.map((p) => (
                <td key={p.month} className="num">
                  {formatKpi(t, series.unit, p.value)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export function KpiTrends({ series }: { series: KpiSeriesDto[] }) {
  return (
    <div className="kpi-trends">
      {series.map((s) => (
        <TrendChart key={s.key} series={s} />
      ))}
    </div>
  );
}
