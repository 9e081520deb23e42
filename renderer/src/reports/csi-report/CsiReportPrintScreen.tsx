import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { DEFAULT_DEALER_NAME } from '../../../../shared/contract/settings';
import { orpc } from '../../api/client';
import { documentFormat } from '../../printing/document-format';
import { useLanguageLoaded } from '../../i18n';
import { documentLanguage, PrintToolbar, useDocumentTitle } from '../../printing/PrintToolbar';
import { ErrorBanner, Loading } from '../../ui/widgets';
import { CsiReportDocument } from './CsiReportDocument';

/**
 * The print route of the monthly CSI report (print/reports/csi/:month): the document alone on A4 pages, Chinese by
 * default, with a toolbar the printer never sees. The shell turns the page into a PDF.
 */
export function CsiReportPrintScreen() {
  const { t, i18n } = useTranslation();
  const month = useParams().month ?? '';
  const [search, setSearch] = useSearchParams();
  const lng = documentLanguage(search.get('lang'));
  // A report printed in the language the desk does not show waits for that catalogue.
  const lngLoaded = useLanguageLoaded(lng);
  const report = useQuery(orpc.reports.monthlyCsi.queryOptions({ input: { month } }));
  const dealer = useQuery(orpc.settings.dealer.queryOptions({ input: {} }));
  const f = documentFormat(lng, i18n.getFixedT(lng));
  const title = `${f.t('csiReport.docTitle')} ${month}`;

  useDocumentTitle(title);

  return (
    <div className="print-page">
      {!lngLoaded || report.isPending || dealer.isPending ? <Loading /> : null}
      <ErrorBanner error={report.error ?? dealer.error} />
      {lngLoaded && report.data && dealer.data ? (
        <>
          <PrintToolbar
            back={{ to: `/reports/csi?month=${month}`, label: t('csiReport.backToReport') }}
            fileName={`csi-${month}`}
            lng={lng}
            onLanguage={(next) => setSearch(next === 'zh-CN' ? {} : { lang: next }, { replace: true })}
          />
          <CsiReportDocument
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
