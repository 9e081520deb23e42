import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orpc } from '../../api/client';
import { ErrorBanner, Loading, Section } from '../../ui/widgets';
import '../reports.css';
import '../kpis/kpi.css';
import './money.css';
import { ReportsTabs } from '../ReportsTabs';
import { MarginTables } from './MarginTables';
import { MARGIN_DEFINITIONS, MoneyDefinitions, MoneyPeriodPicker, useMoneyPeriod } from './MoneyPeriod';
import { MoneyRosGrid } from './MoneyRosGrid';
import { MoneyToolbar } from './MoneyToolbar';
import { moneyFormat } from './money-format';

/**
 * Parts gross margin for the manager: issue price against the cost the ledger took out at issue, in total and by part
 * group; the ROs of the period (or of a group) with their parts cost and margin below. Print and Excel.
 */
export function PartsMarginScreen() {
  const { t } = useTranslation();
  const state = useMoneyPeriod();
  const report = useQuery(orpc.reports.partsMargin.queryOptions({ input: state.period }));
  const [drillName, setDrillName] = useState('');
  const f = moneyFormat(t);
  const drill = state.drill ?? { kind: 'all' as const, key: '' };
  return (
    <div className="page money-report">
      <ReportsTabs />
      <Section page title={t('money.marginTitle')}>
        <MoneyPeriodPicker state={state} />
        <MoneyToolbar period={state.period} ready={report.isSuccess} />
      </Section>
      <MoneyDefinitions keys={MARGIN_DEFINITIONS} t={t} />
      {report.isPending ? <Loading /> : null}
      <ErrorBanner error={report.error} />
      {report.data ? (
        <MarginTables
          dto={report.data}
          t={t}
          f={f}
          onDrill={(next, name) => {
            setDrillName(name);
            state.setDrill(next);
          }}
        />
      ) : null}
      <MoneyRosGrid
        period={state.period}
        drill={drill}
        title={
          state.drill
            ? drillName || state.drill.key || t('money.noGroup')
            : `${t('money.sections.byRo')} · ${t('money.drill.all')}`
        }
        {...(state.drill ? { onClose: () => state.setDrill(null) } : {})}
      />
    </div>
  );
}
