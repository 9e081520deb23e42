import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import {
  FTF_DIMENSIONS,
  firstTimeFixInput,
  type FirstTimeFixInput,
  type FtfDimension,
  type FtfFigure,
  type FtfRowDto,
} from '../../../shared/contract/reports';
import { MAX_PAGE_SIZE } from '../../../shared/contract/paging';
import { addDays, wallClock } from '../../../shared/domain/desk-time';
import { contract } from '../../../shared/contract';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { DataTable } from '../ui/DataTable';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { formatDateTime, formatNumber } from '../ui/format';
import { EnumSelect, ErrorBanner, Field, Loading, Section } from '../ui/widgets';
import i18next from 'i18next';
import './reports.css';
import { ReportsTabs } from './ReportsTabs';
import { DateField } from '../ui/DateField';

type Period = z.output<typeof firstTimeFixInput>;

/** A rate as the desk shows it: one decimal of a per cent; '—' when there is nothing to divide by. */
function percent(value: number | null): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(i18next.language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    value,
  );
}

/** Thousandths of an hour as hours with one decimal. */
function hours(milli: number): string {
  return new Intl.NumberFormat(i18next.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(milli / 1000);
}

function PeriodForm({ value, onChange }: { value: Period; onChange: (period: Period) => void }) {
  const { t } = useTranslation();
  const form = useForm<FirstTimeFixInput, unknown, Period>({
    resolver: schemaResolver<FirstTimeFixInput, typeof firstTimeFixInput>(firstTimeFixInput, t),
    defaultValues: value,
  });
  const { submit, unplaced } = useFormSubmit(form, ['from', 'to', 'by'], async (values) => {
    onChange(values);
  });
  return (
    <form className="form-grid period-form" onSubmit={submit} noValidate aria-label={t('reports.workshop.period')}>
      <Field label={t('reports.workshop.from')} name="from" error={form.formState.errors.from}>
        <DateField {...form.register('from')} />
      </Field>
      <Field label={t('reports.workshop.to')} name="to" error={form.formState.errors.to}>
        <DateField {...form.register('to')} />
      </Field>
      <Field label={t('fields.by')} name="by" error={form.formState.errors.by}>
        <EnumSelect values={FTF_DIMENSIONS} catalogue="reports.workshop.dimensions" {...form.register('by')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('reports.workshop.show')} />
    </form>
  );
}

/** A line of the first-time fix table: one key of the dimension, or the totals (no key). */
interface FtfLine {
  row: Pick<FtfRowDto, 'jobs' | 'withComeback' | 'provisionalJobs' | 'ftfRate'>;
  key: string | undefined;
  label: string;
}

interface Drill {
  key?: string;
  label: string;
  figure: FtfFigure;
}

function DrillDown({ period, drill, onClose }: { period: Period; drill: Drill; onClose: () => void }) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(50);
  const query = useQuery(
    orpc.reports.drillDown.queryOptions({
      input: { ...period, ...(drill.key !== undefined ? { key: drill.key } : {}), figure: drill.figure, offset: 0, limit },
    }),
  );
  const what = `${drill.label} · ${t(`reports.workshop.drill.figures.${drill.figure}`)}`;
  return (
    <Section
      title={t('reports.workshop.drill.title', { what })}
      actions={
        <button type="button" onClick={onClose}>
          {t('reports.workshop.drill.close')}
        </button>
      }
    >
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      <DataTable
        caption={t('reports.workshop.drill.title', { what })}
        columns={[
          {
            id: 'ro',
            header: t('reports.workshop.drill.ro'),
            cell: (row) => <Link to={`/repair-orders/${row.repairOrderId}`}>{row.repairOrderNumber}</Link>,
            className: 'mono',
          },
          { id: 'delivered', header: t('reports.workshop.drill.delivered'), cell: (row) => formatDateTime(row.deliveredAt) },
          { id: 'plate', header: t('reports.workshop.drill.plate'), cell: (row) => row.plate, className: 'mono' },
          {
            id: 'job',
            header: t('reports.workshop.drill.job'),
            cell: (row) => (
              <>
                {row.concern} <span className="badge">{t(`catalog.groups.${row.concernGroup}`)}</span>
              </>
            ),
          },
          {
            id: 'technician',
            header: t('reports.workshop.drill.technician'),
            cell: (row) => row.technicianName ?? t('reports.workshop.none.technician'),
          },
          { id: 'advisor', header: t('reports.workshop.drill.advisor'), cell: (row) => row.advisorName },
          {
            id: 'comeback',
            header: t('reports.workshop.drill.comeback'),
            cell: (row) =>
              row.comeback ? (
                <>
                  <Link to={`/repair-orders/${row.comeback.repairOrderId}`}>{row.comeback.repairOrderNumber}</Link>{' '}
                  <span className="small muted">{t(`reports.comebacks.statuses.${row.comeback.status}`)}</span>
                </>
              ) : row.provisional ? (
                <span className="badge">{t('reports.workshop.drill.provisionalBadge')}</span>
              ) : null,
          },
        ]}
        rows={query.data?.rows}
        rowKey={(row) => row.jobId}
        empty={t('reports.workshop.drill.empty')}
      />
      {query.data?.hasMore && limit < MAX_PAGE_SIZE ? (
        <button type="button" onClick={() => setLimit(MAX_PAGE_SIZE)}>
          {t('reports.workshop.drill.more')}
        </button>
      ) : null}
    </Section>
  );
}

function rowLabel(t: (key: string) => string, by: FtfDimension, row: FtfRowDto): string {
  if (row.key === '') return t(`reports.workshop.none.${by}`);
  if (by === 'concernGroup') return t(`catalog.groups.${row.key}`);
  const name = i18next.language === 'en' ? row.labelEn : row.label;
  return by === 'operation' ? `${row.key} ${name}`.trim() : name;
}

function Figure({ count, onClick, label }: { count: number; onClick: () => void; label: string }) {
  if (count === 0) return <>{formatNumber(count)}</>;
  return (
    // The name starts with the figure shown, so that one who says what they see (voice control) reaches the button.
    <button type="button" className="link-button" onClick={onClick} aria-label={`${formatNumber(count)} ${label}`}>
      {formatNumber(count)}
    </button>
  );
}

function Efficiency({ period }: { period: Period }) {
  const { t } = useTranslation();
  const query = useQuery(orpc.reports.efficiency.queryOptions({ input: { from: period.from, to: period.to } }));
  return (
    <Section title={t('reports.workshop.efficiency.title')}>
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      <DataTable
        caption={t('reports.workshop.efficiency.title')}
        columns={[
          { id: 'technician', header: t('reports.workshop.efficiency.technician'), cell: (row) => row.technicianName },
          { id: 'sold', header: t('reports.workshop.efficiency.sold'), cell: (row) => hours(row.soldMilli), numeric: true },
          {
            id: 'clocked',
            header: t('reports.workshop.efficiency.clocked'),
            cell: (row) => hours(row.clockedMilli),
            numeric: true,
          },
          {
            id: 'attendance',
            header: t('reports.workshop.efficiency.attendance'),
            cell: (row) => hours(row.attendanceMilli),
            numeric: true,
          },
          {
            id: 'efficiency',
            header: t('reports.workshop.efficiency.efficiency'),
            cell: (row) => percent(row.efficiency),
            numeric: true,
          },
          {
            id: 'productivity',
            header: t('reports.workshop.efficiency.productivity'),
            cell: (row) => percent(row.productivity),
            numeric: true,
          },
          {
            id: 'proficiency',
            header: t('reports.workshop.efficiency.proficiency'),
            cell: (row) => percent(row.proficiency),
            numeric: true,
          },
        ]}
        rows={query.data}
        rowKey={(row) => row.technicianId}
        empty={t('reports.workshop.efficiency.empty')}
      />
      <ul className="formulas small muted">
        <li>{t('reports.workshop.efficiency.efficiencyFormula')}</li>
        <li>{t('reports.workshop.efficiency.productivityFormula')}</li>
        <li>{t('reports.workshop.efficiency.proficiencyFormula')}</li>
        <li>{t('reports.workshop.efficiency.soldNote')}</li>
      </ul>
    </Section>
  );
}

/** The last 30 desk days, by technician. */
function defaultPeriod(): Period {
  const today = wallClock(new Date()).day;
  return { from: addDays(today, -29), to: today, by: 'technician' };
}

/**
 * The foreman's workshop dashboard: first-time fix and comeback rate for a period, broken down by one dimension with
 * a drill-down to the ROs behind each figure, and the technicians' efficiency, productivity and proficiency.
 */
export function WorkshopDashboard() {
  const { t } = useTranslation();
  const user = useUser();
  const [period, setPeriod] = useState<Period>(defaultPeriod);
  const [drill, setDrill] = useState<Drill | null>(null);
  const query = useQuery(orpc.reports.firstTimeFix.queryOptions({ input: period }));
  const data = query.data;
  const show = (next: Period) => {
    setPeriod(next);
    setDrill(null);
  };
  const settled = data ? data.totals.jobs - data.totals.provisionalJobs : 0;
  const open = (line: FtfLine, figure: FtfFigure) =>
    setDrill({ ...(line.key !== undefined ? { key: line.key } : {}), label: line.label, figure });
  const figureLabel = (line: FtfLine, figure: FtfFigure) => `${line.label} · ${t(`reports.workshop.drill.figures.${figure}`)}`;
  return (
    <div className="page">
      <ReportsTabs />
      <Section
        page
        title={t('reports.workshop.title')}
        actions={
          canCall(user.role, contract.workshop.comebacks) ? (
            <Link className="button" to="/comebacks">
              {t('reports.comebacks.title')}
            </Link>
          ) : null
        }
      >
        <PeriodForm value={period} onChange={show} />
      </Section>
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      {data ? (
        <>
          <div className="kpi-cards">
            <section className="card kpi" aria-label={t('reports.workshop.ftf')}>
              <h2>{t('reports.workshop.ftf')}</h2>
              <div className="kpi-value" data-testid="ftf-rate">
                {percent(data.totals.ftfRate)}
              </div>
              <div className="small">{t('reports.workshop.jobsOf', { fixed: settled - data.totals.withComeback, settled })}</div>
              {data.totals.provisionalJobs > 0 ? (
                <div className="small provisional">
                  {t('reports.workshop.provisionalNote', {
                    count: data.totals.provisionalJobs,
                    days: data.window.days,
                    km: data.window.km,
                  })}
                </div>
              ) : null}
              <p className="small muted">{t('reports.workshop.ftfFormula')}</p>
            </section>
            <section className="card kpi" aria-label={t('reports.workshop.comebackRate')}>
              <h2>{t('reports.workshop.comebackRate')}</h2>
              <div className="kpi-value" data-testid="comeback-rate">
                {percent(data.comebackRate)}
              </div>
              <div className="small">{t('reports.workshop.rosOf', { comebacks: data.comebackRos, ros: data.deliveredRos })}</div>
              <p className="small muted">{t('reports.workshop.comebackRateFormula')}</p>
            </section>
          </div>
          <p className="small muted">{t('reports.workshop.window', { days: data.window.days, km: data.window.km })}</p>
          {data.rows.length === 0 ? (
            <p className="muted">{t('reports.workshop.noData')}</p>
          ) : (
            <DataTable
              caption={t(`reports.workshop.dimensions.${period.by}`)}
              className="ftf-table"
              columns={[
                { id: 'label', header: t(`reports.workshop.dimensions.${period.by}`), cell: (line) => line.label },
                {
                  id: 'jobs',
                  header: t('reports.workshop.columns.jobs'),
                  cell: (line) => (
                    <Figure count={line.row.jobs} onClick={() => open(line, 'jobs')} label={figureLabel(line, 'jobs')} />
                  ),
                },
                {
                  id: 'withComeback',
                  header: t('reports.workshop.columns.withComeback'),
                  cell: (line) => (
                    <Figure
                      count={line.row.withComeback}
                      onClick={() => open(line, 'withComeback')}
                      label={figureLabel(line, 'withComeback')}
                    />
                  ),
                },
                {
                  id: 'provisional',
                  header: t('reports.workshop.columns.provisional'),
                  cell: (line) => (
                    <Figure
                      count={line.row.provisionalJobs}
                      onClick={() => open(line, 'provisional')}
                      label={figureLabel(line, 'provisional')}
                    />
                  ),
                },
                {
                  id: 'ftfRate',
                  header: t('reports.workshop.columns.ftfRate'),
                  cell: (line) => (
                    <>
                      {percent(line.row.ftfRate)}
                      {line.row.provisionalJobs > 0 ? (
                        <span className="small provisional"> ({t('reports.workshop.notSettled')})</span>
                      ) : null}
                    </>
                  ),
                },
              ]}
              rows={[
                ...data.rows.map((row) => ({ row, key: row.key as string | undefined, label: rowLabel(t, period.by, row) })),
                { row: { ...data.totals }, key: undefined, label: t('reports.workshop.drill.all') },
              ]}
              rowKey={(line) => line.key ?? '\u0000all'}
              rowProps={(line) => (line.key === undefined ? { className: 'totals' } : {})}
              empty={t('reports.workshop.noData')}
            />
          )}
          {drill ? <DrillDown period={period} drill={drill} onClose={() => setDrill(null)} /> : null}
        </>
      ) : null}
      <Efficiency period={period} />
    </div>
  );
}
