import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { RevenueAmountsDto, RevenueDto, RevenueRowDto, RoPayer } from '../../../../shared/contract/reports/money';
import { changeRate } from '../../../../shared/domain/money-periods';
import { DataTable, type TableColumn } from '../../ui/DataTable';
import type { Drill } from './MoneyPeriod';
import type { MoneyFormat } from './money-format';

/** Opens the ROs behind a figure; `name` says which figure in the drill-down's title. Left out on paper. */
export type OnDrill = ((drill: Drill, name: string) => void) | undefined;

/** A figure: a button opening its ROs on the screen, plain text on paper. */
export function Figure(props: { text: string; drill: Drill; name: string; onDrill: OnDrill; t: TFunction; testId?: string }) {
  if (!props.onDrill) return <span data-testid={props.testId}>{props.text}</span>;
  const open = props.onDrill;
  return (
    <button
      type="button"
      className="link-button"
      title={props.t('money.drillHint')}
      data-testid={props.testId}
      onClick={() => open(props.drill, props.name)}
    >
      {props.text}
    </button>
  );
}

function amountColumns(
  t: TFunction,
  f: MoneyFormat,
  drillOf: (row: RevenueRowDto) => { drill: Drill; name: string },
  onDrill: OnDrill,
  withRate: boolean,
): TableColumn<RevenueRowDto>[] {
  return [
    { id: 'labor', header: t('money.columns.labor'), numeric: true, cell: (r) => f.money(r.laborFen) },
    ...(withRate
      ? []
      : [
          { id: 'parts', header: t('money.columns.parts'), numeric: true, cell: (r: RevenueRowDto) => f.money(r.partsFen) },
          { id: 'other', header: t('money.columns.other'), numeric: true, cell: (r: RevenueRowDto) => f.money(r.otherFen) },
        ]),
    {
      id: 'total',
      header: t('money.columns.total'),
      numeric: true,
      cell: (r) => {
        const { drill, name } = drillOf(r);
        return r.ros > 0 ? <Figure text={f.money(r.totalFen)} drill={drill} name={name} onDrill={onDrill} t={t} /> : f.money(0);
      },
    },
    { id: 'sold', header: t('money.columns.sold'), numeric: true, cell: (r) => f.hours(r.soldMilli) },
    ...(withRate
      ? [
          {
            id: 'rate',
            header: t('money.columns.rate'),
            numeric: true,
            cell: (r: RevenueRowDto) => f.rate(r.laborFen, r.soldMilli),
          },
        ]
      : []),
    { id: 'ros', header: t('money.columns.ros'), numeric: true, cell: (r) => f.count(r.ros) },
  ];
}

function Block(props: { title: string; children: ReactNode }) {
  return (
    <section className="money-block" aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** The period against the previous one and a year earlier: the three rows and the changes of the total. */
function Comparison({ dto, t, f, onDrill }: { dto: RevenueDto; t: TFunction; f: MoneyFormat; onDrill: OnDrill }) {
  type Row = { id: 'current' | 'previous' | 'yearAgo'; dates: string; a: RevenueAmountsDto };
  const rows: Row[] = [
    { id: 'current', dates: `${dto.period.from} ~ ${dto.period.to}`, a: dto.totals },
    { id: 'previous', dates: `${dto.previousPeriod.from} ~ ${dto.previousPeriod.to}`, a: dto.previous },
    { id: 'yearAgo', dates: `${dto.yearAgoPeriod.from} ~ ${dto.yearAgoPeriod.to}`, a: dto.yearAgo },
  ];
  const columns: TableColumn<Row>[] = [
    { id: 'period', header: t('money.compare.period'), cell: (r) => t(`money.compare.${r.id}`) },
    { id: 'dates', header: t('money.compare.dates'), cell: (r) => r.dates },
    { id: 'labor', header: t('money.columns.labor'), numeric: true, cell: (r) => f.money(r.a.laborFen) },
    { id: 'parts', header: t('money.columns.parts'), numeric: true, cell: (r) => f.money(r.a.partsFen) },
    { id: 'other', header: t('money.columns.other'), numeric: true, cell: (r) => f.money(r.a.otherFen) },
    {
      id: 'total',
      header: t('money.columns.total'),
      numeric: true,
      cell: (r) =>
        r.id === 'current' ? (
          <Figure
            text={f.money(r.a.totalFen)}
            drill={{ kind: 'all', key: '' }}
            name={t('money.drill.all')}
            onDrill={onDrill}
            t={t}
            testId="money-total"
          />
        ) : (
          f.money(r.a.totalFen)
        ),
    },
    { id: 'sold', header: t('money.columns.sold'), numeric: true, cell: (r) => f.hours(r.a.soldMilli) },
    { id: 'ros', header: t('money.columns.ros'), numeric: true, cell: (r) => f.count(r.a.ros) },
    {
      id: 'change',
      header: t('money.compare.change'),
      numeric: true,
      cell: (r) => (r.id === 'current' ? '' : f.change(changeRate(dto.totals.totalFen, r.a.totalFen))),
    },
  ];
  return (
    <Block title={t('money.compare.title')}>
      <DataTable caption={t('money.compare.caption')} columns={columns} rows={rows} rowKey={(r) => r.id} empty="" />
    </Block>
  );
}

/** Every table of the revenue report, on the screen (figures open their ROs) or on paper. */
export function RevenueTables({ dto, t, f, onDrill }: { dto: RevenueDto; t: TFunction; f: MoneyFormat; onDrill: OnDrill }) {
  const byDay = dto.seriesBy === 'day';
  const seriesName = (r: RevenueRowDto) => r.key;
  const payerName = (r: RevenueRowDto) => t(`money.payers.${r.key as RoPayer}`);
  const personName = (r: RevenueRowDto, none: string) => r.label || none;
  const table = (
    title: string,
    header: string,
    rows: RevenueRowDto[],
    name: (r: RevenueRowDto) => string,
    kind: Drill['kind'],
    withRate = false,
  ) => (
    <Block title={title}>
      <DataTable
        caption={title}
        columns={[
          {
            id: 'key',
            header,
            cell: (r) =>
              kind === 'payer' && r.key === 'internal' ? (
                <>
                  {name(r)} <span className="muted small">({t('money.internalApart')})</span>
                </>
              ) : (
                name(r)
              ),
          },
          ...amountColumns(t, f, (r) => ({ drill: { kind, key: r.key }, name: `${title}: ${name(r)}` }), onDrill, withRate),
        ]}
        rows={rows}
        rowKey={(r) => r.key}
        empty={t('money.empty')}
        rowProps={(r) => ({ 'data-testid': `money-${kind}-${r.key}`, className: r.key === 'internal' ? 'money-apart' : '' })}
      />
    </Block>
  );
  return (
    <div className="money-tables">
      <Comparison dto={dto} t={t} f={f} onDrill={onDrill} />
      {table(t('money.sections.byPayer'), t('money.columns.payer'), dto.byPayer, payerName, 'payer')}
      {table(
        t('money.sections.byAdvisor'),
        t('money.columns.advisor'),
        dto.byAdvisor,
        (r) => personName(r, t('money.none')),
        'advisor',
      )}
      {table(
        t('money.sections.byTechnician'),
        t('money.columns.technician'),
        dto.byTechnician,
        (r) => personName(r, t('money.noTechnician')),
        'technician',
        true,
      )}
      {table(
        byDay ? t('money.sections.byDay') : t('money.sections.byMonth'),
        byDay ? t('money.columns.day') : t('money.columns.month'),
        dto.series,
        seriesName,
        byDay ? 'day' : 'month',
      )}
    </div>
  );
}
