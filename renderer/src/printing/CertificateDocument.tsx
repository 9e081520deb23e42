import type { ReactNode } from 'react';
import type { CertificateDto } from '../../../shared/contract/workshop/quality';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import type { DealerDto } from '../../../shared/contract/settings';
import { guaranteePeriod } from '../../../shared/domain/guarantee';
import type { DocumentFormat } from './document-format';
import { Letterhead, SignLine } from './DocumentParts';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="doc-fact">
      <span className="doc-fact-label">{label}</span>
      <span className="doc-fact-value" data-testid={testId}>
        {children}
      </span>
    </div>
  );
}

/**
 * The completion certificate (机动车维修竣工出厂合格证) handed over with a car whose work was 二级维护 or 整车/总成修理:
 * its number, the car and its owner, the RO, the work categories and the odometer, the final inspection, the
 * statutory guarantee period of each category (from the day of handover), and the signatures and the repairer's stamp.
 */
export function CertificateDocument(props: {
  ro: RepairOrderDetail;
  certificate: CertificateDto | null;
  dealer: DealerDto;
  f: DocumentFormat;
}) {
  const { ro, certificate, f } = props;
  const { t } = f;
  const none = t('quality.doc.none');
  if (!certificate) {
    return (
      <article className="print-doc" lang={f.lng} data-testid="print-document">
        <Letterhead dealer={props.dealer} title={t('quality.doc.title')} ro={ro} f={f} />
        <p className="doc-muted">{t('quality.doc.noCertificate')}</p>
      </article>
    );
  }
  const issuedDay = f.dateTime(certificate.issuedAt).slice(0, 10);
  return (
    <article className="print-doc" lang={f.lng} data-testid="print-document">
      <Letterhead dealer={props.dealer} title={t('quality.doc.title')} ro={ro} f={f} />
      <p className="doc-muted">{t('quality.doc.subtitle')}</p>
      <section className="doc-facts" aria-label={t('quality.doc.number')}>
        <Fact label={t('quality.doc.number')} testId="certificate-number">
          <span className="doc-mono">{certificate.number}</span>
        </Fact>
        <Fact label={t('printing.doc.roNumber')}>{ro.number}</Fact>
        <Fact label={t('printing.doc.customer')}>{ro.customer.name}</Fact>
        <Fact label={t('printing.doc.plate')} testId="certificate-plate">
          <span className="doc-plate">{ro.vehicle.plate || none}</span>
        </Fact>
        <Fact label={t('printing.doc.makeModel')}>{ro.vehicle.makeModel || none}</Fact>
        <Fact label={t('printing.doc.vin')}>
          <span className="doc-mono">{ro.vehicle.vin}</span>
        </Fact>
        <Fact label={t('quality.doc.categories')}>
          {certificate.categories.map((category) => t(`quality.doc.categoryNames.${category}`)).join('；')}
        </Fact>
        <Fact label={t('quality.doc.mileage')}>
          {certificate.mileageKm === null ? none : t('printing.doc.mileageKm', { km: f.number(certificate.mileageKm) })}
        </Fact>
        <Fact label={t('quality.doc.inspector')}>
          {certificate.inspector && certificate.inspectedAt
            ? t('quality.doc.inspectedBy', { name: certificate.inspector.displayName, at: f.dateTime(certificate.inspectedAt) })
            : none}
        </Fact>
        <Fact label={t('quality.doc.issuedAt')}>{f.dateTime(certificate.issuedAt)}</Fact>
      </section>
      <p>{t('quality.doc.statement')}</p>
      <ul className="doc-guarantee">
        {certificate.categories.map((category) => {
          const period = guaranteePeriod(category);
          return (
            <li key={category}>
              {t('quality.doc.guarantee', {
                category: t(`quality.doc.categoryNames.${category}`),
                km: f.number(period.km),
                days: period.days,
              })}
            </li>
          );
        })}
      </ul>
      <footer className="doc-footer">
        <div className="doc-signatures">
          <SignLine label={t('quality.doc.inspectorSignature')}>{certificate.inspector?.displayName}</SignLine>
          <SignLine label={t('quality.doc.dealerStamp')} />
          <SignLine label={t('quality.doc.customerSignature')} />
          <SignLine label={t('quality.doc.date')}>{issuedDay}</SignLine>
        </div>
      </footer>
    </article>
  );
}
