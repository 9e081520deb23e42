import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  addDamageMarkInput,
  DAMAGE_KINDS,
  type CheckInDetail,
  type DamageMarkDto,
} from '../../../../shared/contract/repair-orders/check-in';
import { orpc } from '../../api/client';
import { schemaResolver } from '../../ui/form-resolver';
import { useFormSubmit } from '../../ui/form-submit';
import { EnumSelect, Field } from '../../ui/widgets';
import { RoError, RoFormFooter } from '../RoError';
import { useCheckInSaved } from './use-check-in';
import { CarOutline, type CarOutlineClasses } from './CarOutline';
import { permilleOf, ZONE_NAMES, ZONES, zoneOf, type Zone } from './walk-around-zones';

/** Where a new mark goes: the spot clicked on the diagram, or the centre of a named area (no mouse needed). */
const CLICKED = 'clicked';
const markForm = z.strictObject({
  place: z.string().min(1),
  kind: addDamageMarkInput.shape.kind,
  note: addDamageMarkInput.shape.note,
});
type MarkValues = z.input<typeof markForm>;
const MARK_FIELDS = ['place', 'kind', 'note'];

const ON_SCREEN: CarOutlineClasses = {
  label: 'check-in-diagram-label',
  wheel: 'check-in-wheel',
  body: 'check-in-body',
  glass: 'check-in-glass',
  roof: 'check-in-roof',
};

/** A mark as the diagram draws it: the check-in's marks, and a loaner's (loaners/), share the shape. */
export type DiagramMark = Pick<DamageMarkDto, 'number' | 'xPermille' | 'yPermille' | 'kind'>;

/**
 * The top view of a car, its marks numbered, and the spot just clicked (not saved yet) dashed. The loaner forms
 * draw the same diagram for a loaner's damage out and in.
 */
export function Diagram(props: {
  marks: readonly DiagramMark[];
  pending: { x: number; y: number } | null;
  onPlace?: (at: { x: number; y: number }) => void;
}) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement>(null);
  const kindName = (mark: DiagramMark) => t(`checkIn.kinds.${mark.kind}`);
  return (
    <svg
      ref={svg}
      className={props.onPlace ? 'check-in-diagram placing' : 'check-in-diagram'}
      viewBox="0 0 1000 1000"
      role="img"
      aria-label={t('checkIn.diagram')}
      data-testid="walk-around-diagram"
      onClick={(event) => {
        if (!props.onPlace || !svg.current) return;
        props.onPlace(permilleOf(event, svg.current.getBoundingClientRect()));
      }}
    >
      <title>{t('checkIn.diagram')}</title>
      <CarOutline
        names={{ front: t('checkIn.front'), rear: t('checkIn.rear'), left: t('checkIn.left'), right: t('checkIn.right') }}
        classes={ON_SCREEN}
      />
      <line x1={300} y1={520} x2={700} y2={520} className="check-in-seam" />
      {props.marks.map((mark) => (
        <g key={mark.number} className="check-in-marker" data-mark-number={mark.number}>
          <title>{t('checkIn.markLabel', { n: mark.number, kind: kindName(mark) })}</title>
          <circle cx={mark.xPermille} cy={mark.yPermille} r={26} />
          <text x={mark.xPermille} y={mark.yPermille + 10} textAnchor="middle">
            {mark.number}
          </text>
        </g>
      ))}
      {props.pending ? (
        <circle cx={props.pending.x} cy={props.pending.y} r={26} className="check-in-pending" data-testid="pending-mark" />
      ) : null}
    </svg>
  );
}

function MarkForm(props: {
  detail: CheckInDetail;
  vehicleId: number;
  pending: { x: number; y: number } | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const saved = useCheckInSaved(props.vehicleId);
  const add = useMutation(orpc.repairOrders.addDamageMark.mutationOptions({ onSuccess: saved }));
  const form = useForm<MarkValues, unknown, z.output<typeof markForm>>({
    resolver: schemaResolver<MarkValues, typeof markForm>(markForm, t),
    defaultValues: { place: props.pending ? CLICKED : '', kind: 'scratch', note: '' },
  });
  const { submit, unplaced } = useFormSubmit(form, MARK_FIELDS, async (values) => {
    const [x, y] = values.place === CLICKED && props.pending ? [props.pending.x, props.pending.y] : ZONES[values.place as Zone];
    await add.mutateAsync({
      id: props.detail.repairOrderId,
      version: props.detail.roVersion,
      xPermille: x,
      yPermille: y,
      kind: values.kind,
      note: values.note,
    });
    form.reset({ place: '', kind: 'scratch', note: '' });
    props.onDone();
  });
  const errors = form.formState.errors;
  const next = Math.max(0, ...props.detail.marks.map((mark) => mark.number)) + 1;
  return (
    <form className="form-grid check-in-mark-form" onSubmit={submit} noValidate aria-label={t('checkIn.newMark')}>
      <Field label={t('checkIn.zone')} name="place" error={errors.place}>
        <select {...form.register('place')}>
          <option value="">—</option>
          {props.pending ? <option value={CLICKED}>{t('checkIn.markAt', { n: next })}</option> : null}
          {ZONE_NAMES.map((zone) => (
            <option key={zone} value={zone}>
              {t(`checkIn.zones.${zone}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('fields.kind')} name="kind" error={errors.kind}>
        <EnumSelect values={DAMAGE_KINDS} catalogue="checkIn.kinds" {...form.register('kind')} />
      </Field>
      <Field label={t('fields.note')} name="note" error={errors.note} wide>
        <input maxLength={200} autoComplete="off" {...form.register('note')} />
      </Field>
      <RoFormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('checkIn.saveMark')}
        {...(props.pending ? { onCancel: props.onDone } : {})}
      />
    </form>
  );
}

/** The walk-around: the diagram, a form to mark damage by click or by area, and the list of marks. */
export function WalkAround(props: { detail: CheckInDetail; vehicleId: number; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { detail } = props;
  const saved = useCheckInSaved(props.vehicleId);
  const remove = useMutation(orpc.repairOrders.removeDamageMark.mutationOptions({ onSuccess: saved }));
  const [pending, setPending] = useState<{ x: number; y: number } | null>(null);
  return (
    <div className="check-in-walk-around">
      <h3>{t('checkIn.walkAround')}</h3>
      <div className="check-in-walk-around-grid">
        <div>
          <Diagram marks={detail.marks} pending={pending} {...(props.mayWrite ? { onPlace: setPending } : {})} />
          {props.mayWrite ? <p className="muted small">{t('checkIn.diagramHint')}</p> : null}
        </div>
        <div>
          {props.mayWrite ? (
            <MarkForm
              key={pending ? `${pending.x},${pending.y}` : 'by-area'}
              detail={detail}
              vehicleId={props.vehicleId}
              pending={pending}
              onDone={() => setPending(null)}
            />
          ) : null}
          <h4>{t('checkIn.marks')}</h4>
          {detail.marks.length === 0 ? (
            <p className="muted">{t('checkIn.noMarks')}</p>
          ) : (
            <table className="results check-in-marks" aria-label={t('checkIn.marks')}>
              <thead>
                <tr>
                  <th className="num">{t('checkIn.columns.number')}</th>
                  <th>{t('checkIn.zone')}</th>
                  <th>{t('checkIn.columns.kind')}</th>
                  <th>{t('checkIn.columns.note')}</th>
                  <th>{t('checkIn.columns.by')}</th>
                  {props.mayWrite ? <th aria-label={t('checkIn.columns.actions')} /> : null}
                </tr>
              </thead>
              <tbody>
                {detail.marks.map((mark) => (
                  <tr key={mark.id} data-mark-number={mark.number}>
                    <td className="num">{mark.number}</td>
                    <td>{t(`checkIn.zones.${zoneOf(mark)}`)}</td>
                    <td>{t(`checkIn.kinds.${mark.kind}`)}</td>
                    <td>{mark.note || <span className="muted">—</span>}</td>
                    <td>{mark.createdBy.displayName}</td>
                    {props.mayWrite ? (
                      <td>
                        <button
                          type="button"
                          className="link"
                          disabled={remove.isPending}
                          aria-label={`${t('checkIn.removeMark')} ${t('checkIn.markLabel', { n: mark.number, kind: t(`checkIn.kinds.${mark.kind}`) })}`}
                          onClick={() => remove.mutate({ id: detail.repairOrderId, version: detail.roVersion, markId: mark.id })}
                        >
                          {t('checkIn.removeMark')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <RoError error={remove.error} />
        </div>
      </div>
    </div>
  );
}
