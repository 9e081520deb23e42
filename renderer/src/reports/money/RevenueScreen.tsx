import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orpc } from '../../api/client';
import { ErrorBanner, Loading, Section } from '../../ui/widgets';
import '../reports.css';
import '../kpis/kpi.css';
import './money.css';
import { ReportsTabs } from '../ReportsTabs';
import { MoneyDefinitions, MoneyPeriodPicker, REVENUE_DEFINITIONS, useMoneyPeriod } from './MoneyPeriod';
import { MoneyRosGrid } from './MoneyRosGrid';
import { MoneyToolbar } from './MoneyToolbar';
import { RevenueTables } from './RevenueTables';
import { moneyFormat } from './money-format';

/**
 * 产值 for the manager (docs/domain.md "Money reports"): the period's revenue against the previous period and a year
 * earlier, by payer, advisor, technician and day (month); every figure opens the ROs behind it. Print and Excel.
 */
export function RevenueScreen() {
  const { t } = useTranslation();
  const state = useMoneyPeriod();
  const report = useQuery(orpc.reports.revenue.queryOptions({ input: state.period }));
  // The drill-down's title names the figure clicked; from a bookmarked URL it says the kind of row.
  const [drillName, setDrillName] = useState('');
  const f = moneyFormat(t);
  return (
    <div className="page money-report">
      <ReportsTabs />
      <Section page title={t('money.revenueTitle')}>
        <MoneyPeriodPicker state={state} />
        <MoneyToolbar period={state.period} ready={report.isSuccess} />
      </Section>
      <MoneyDefinitions keys={REVENUE_DEFINITIONS} t={t} />
      {report.isPending ? <Loading /> : null}
      <ErrorBanner error={report.error} />
      {state.drill ? (
        <MoneyRosGrid
          period={state.period}
          drill={state.drill}
          title={drillName || state.drill.key || t('money.drill.all')}
          onClose={() => state.setDrill(null)}
        />
      ) : null}
      {report.data ? (
        <RevenueTables
          dto={report.data}
          t={t}
          f={f}
          onDrill={(drill, name) => {
            setDrillName(name);
            state.setDrill(drill);
          }}
        />
      ) : null}
    </div>
  );
}
