import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LANGUAGES, type Language } from '../i18n';

/** Documents print in Chinese unless the desk switches this one document to English (`?lang=en`). */
export function documentLanguage(raw: string | null): Language {
  return (LANGUAGES as readonly string[]).includes(raw ?? '') ? (raw as Language) : 'zh-CN';
}

/** The browser offers the page's title as the PDF's file name: the document's own while it is shown. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (!title) return undefined;
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
}

type PdfOutcome = { kind: 'saved'; path: string } | { kind: 'failed' } | null;

/**
 * Every print route's toolbar, which the printer never sees: Back, the document's language, Print, and Save as PDF
 * (the desktop's own file named `fileName`; the print dialog in a browser).
 */
export function PrintToolbar(props: {
  back: { to: string; label: string };
  fileName: string;
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
      const result = await window.baydesk.printToPdf(props.fileName);
      if (result.saved && result.path) setOutcome({ kind: 'saved', path: result.path });
    } catch {
      setOutcome({ kind: 'failed' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="print-toolbar" role="toolbar" aria-label={t('printing.toolbar.label')}>
      <Link className="button" to={props.back.to}>
        {props.back.label}
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
