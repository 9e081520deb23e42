import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DAMAGE_KINDS, type DamageKind } from '../../../shared/contract/repair-orders/check-in';
import type { z } from 'zod';
import type { loanMarkInput } from '../../../shared/contract/loaners';
import { Diagram, type DiagramMark } from '../repair-orders/check-in/WalkAround';
import { ZONE_NAMES, ZONES, zoneOf, type Zone } from '../repair-orders/check-in/walk-around-zones';

export type LoanMark = z.input<typeof loanMarkInput>;

/**
 * Damage marks of a loaner not saved yet, on the check-in's walk-around diagram: a click on the car places a mark of
 * the chosen kind there; without a mouse, an area and "Add mark". `fixed` are marks already on record (the ones a
 * car went out with, shown on return), numbered before the new ones.
 */
export function MarksEditor(props: {
  title: string;
  marks: LoanMark[];
  onChange: (marks: LoanMark[]) => void;
  fixed?: readonly DiagramMark[];
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<DamageKind>('scratch');
  const [zone, setZone] = useState<Zone | ''>('');
  const [note, setNote] = useState('');
  const first = (props.fixed ?? []).reduce((max, mark) => Math.max(max, mark.number), 0) + 1;
  const numbered = props.marks.map((mark, i) => ({ ...mark, number: first + i, kind: mark.kind }));
  const add = (x: number, y: number) => {
    props.onChange([...props.marks, { xPermille: x, yPermille: y, kind, note: note.trim() }]);
    setNote('');
  };
  return (
    <fieldset className="field-wide loaner-marks" data-testid="loaner-marks">
      <legend>{props.title}</legend>
      <div className="check-in-walk-around-grid">
        <Diagram marks={[...(props.fixed ?? []), ...numbered]} pending={null} onPlace={(at) => add(at.x, at.y)} />
        <div>
          <p className="muted small">{t('checkIn.diagramHint')}</p>
          <label className="field">
            <span className="field-label">{t('fields.kind')}</span>
            <select value={kind} onChange={(event) => setKind(event.target.value as DamageKind)} aria-label={t('fields.kind')}>
              {DAMAGE_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`checkIn.kinds.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('checkIn.zone')}</span>
            <select value={zone} onChange={(event) => setZone(event.target.value as Zone | '')} aria-label={t('checkIn.zone')}>
              <option value="">—</option>
              {ZONE_NAMES.map((name) => (
                <option key={name} value={name}>
                  {t(`checkIn.zones.${name}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('fields.note')}</span>
            <input value={note} maxLength={200} onChange={(event) => setNote(event.target.value)} aria-label={t('fields.note')} />
          </label>
          <button type="button" disabled={zone === ''} onClick={() => zone !== '' && add(ZONES[zone][0], ZONES[zone][1])}>
            {t('loaners.addMark')}
          </button>
          {numbered.length === 0 ? (
            <p className="muted">{t('loaners.noMarks')}</p>
          ) : (
            <ul className="plain">
              {numbered.map((mark, i) => (
                <li key={mark.number} data-mark-number={mark.number}>
                  {mark.number}. {t(`checkIn.zones.${zoneOf(mark)}`)} · {t(`checkIn.kinds.${mark.kind}`)}
                  {mark.note ? ` · ${mark.note}` : ''}{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => props.onChange(props.marks.filter((_, index) => index !== i))}
                  >
                    {t('loaners.removeMark')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </fieldset>
  );
}
