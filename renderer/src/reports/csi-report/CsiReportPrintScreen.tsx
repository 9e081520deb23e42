import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { DEFAULT_DEALER_NAME } from '../../../../shared/contract/settings';
import { orpc } from '../../api/client';
import { LANGUAGES, type Language } from '../../i18n';
import { documentFormat } from '../../printing/document-format';
import { ErrorBanner, Loading } from '../../ui/widgets';
import { CsiReportDocument } from './CsiReportDocument';

/** Documents print in Chinese unless the desk switches this one to English (`?lang=en`). */
function documentLanguage(raw: string | null): Language {
  return (LANGUAGES as readonly string[]).includes(raw ?? '') ? (raw as Language) : 'zh-CN';
}

type PdfOutcome = { kind: 'saved'; path: string } | { kind: 'failed' } | null;

/** Back, the document's language, Print, Save as PDF (the desktop's own file; the print dialog in a browser). */
function Toolbar(props: { month: string; lng: Language; onLanguage: (lng: Language) => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<PdfOutcome>(null);
  const [saving, setSaving] = useState(false);
  const desktop = window.baydesk?.shell === 'electron';
  const savePdf = async () => {
    if (!window.baydesk) {
      window.print();
      return;
    }
    setSaving(true);
    setOutcome(null);
    try {
      const result = await window.baydesk.printToPdf(`csi-${props.month}`);
      if (result.saved && result.path) setOutcome({ kind: 'saved', path: result.path });
    } catch {
      setOutcome({ kind: 'failed' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="print-toolbar" role="toolbar" aria-label={t('printing.toolbar.label')}>
      <Link className="button" to={`/reports/csi?month=${props.month}`}>
        {t('csiReport.backToReport')}
      </Link>
      <label className="print-language">
        <span>{t('printing.toolbar.language')}</span>
        <select value={props.lng} onChange={(event) => props.onLanguage(documentLanguage(event.target.value))}>
          {LANGUAGES.map((lng) => (
            <option key={lng} value={lng}>
              {t(`printing.toolbar.languages.${lng}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="primary" onClick={() => window.print()}>
        {t('printing.toolbar.print')}
      </button>
      <button type="button" disabled={saving} onClick={() => void savePdf()}>
        {t('printing.toolbar.savePdf')}
      </button>
      {desktop ? null : <span className="muted small">{t('printing.toolbar.browserPdfHint')}</span>}
      {outcome?.kind === 'saved' ? (
        <span role="status">{t('printing.toolbar.pdfSaved', { path: outcome.path })}</span>
      ) : outcome?.kind === 'failed' ? (
        <span className="field-error" role="alert">
          {t('printing.toolbar.pdfFailed')}
        </span>
      ) : null}
    </div>
  );
}

/**
 * The print route of the monthly CSI report (print/reports/csi/:month): the document alone on A4 pages, Chinese by
 * default, with a toolbar the printer never sees. The shell turns the page into a PDF.
 */
export function CsiReportPrintScreen() {
  const { i18n } = useTranslation();
  const month = useParams().month ?? '';
  const [search, setSearch] = useSearchParams();
  const lng = documentLanguage(search.get('lang'));
  const report = useQuery(orpc.reports.monthlyCsi.queryOptions({ input: { month } }));
  const dealer = useQuery(orpc.settings.dealer.queryOptions({ input: {} }));
  const f = documentFormat(lng, i18n.getFixedT(lng));
  const title = `${f.t('csiReport.docTitle')} ${month}`;

  // The browser offers the page's title as the PDF's file name.
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  return (
    <div className="print-page">
      {report.isPending || dealer.isPending ? <Loading /> : null}
      <ErrorBanner error={report.error ?? dealer.error} />
      {report.data && dealer.data ? (
        <>
          <Toolbar month={month} lng={lng} onLanguage={(next) => setSearch(next === 'zh-CN' ? {} : { lang: next }, { replace: true })} />
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
