import type { TFunction } from 'i18next';
import type { MarginGroupDto, PartsMarginDto } from '../../../../shared/contract/reports/money';
import { DataTable, type TableColumn } from '../../ui/DataTable';
import { Figure, type OnDrill } from './RevenueTables';
import type { MoneyFormat } from './money-format';

/** The parts gross margin of the period, in total and by part group, on the screen (figures open their ROs) or on paper. */
export function MarginTables({ dto, t, f, onDrill }: { dto: PartsMarginDto; t: TFunction; f: MoneyFormat; onDrill: OnDrill }) {
  const groupName = (g: MarginGroupDto) => g.key || t('money.noGroup');
  const columns = (total: boolean): TableColumn<MarginGroupDto>[] => [
    { id: 'group', header: t('money.columns.group'), cell: (g) => (total ? t('money.sections.marginTotal') : groupName(g)) },
    { id: 'sales', header: t('money.columns.sales'), numeric: true, cell: (g) => f.money(g.salesFen) },
    { id: 'cost', header: t('money.columns.cost'), numeric: true, cell: (g) => f.money(g.costFen) },
    {
      id: 'margin',
      header: t('money.columns.margin'),
      numeric: true,
      cell: (g) =>
        g.lines + g.uncostedLines > 0 ? (
          <Figure
            text={f.money(g.marginFen)}
            drill={total ? { kind: 'all', key: '' } : { kind: 'group', key: g.key }}
            name={total ? t('money.drill.all') : `${t('money.sections.byGroup')}: ${groupName(g)}`}
            onDrill={onDrill}
            t={t}
            testId={total ? 'margin-total' : undefined}
          />
        ) : (
          f.money(g.marginFen)
        ),
    },
    { id: 'rate', header: t('money.columns.marginRate'), numeric: true, cell: (g) => f.percent(g.marginRate) },
    { id: 'lines', header: t('money.columns.lines'), numeric: true, cell: (g) => f.count(g.lines) },
    { id: 'uncosted', header: t('money.columns.uncosted'), numeric: true, cell: (g) => f.money(g.uncostedSalesFen) },
  ];
  const totals: MarginGroupDto = { key: '', ...dto.totals };
  return (
    <div className="money-tables">
      <section className="money-block" aria-label={t('money.sections.marginTotal')}>
        <h2>{t('money.sections.marginTotal')}</h2>
        <DataTable
          caption={t('money.sections.marginTotal')}
          columns={columns(true)}
          rows={[totals]}
          rowKey={() => 'total'}
          empty=""
        />
        {dto.totals.uncostedLines > 0 ? (
          <p className="small muted">
            {t('money.uncostedNote', { count: dto.totals.uncostedLines, amount: f.money(dto.totals.uncostedSalesFen) })}
          </p>
        ) : null}
      </section>
      <section className="money-block" aria-label={t('money.sections.byGroup')}>
        <h2>{t('money.sections.byGroup')}</h2>
        <DataTable
          caption={t('money.sections.byGroup')}
          columns={columns(false)}
          rows={dto.byGroup}
          rowKey={(g) => g.key}
          empty={t('money.empty')}
          rowProps={(g) => ({ 'data-testid': `margin-group-${g.key}` })}
        />
      </section>
    </div>
  );
}
