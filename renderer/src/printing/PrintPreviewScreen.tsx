import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { contract } from '../../../shared/contract';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { useLanguageLoaded } from '../i18n';
import { ErrorBanner, Loading } from '../ui/widgets';
import { documentFormat } from './document-format';
import { estimateAuthorisation } from './estimate-authorisation';
import { CertificateDocument } from './CertificateDocument';
import { EstimateDocument } from './EstimateDocument';
import { SettlementDocument } from './SettlementDocument';
import { WorkOrderDocument } from './WorkOrderDocument';
import { documentLanguage, PrintToolbar, useDocumentTitle } from './PrintToolbar';
import './print.css';

export type PrintDocumentKind = 'work-order' | 'estimate' | 'settlement' | 'certificate';

/**
 * A print route: the document alone on an A4 page (no navigation around it), with a toolbar that the printer never
 * sees. The shell turns this page into a PDF (Electron's printToPDF; Chromium's print dialog in a browser). The
 * estimate carries the customer's recorded answers, once there are any.
 */
export function PrintPreviewScreen({ kind }: { kind: PrintDocumentKind }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const id = Number(useParams().id);
  const [search, setSearch] = useSearchParams();
  const lng = documentLanguage(search.get('lang'));
  // A document printed in the language the desk does not show waits for that catalogue.
  const lngLoaded = useLanguageLoaded(lng);
  const ro = useQuery(orpc.repairOrders.get.queryOptions({ input: { id } }));
  const dealer = useQuery(orpc.settings.dealer.queryOptions({ input: {} }));
  const recorded = useQuery({
    ...orpc.repairOrders.authorisations.queryOptions({ input: { id } }),
    enabled: kind === 'estimate' && canCall(user.role, contract.repairOrders.authorisations),
  });
  const settlement = useQuery({
    ...orpc.repairOrders.settlement.queryOptions({ input: { id } }),
    enabled: kind === 'settlement',
  });
  const checkIn = useQuery({
    ...orpc.repairOrders.getCheckIn.queryOptions({ input: { id } }),
    enabled: kind === 'work-order' && canCall(user.role, contract.repairOrders.getCheckIn),
  });
  const certificate = useQuery({
    ...orpc.workshop.certificate.queryOptions({ input: { repairOrderId: id } }),
    enabled: kind === 'certificate',
  });
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

  const error = ro.error ?? dealer.error ?? recorded.error ?? settlement.error ?? checkIn.error ?? certificate.error;
  const number = ro.data?.number;
  useDocumentTitle(number ? `${number} ${title}` : null);

  return (
    <div className="print-page">
      {!lngLoaded ||
      ro.isPending ||
      dealer.isPending ||
      recorded.isLoading ||
      settlement.isLoading ||
      checkIn.isLoading ||
      certificate.isLoading ? (
        <Loading />
      ) : null}
      {error ? <h1>{title}</h1> : null}
      <ErrorBanner error={error} />
      {lngLoaded &&
      ro.data &&
      dealer.data &&
      !recorded.isLoading &&
      !settlement.isLoading &&
      !checkIn.isLoading &&
      !certificate.isLoading ? (
        <>
          <PrintToolbar
            back={{ to: `/repair-orders/${ro.data.id}`, label: t('printing.toolbar.back') }}
            fileName={`${ro.data.number}-${kind}`}
            lng={lng}
            onLanguage={(next) => setSearch(next === 'zh-CN' ? {} : { lang: next }, { replace: true })}
          />
          {kind === 'work-order' ? (
            <WorkOrderDocument ro={ro.data} dealer={dealer.data} f={f} {...(checkIn.data ? { checkIn: checkIn.data } : {})} />
          ) : kind === 'certificate' ? (
            certificate.isSuccess ? (
              <CertificateDocument ro={ro.data} certificate={certificate.data} dealer={dealer.data} f={f} />
            ) : null
          ) : kind === 'settlement' ? (
            settlement.data ? (
              <SettlementDocument ro={ro.data} settlement={settlement.data} dealer={dealer.data} f={f} />
            ) : null
          ) : (
            <EstimateDocument ro={ro.data} dealer={dealer.data} f={f} {...(authorisation ? { authorisation } : {})} />
          )}
        </>
      ) : null}
    </div>
  );
}
