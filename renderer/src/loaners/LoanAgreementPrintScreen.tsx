import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { orpc } from '../api/client';
import { useLanguageLoaded } from '../i18n';
import { documentFormat } from '../printing/document-format';
import { documentLanguage, PrintToolbar, useDocumentTitle } from '../printing/PrintToolbar';
import { ErrorBanner, Loading } from '../ui/widgets';
import { LoanAgreementDocument } from './LoanAgreementDocument';
import '../printing/print.css';

/** Print route of a loan agreement (print/loans/:id/agreement), made as the RO's documents are (PrintPreviewScreen). */
export function LoanAgreementPrintScreen() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const [search, setSearch] = useSearchParams();
  const lng = documentLanguage(search.get('lang'));
  const lngLoaded = useLanguageLoaded(lng);
  const loan = useQuery(orpc.loaners.loan.queryOptions({ input: { id } }));
  const roId = loan.data?.repairOrder.id ?? 0;
  const ro = useQuery({ ...orpc.repairOrders.get.queryOptions({ input: { id: roId } }), enabled: roId > 0 });
  const dealer = useQuery(orpc.settings.dealer.queryOptions({ input: {} }));
  const f = documentFormat(lng, i18n.getFixedT(lng));
  const title = f.t('loaners.doc.title');
  useDocumentTitle(loan.data ? `${loan.data.car.plate} ${title}` : null);
  const error = loan.error ?? ro.error ?? dealer.error;
  const ready = lngLoaded && loan.data && ro.data && dealer.data;
  return (
    <div className="print-page">
      {!ready && !error ? <Loading /> : null}
      {error ? <h1>{title}</h1> : null}
      <ErrorBanner error={error} />
      {ready ? (
        <>
          <PrintToolbar
            back={{ to: `/repair-orders/${ro.data.id}`, label: t('printing.toolbar.back') }}
            fileName={`${ro.data.number}-loan-${loan.data.car.plate}`}
            lng={lng}
            onLanguage={(next) => setSearch(next === 'zh-CN' ? {} : { lang: next }, { replace: true })}
          />
          <LoanAgreementDocument loan={loan.data} ro={ro.data} dealer={dealer.data} f={f} />
        </>
      ) : null}
    </div>
  );
}
