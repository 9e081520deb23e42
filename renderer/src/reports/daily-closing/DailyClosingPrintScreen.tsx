import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { DEFAULT_DEALER_NAME } from '../../../../shared/contract/settings';
import { orpc } from '../../api/client';
import { useLanguageLoaded } from '../../i18n';
import { documentFormat } from '../../printing/document-format';
import { documentLanguage, PrintToolbar, useDocumentTitle } from '../../printing/PrintToolbar';
import { ErrorBanner, Loading } from '../../ui/widgets';
import { DailyClosingDocument } from './DailyClosingDocument';

/**
 * The print route of the daily closing (print/reports/daily-closing/:day): the sheet alone on A4, Chinese by default,
 * with the cashier's and the manager's signature lines, and a toolbar the printer never sees.
 */
export function DailyClosingPrintScreen() {
  const { t, i18n } = useTranslation();
  const day = useParams().day ?? '';
  const [search, setSearch] = useSearchParams();
  const lng = documentLanguage(search.get('lang'));
  // A sheet printed in the language the desk does not show waits for that catalogue.
  const lngLoaded = useLanguageLoaded(lng);
  const report = useQuery(orpc.reports.dailyClosing.queryOptions({ input: { day } }));
  const dealer = useQuery(orpc.settings.dealer.queryOptions({ input: {} }));
  const f = documentFormat(lng, i18n.getFixedT(lng));
  useDocumentTitle(`${f.t('dailyClosing.docTitle')} ${day}`);

  return (
    <div className="print-page">
      {!lngLoaded || report.isPending || dealer.isPending ? <Loading /> : null}
      <ErrorBanner error={report.error ?? dealer.error} />
      {lngLoaded && report.data && dealer.data ? (
        <>
          <PrintToolbar
            back={{ to: `/reports/daily-closing?day=${day}`, label: t('dailyClosing.backToReport') }}
            fileName={`daily-closing-${day}`}
            lng={lng}
            onLanguage={(next) => setSearch(next === 'zh-CN' ? {} : { lang: next }, { replace: true })}
          />
          <DailyClosingDocument
            report={report.data}
            dealerName={dealer.data.name || DEFAULT_DEALER_NAME}
            printedAt={new Date(report.dataUpdatedAt).toISOString()}
            f={f}
          />
        </>
      ) : null}
    </div>
  );
}
