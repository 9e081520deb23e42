import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DEFAULT_DEALER_NAME } from '../../../../shared/contract/settings';
import { orpc } from '../../api/client';
import { useLanguageLoaded } from '../../i18n';
import { documentFormat } from '../../printing/document-format';
import { documentLanguage, PrintToolbar, useDocumentTitle } from '../../printing/PrintToolbar';
import { ErrorBanner, Loading } from '../../ui/widgets';
import '../../printing/print.css';
import './money.css';
import { MarginTables } from './MarginTables';
import { MARGIN_DEFINITIONS, MoneyDefinitions, REVENUE_DEFINITIONS } from './MoneyPeriod';
import { RevenueTables } from './RevenueTables';
import { moneyFormat } from './money-format';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The print route of the money reports (print/reports/money?from&to): revenue and parts margin of the period with
 * their definitions, on A4, Chinese unless switched (?lang=en); a toolbar the printer never sees.
 */
export function MoneyPrintScreen() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const period = DAY.test(from) && DAY.test(to) ? { from, to } : { from: '', to: '' };
  const lng = documentLanguage(search.get('lang'));
  // The document's language may not be the screen's: its catalogue is loaded first.
  const lngLoaded = useLanguageLoaded(lng);
  const revenue = useQuery(orpc.reports.revenue.queryOptions({ input: period }));
  const margin = useQuery(orpc.reports.partsMargin.queryOptions({ input: period }));
  const dealer = useQuery(orpc.settings.dealer.queryOptions({ input: {} }));
  const ft = i18n.getFixedT(lng);
  const doc = documentFormat(lng, ft);
  const f = moneyFormat(ft, lng);
  useDocumentTitle(`${doc.t('money.docTitle')} ${from} ~ ${to}`);
  const pending = revenue.isPending || margin.isPending || dealer.isPending || !lngLoaded;
  return (
    <div className="print-page">
      {pending ? <Loading /> : null}
      <ErrorBanner error={revenue.error ?? margin.error ?? dealer.error} />
      {revenue.data && margin.data && dealer.data && lngLoaded ? (
        <>
          <PrintToolbar
            back={{ to: `/reports/revenue?p=custom&from=${from}&to=${to}`, label: t('money.backToReport') }}
            fileName={`money-${from}-${to}`}
            lng={lng}
            onLanguage={(next) => {
              const params: Record<string, string> = { from, to };
              if (next !== 'zh-CN') params.lang = next;
              setSearch(params, { replace: true });
            }}
          />
          <article className="print-doc money-document" lang={lng} data-testid="money-document">
            <header className="doc-letterhead">
              <div className="doc-dealer">
                <div className="doc-dealer-name">{dealer.data.name || DEFAULT_DEALER_NAME}</div>
              </div>
            </header>
            <h1>{doc.t('money.docTitle')}</h1>
            <p>
              {doc.t('money.period.showing', period)} ·{' '}
              {doc.t('money.printedAt', { at: doc.dateTime(new Date(revenue.dataUpdatedAt).toISOString()) })}
            </p>
            <MoneyDefinitions keys={[...new Set([...REVENUE_DEFINITIONS, ...MARGIN_DEFINITIONS])]} t={ft} />
            <h2>{doc.t('money.revenueTitle')}</h2>
            <RevenueTables dto={revenue.data} t={ft} f={f} onDrill={undefined} />
            <h2>{doc.t('money.marginTitle')}</h2>
            <MarginTables dto={margin.data} t={ft} f={f} onDrill={undefined} />
          </article>
        </>
      ) : null}
    </div>
  );
}
