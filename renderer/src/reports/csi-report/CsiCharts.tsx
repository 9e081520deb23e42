import { useId, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { CsiTrendPointDto } from '../../../../shared/contract/reports/csi-report';
import type { CsiRowDto, FactorScoreDto } from '../../../../shared/contract/followup/surveys';
import type { DocumentFormat } from '../../printing/document-format';

/** About 170 mm at 96 dpi: the width of an A4 page inside its margins. */
const WIDTH = 640;
const HEIGHT = 210;
/** CSI and factor scores are on the 1,000-point scale. */
const SCALE: [number, number] = [0, 1000];
const INK = '#16324f';
/**
 * A bar's figure is printed outside the bar, in dark ink on the white page, never over the dark bar (where it could not
 * be read); the charts keep room at the top and the right so a full-scale bar's figure is not cut off.
 */
const LABEL = { fontSize: 10, fill: '#1d2733' };

/** One decimal, in the document's language; '—' for a figure nobody answered. */
export function figure(f: DocumentFormat, value: number | null): string {
  if (value === null) return f.t('csiReport.none');
  return new Intl.NumberFormat(f.lng, { maximumFractionDigits: 1 }).format(value);
}

/**
 * A chart with its accessible name and, beside it, the table of the same figures (what a screen reader, a test and a
 * reader of a black-and-white copy go by).
 */
function ChartFigure(props: { title: string; chart: ReactNode; table: ReactNode; testId: string }) {
  const id = useId();
  return (
    <figure className="csi-figure" aria-labelledby={id} data-testid={props.testId}>
      <figcaption id={id} className="csi-figure-title">
        {props.title}
      </figcaption>
      {/* recharts names its SVG (role img) after the chart's title. */}
      <div className="csi-chart">{props.chart}</div>
      {props.table}
    </figure>
  );
}

export function FactorChart({ factors, title, f }: { factors: FactorScoreDto[]; title: string; f: DocumentFormat }) {
  const data = factors.map((row) => ({ name: f.t(`surveys.factors.${row.factor}`), score: row.score }));
  return (
    <ChartFigure
      title={title}
      testId="csi-factor-chart"
      chart={
        <BarChart
          width={WIDTH}
          height={HEIGHT}
          data={data}
          title={title}
          accessibilityLayer={false}
          margin={{ top: 18, right: 8, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} />
          <YAxis domain={SCALE} tick={{ fontSize: 11 }} width={40} />
          <Bar dataKey="score" fill={INK} isAnimationActive={false} label={{ ...LABEL, position: 'top' }} />
        </BarChart>
      }
      table={
        <table className="doc-lines csi-table" aria-label={title}>
          <thead className="doc-lines-head">
            <tr>
              <th>{f.t('csiReport.columns.factor')}</th>
              <th className="num">{f.t('csiReport.columns.score')}</th>
              <th className="num">{f.t('csiReport.columns.answers')}</th>
            </tr>
          </thead>
          <tbody>
            {factors.map((row) => (
              <tr key={row.factor}>
                <td>{f.t(`surveys.factors.${row.factor}`)}</td>
                <td className="num">{figure(f, row.score)}</td>
                <td className="num">{f.number(row.answers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function TrendChart({ trend, title, f }: { trend: CsiTrendPointDto[]; title: string; f: DocumentFormat }) {
  return (
    <ChartFigure
      title={title}
      testId="csi-trend-chart"
      chart={
        <LineChart width={WIDTH} height={HEIGHT} data={trend} title={title} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 10 }} />
          <YAxis domain={SCALE} tick={{ fontSize: 11 }} width={40} />
          <Line dataKey="csi" stroke={INK} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      }
      table={
        <table className="doc-lines csi-table csi-table-compact" aria-label={title}>
          <thead className="doc-lines-head">
            <tr>
              <th>{f.t('csiReport.columns.month')}</th>
              <th className="num">{f.t('csiReport.columns.responses')}</th>
              <th className="num">{f.t('csiReport.columns.csi')}</th>
              <th className="num">{f.t('csiReport.columns.nps')}</th>
              <th className="num">{f.t('csiReport.columns.dissatisfied')}</th>
            </tr>
          </thead>
          <tbody>
            {trend.map((point) => (
              <tr key={point.month}>
                <td>{point.month}</td>
                <td className="num">{f.number(point.responses)}</td>
                <td className="num">{figure(f, point.csi)}</td>
                <td className="num">{figure(f, point.nps)}</td>
                <td className="num">{f.number(point.dissatisfiedResponses)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** CSI per service advisor or technician: bars, and the table with surveys, NPS and dissatisfied ones. */
export function PeopleChart(props: { rows: CsiRowDto[]; title: string; who: 'advisor' | 'technician'; f: DocumentFormat }) {
  const { rows, title, who, f } = props;
  const data = rows.map((row) => ({ name: row.label, csi: row.csi }));
  return (
    <ChartFigure
      title={title}
      testId={`csi-${who}-chart`}
      chart={
        <BarChart
          width={WIDTH}
          height={Math.max(120, 40 + rows.length * 26)}
          data={data}
          layout="vertical"
          title={title}
          accessibilityLayer={false}
          margin={{ top: 5, right: 48, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={SCALE} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="name" tick={{ fontSize: 11 }} width={90} />
          <Bar dataKey="csi" fill={INK} isAnimationActive={false} label={{ ...LABEL, position: 'right' }} barSize={16} />
        </BarChart>
      }
      table={
        <table className="doc-lines csi-table" aria-label={title}>
          <thead className="doc-lines-head">
            <tr>
              <th>{f.t(`csiReport.columns.${who}`)}</th>
              <th className="num">{f.t('csiReport.columns.responses')}</th>
              <th className="num">{f.t('csiReport.columns.csi')}</th>
              <th className="num">{f.t('csiReport.columns.nps')}</th>
              <th className="num">{f.t('csiReport.columns.dissatisfied')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td>{row.label}</td>
                <td className="num">{f.number(row.responses)}</td>
                <td className="num">{figure(f, row.csi)}</td>
                <td className="num">{figure(f, row.nps)}</td>
                <td className="num">{f.number(row.dissatisfiedResponses)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
