import type { CheckInDetail, DamageMarkDto } from '../../../shared/contract/repair-orders/check-in';
import { DIAGRAM, zoneOf } from '../repair-orders/check-in/walk-around-zones';
import type { DocumentFormat } from './document-format';

/** The walk-around diagram as printed: the car from above, front at the top, each damage mark with its number. */
function PrintedDiagram({ marks, f }: { marks: DamageMarkDto[]; f: DocumentFormat }) {
  const { t } = f;
  return (
    <svg className="doc-diagram" viewBox="0 0 1000 1000" role="img" aria-label={t('checkIn.diagram')}>
      <text x={500} y={52} textAnchor="middle" className="doc-diagram-label">
        {t('checkIn.front')}
      </text>
      <text x={500} y={985} textAnchor="middle" className="doc-diagram-label">
        {t('checkIn.rear')}
      </text>
      <text x={160} y={520} textAnchor="middle" className="doc-diagram-label">
        {t('checkIn.left')}
      </text>
      <text x={840} y={520} textAnchor="middle" className="doc-diagram-label">
        {t('checkIn.right')}
      </text>
      {DIAGRAM.wheels.map((wheel, index) => (
        <rect key={`wheel-${index}`} {...wheel} rx={12} className="doc-diagram-wheel" />
      ))}
      {DIAGRAM.mirrors.map((mirror, index) => (
        <rect key={`mirror-${index}`} {...mirror} rx={6} className="doc-diagram-body" />
      ))}
      <rect
        x={DIAGRAM.body.x}
        y={DIAGRAM.body.y}
        width={DIAGRAM.body.width}
        height={DIAGRAM.body.height}
        rx={DIAGRAM.body.radius}
        className="doc-diagram-body"
      />
      <path d={DIAGRAM.windscreen} className="doc-diagram-glass" />
      <rect {...DIAGRAM.roof} rx={24} className="doc-diagram-glass" />
      <path d={DIAGRAM.rearWindow} className="doc-diagram-glass" />
      {marks.map((mark) => (
        <g key={mark.id} className="doc-diagram-mark">
          <circle cx={mark.xPermille} cy={mark.yPermille} r={38} />
          <text x={mark.xPermille} y={mark.yPermille + 16} textAnchor="middle">
            {mark.number}
          </text>
        </g>
      ))}
    </svg>
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
            {marks.length === 0 ? (
              <p className="doc-muted">{t('checkIn.noMarks')}</p>
            ) : (
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
                    <tr key={mark.id} data-mark-number={mark.number}>
                      <td className="num">{mark.number}</td>
                      <td>{t(`checkIn.zones.${zoneOf(mark)}`)}</td>
                      <td>{t(`checkIn.kinds.${mark.kind}`)}</td>
                      <td>{mark.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <PrintedDiagram marks={marks} f={f} />
        </div>
      )}
    </section>
  );
}
