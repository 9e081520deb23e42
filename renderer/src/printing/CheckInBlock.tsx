import type { CheckInDetail, DamageMarkDto } from '../../../shared/contract/repair-orders/check-in';
import { CarOutline, type CarOutlineClasses } from '../repair-orders/check-in/CarOutline';
import { zoneOf } from '../repair-orders/check-in/walk-around-zones';
import type { DocumentFormat } from './document-format';

const PRINTED: CarOutlineClasses = {
  label: 'doc-diagram-label',
  wheel: 'doc-diagram-wheel',
  body: 'doc-diagram-body',
  glass: 'doc-diagram-glass',
  roof: 'doc-diagram-glass',
};

/** The walk-around diagram as printed: the car from above, front at the top, each damage mark with its number (the loan agreement prints it too). */
export function PrintedDiagram({
  marks,
  f,
}: {
  marks: readonly Pick<DamageMarkDto, 'number' | 'xPermille' | 'yPermille'>[];
  f: DocumentFormat;
}) {
  const { t } = f;
  return (
    <svg className="doc-diagram" viewBox="0 0 1000 1000" role="img" aria-label={t('checkIn.diagram')}>
      <CarOutline
        names={{ front: t('checkIn.front'), rear: t('checkIn.rear'), left: t('checkIn.left'), right: t('checkIn.right') }}
        classes={PRINTED}
      />
      {marks.map((mark) => (
        <g key={mark.number} className="doc-diagram-mark">
          <circle cx={mark.xPermille} cy={mark.yPermille} r={38} />
          <text x={mark.xPermille} y={mark.yPermille + 16} textAnchor="middle">
            {mark.number}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** The damage marks as a table: number, area (部位), kind and note (the check-in and the loan agreement print it). */
export function PrintedMarksTable({
  marks,
  f,
}: {
  marks: readonly Pick<DamageMarkDto, 'number' | 'xPermille' | 'yPermille' | 'kind' | 'note'>[];
  f: DocumentFormat;
}) {
  const { t } = f;
  if (marks.length === 0) return <p className="doc-muted">{t('checkIn.noMarks')}</p>;
  return (
    <table className="doc-lines doc-marks" aria-label={t('checkIn.marks')}>
      <thead>
        <tr className="doc-lines-head">
          <th className="num">{t('checkIn.columns.number')}</th>
          <th>{t('printing.doc.zone')}</th>
          <th>{t('checkIn.columns.kind')}</th>
          <th>{t('checkIn.columns.note')}</th>
        </tr>
      </thead>
      <tbody>
        {marks.map((mark) => (
          <tr key={mark.number} data-mark-number={mark.number}>
            <td className="num">{mark.number}</td>
            <td>{t(`checkIn.zones.${zoneOf(mark)}`)}</td>
            <td>{t(`checkIn.kinds.${mark.kind}`)}</td>
            <td>{mark.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The car as it was received (接车检查), on the work order the customer signs: fuel level, valuables left in the car,
 * the advisor's notes, the walk-around diagram with its numbered damage marks and the table of the marks with the
 * area (部位) each lies in. Says so when the car was not checked in yet.
 */
export function CheckInBlock({ detail, f }: { detail: CheckInDetail | undefined; f: DocumentFormat }) {
  const { t } = f;
  const none = t('printing.doc.none');
  const record = detail?.checkIn ?? null;
  const marks = detail?.marks ?? [];
  return (
    <section className="doc-check-in" aria-label={t('printing.doc.condition')} data-testid="doc-check-in">
      <h2 className="doc-section-title">{t('printing.doc.condition')}</h2>
      {record === null ? (
        <p className="doc-muted">{t('printing.doc.notCheckedIn')}</p>
      ) : (
        <div className="doc-check-in-grid">
          <div>
            <dl className="doc-check-in-facts">
              <dt>{t('printing.doc.fuel')}</dt>
              <dd data-testid="doc-fuel">{t(`checkIn.fuelLevels.${record.fuelEighths}`)}</dd>
              <dt>{t('printing.doc.valuables')}</dt>
              <dd data-testid="doc-valuables">{record.valuables || none}</dd>
              <dt>{t('printing.doc.checkInNotes')}</dt>
              <dd>{record.notes || none}</dd>
              <dt>{t('printing.doc.checkedIn')}</dt>
              <dd>
                {record.checkedInBy.displayName} {f.dateTime(record.checkedInAt)}
              </dd>
            </dl>
            <PrintedMarksTable marks={marks} f={f} />
          </div>
          <PrintedDiagram marks={marks} f={f} />
        </div>
      )}
    </section>
  );
}
