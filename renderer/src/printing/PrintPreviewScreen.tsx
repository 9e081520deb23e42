import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { contract } from '../../../shared/contract';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { LANGUAGES, type Language } from '../i18n';
import { ErrorBanner, Loading } from '../ui/widgets';
import { documentFormat } from './document-format';
import { estimateAuthorisation } from './estimate-authorisation';
import { CertificateDocument } from './CertificateDocument';
import { EstimateDocument } from './EstimateDocument';
import { SettlementDocument } from './SettlementDocument';
import { WorkOrderDocument } from './WorkOrderDocument';
import './print.css';

export type PrintDocumentKind = 'work-order' | 'estimate' | 'settlement' | 'certificate';

/** Documents print in Chinese unless the desk switches this one document to English (`?lang=en`). */
function documentLanguage(raw: string | null): Language {
  return (LANGUAGES as readonly string[]).includes(raw ?? '') ? (raw as Language) : 'zh-CN';
}

type PdfOutcome = { kind: 'saved'; path: string } | { kind: 'failed' } | null;

/** Print, Save as PDF (the desktop's own file; the print dialog in a browser), the document's language, and Back. */
function PrintToolbar(props: {
  ro: RepairOrderDetail;
  kind: PrintDocumentKind;
  lng: Language;
  onLanguage: (lng: Language) => void;
}) {
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
      const result = await window.baydesk.printToPdf(`${props.ro.number}-${props.kind}`);
      if (result.saved && result.path) setOutcome({ kind: 'saved', path: result.path });
    } catch {
      setOutcome({ kind: 'failed' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="print-toolbar" role="toolbar" aria-label={t('printing.toolbar.label')}>
      <Link className="button" to={`/repair-orders/${props.ro.id}`}>
        {t('printing.toolbar.back')}
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
 * A print route: the document alone on an A4 page (no navigation around it), with a toolbar that the printer never
 * sees. The shell turns this page into a PDF (Electron's printToPDF; Chromium's print dialog in a browser). The
 * estimate carries the customer's recorded answers, once there are any.
 */
export function PrintPreviewScreen({ kind }: { kind: PrintDocumentKind }) {
  const { i18n } = useTranslation();
  const user = useUser();
  const id = Number(useParams().id);
  const [search, setSearch] = useSearchParams();
  const lng = documentLanguage(search.get('lang'));
  const ro = useQuery(orpc.repairOrders.get.queryOptions({ input: { id } }));
  const dealer = useQuery(orpc.settings.dealer.queryOptions({ input: {} }));
  const recorded = useQuery({
    ...orpc.repairOrders.authorisations.queryOptions({ input: { id } }),
    enabled: kind === 'estimate' && canCall(user.role, contract.repairOrders.authorisations),
  });
  const settlement = useQuery({ ...orpc.repairOrders.settlement.queryOptions({ input: { id } }), enabled: kind === 'settlement' });
  const certificate = useQuery({ ...orpc.workshop.certificate.queryOptions({ input: { repairOrderId: id } }), enabled: kind === 'certificate' });
  const authorisation = recorded.data ? estimateAuthorisation(recorded.data) : undefined;
  const f = documentFormat(lng, i18n.getFixedT(lng));
  const title =
    kind === 'work-order'
      ? f.t('printing.doc.workOrderTitle')
      : kind === 'settlement'
        ? f.t('settlement.doc.title')
        : kind === 'certificate'
          ? f.t('quality.doc.title')
        : f.t('printing.doc.estimateTitle');

  // The browser offers the page's title as the PDF's file name.
  const number = ro.data?.number;
  useEffect(() => {
    if (!number) return undefined;
    const before = document.title;
    document.title = `${number} ${title}`;
    return () => {
      document.title = before;
    };
  }, [number, title]);

  return (
    <div className="print-page">
      {ro.isPending || dealer.isPending || recorded.isLoading || settlement.isLoading || certificate.isLoading ? <Loading /> : null}
      <ErrorBanner error={ro.error ?? dealer.error ?? recorded.error ?? settlement.error ?? certificate.error} />
      {ro.data && dealer.data && !recorded.isLoading && !settlement.isLoading && !certificate.isLoading ? (
        <>
          <PrintToolbar
            ro={ro.data}
            kind={kind}
            lng={lng}
            onLanguage={(next) => setSearch(next === 'zh-CN' ? {} : { lang: next }, { replace: true })}
          />
          {kind === 'work-order' ? (
            <WorkOrderDocument ro={ro.data} dealer={dealer.data} f={f} />
          ) : kind === 'certificate' ? (
            certificate.isSuccess ? <CertificateDocument ro={ro.data} certificate={certificate.data} dealer={dealer.data} f={f} /> : null
          ) : kind === 'settlement' ? (
            settlement.data ? <SettlementDocument ro={ro.data} settlement={settlement.data} dealer={dealer.data} f={f} /> : null
          ) : (
            <EstimateDocument ro={ro.data} dealer={dealer.data} f={f} {...(authorisation ? { authorisation } : {})} />
          )}
        </>
      ) : null}
    </div>
  );
}
