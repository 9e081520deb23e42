import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import {
  KPI_DRILL_KEYS,
  kpisInput,
  type KpiDrillKey,
  type KpiFigureDto,
  type KpisDto,
  type KpisInput,
} from '../../../../shared/contract/reports/kpis';
import { addDays, wallClock } from '../../../../shared/domain/desk-time';
import { monthDays, shiftMonth } from '../../../../shared/domain/kpi-months';
import { orpc } from '../../api/client';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { formatDateTime } from '../../ui/format';
import { useUrlParams } from '../../ui/use-url-params';
import { ErrorBanner, Field, Loading, Section } from '../../ui/widgets';
import '../reports.css';
import './kpi.css';
import { KpiTrends } from './KpiCharts';
import { KpiDrillDown } from './KpiDrillDown';
import { formatKpi, formatPart } from './kpi-format';
import { ReportsTabs } from '../ReportsTabs';
import { LastBackupLine } from '../../backups/LastBackupLine';
import { DateField } from '../../ui/DateField';

type Period = z.output<typeof kpisInput>;
const PRESETS = ['this', 'last', 'custom'] as const;
type Preset = (typeof PRESETS)[number];

/** The figures the workshop dashboard breaks down (its own drill-down). */
const WORKSHOP_FIGURES = new Set(['firstTimeFix', 'comebackRate', 'laborEfficiency']);

function isDrillKey(key: string | null): key is KpiDrillKey {
  return key !== null && (KPI_DRILL_KEYS as readonly string[]).includes(key);
}

function dayCount(period: Period): number {
  return Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
}

/** The period shown and the one it is compared with: the month before for a month, as many days just before otherwise. */
function periods(preset: Preset, custom: Period | null): { period: Period; previous: Period } {
  const month = wallClock(new Date()).day.slice(0, 7);
  if (preset === 'custom' && custom) {
    const prevTo = addDays(custom.from, -1);
    return { period: custom, previous: { from: addDays(prevTo, -(dayCount(custom) - 1)), to: prevTo } };
  }
  const shown = preset === 'last' ? shiftMonth(month, -1) : month;
  return { period: monthDays(shown), previous: monthDays(shiftMonth(shown, -1)) };
}

function CustomPeriod({ value, onChange }: { value: Period; onChange: (period: Period) => void }) {
  const { t } = useTranslation();
  const form = useForm<KpisInput, unknown, Period>({
    resolver: schemaResolver<KpisInput, typeof kpisInput>(kpisInput, t),
    defaultValues: value,
  });
  const { submit, unplaced } = useFormSubmit(form, ['from', 'to'], async (values) => onChange(values));
  return (
    <form className="form-grid period-form" onSubmit={submit} noValidate aria-label={t('kpis.period.custom')}>
      <Field label={t('kpis.period.from')} name="from" error={form.formState.errors.from}>
        <DateField {...form.register('from')} />
      </Field>
      <Field label={t('kpis.period.to')} name="to" error={form.formState.errors.to}>
        <DateField {...form.register('to')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('kpis.period.show')} />
    </form>
  );
}

function Tile(props: {
  figure: KpiFigureDto;
  previous: KpiFigureDto | undefined;
  dto: KpisDto;
  onDrill: (key: KpiDrillKey) => void;
}) {
  const { t } = useTranslation();
  const { figure, previous, dto } = props;
  const name = t(`kpis.names.${figure.key}`);
  const value = formatKpi(t, figure.unit, figure.value);
  const trend =
    previous && previous.value !== null && figure.value !== null && previous.value !== figure.value
      ? figure.value > previous.value
        ? 'up'
        : 'down'
      : null;
  const drill = isDrillKey(figure.key) ? figure.key : null;
  return (
    <section className="card kpi kpi-tile" aria-label={name} data-testid={`kpi-${figure.key}`}>
      <h2>{name}</h2>
      {drill ? (
        <button type="button" className="link-button kpi-value" onClick={() => props.onDrill(drill)} title={t('kpis.drillHint')}>
          {value}
        </button>
      ) : (
        <div className="kpi-value">{value}</div>
      )}
      {figure.numerator !== null && figure.denominator !== null ? (
        <div className="small kpi-parts" data-testid={`kpi-${figure.key}-parts`}>
          {formatPart(t, figure.key, 'numerator', figure.numerator)} /{' '}
          {formatPart(t, figure.key, 'denominator', figure.denominator)}
        </div>
      ) : figure.denominator !== null ? (
        <div className="small kpi-parts" data-testid={`kpi-${figure.key}-parts`}>
          n = {formatPart(t, figure.key, 'denominator', figure.denominator)}
        </div>
      ) : null}
      {previous ? (
        <div className={`small kpi-previous${trend ? ` kpi-${trend}` : ''}`}>
          {trend ? <span aria-label={t(`kpis.${trend}`)}>{trend === 'up' ? '▲ ' : '▼ '}</span> : null}
          {t('kpis.previous', { value: formatKpi(t, previous.unit, previous.value) })}
        </div>
      ) : null}
      <p className="small muted">
        {t(`kpis.formulas.${figure.key}`, {
          month: dto.lapsedMonth,
          baseMonth: shiftMonth(dto.lapsedMonth, -6),
          asOf: formatDateTime(dto.asOf),
        })}
      </p>
      {figure.key === 'firstTimeFix' && dto.provisionalJobs > 0 ? (
        <p className="small provisional">{t('kpis.provisional', { count: dto.provisionalJobs })}</p>
      ) : null}
      {figure.key === 'closureRate' && dto.openUnderTwoWeeks > 0 ? (
        <p className="small muted">{t('kpis.openUnderTwoWeeks', { count: dto.openUnderTwoWeeks })}</p>
      ) : null}
      {WORKSHOP_FIGURES.has(figure.key) ? (
        <Link className="small" to="/reports/workshop">
          {t('kpis.workshopLink')}
        </Link>
      ) : null}
    </section>
  );
}

/**
 * The manager's KPI dashboard: a tile per figure of docs/domain.md "KPIs" with its numerator and denominator and the
 * previous period's value, the 12-month trends, and the ROs (surveys, complaints) behind a figure.
 */
export function KpiDashboard() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlParams();
  const preset: Preset = (PRESETS as readonly string[]).includes(params.get('p') ?? '') ? (params.get('p') as Preset) : 'this';
  const customFrom = params.get('from');
  const customTo = params.get('to');
  const custom = preset === 'custom' && customFrom && customTo ? { from: customFrom, to: customTo } : null;
  const { period, previous } = periods(preset, custom);
  const drill = params.get('kpi');

  const current = useQuery(orpc.reports.kpis.queryOptions({ input: period }));
  const before = useQuery(orpc.reports.kpis.queryOptions({ input: previous }));
  const trend = useQuery(orpc.reports.kpiTrend.queryOptions({ input: { to: period.to.slice(0, 7), months: 12 } }));

  const choose = (next: Preset) =>
    setParams({ p: next, kpi: undefined, ...(next !== 'custom' ? { from: undefined, to: undefined } : {}) });
  const dto = current.data;
  return (
    <div className="page kpi-dashboard">
      <ReportsTabs />
      <LastBackupLine link />
      <Section page title={t('kpis.title')}>
        <div className="kpi-presets" role="group" aria-label={t('kpis.period.label')}>
          {PRESETS.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={preset === p}
              className={preset === p ? 'primary' : undefined}
              onClick={() => choose(p)}
            >
              {t(`kpis.period.${p}`)}
            </button>
          ))}
        </div>
        {preset === 'custom' ? (
          <CustomPeriod
            value={custom ?? period}
            onChange={(next) => setParams({ p: 'custom', from: next.from, to: next.to, kpi: undefined })}
          />
        ) : null}
        <p className="small muted" data-testid="kpi-period">
          {t('kpis.period.showing', { from: period.from, to: period.to, prevFrom: previous.from, prevTo: previous.to })}
        </p>
        <p className="small muted" data-testid="csi-convention">
          {t('surveys.convention')}
        </p>
      </Section>
      {current.isPending ? <Loading /> : null}
      <ErrorBanner error={current.error} />
      {dto ? (
        <div className="kpi-tiles">
          {dto.figures.map((figure) => (
            <Tile
              key={figure.key}
              figure={figure}
              previous={before.data?.figures.find((f) => f.key === figure.key)}
              dto={dto}
              onDrill={(key) => setParams({ kpi: key })}
            />
          ))}
        </div>
      ) : null}
      {isDrillKey(drill) ? <KpiDrillDown kpi={drill} period={period} onClose={() => setParams({ kpi: undefined })} /> : null}
      <Section title={t('kpis.trend.title')}>
        {trend.isPending ? <Loading /> : null}
        <ErrorBanner error={trend.error} />
        {trend.data ? <KpiTrends series={trend.data.series} /> : null}
      </Section>
    </div>
  );
}
