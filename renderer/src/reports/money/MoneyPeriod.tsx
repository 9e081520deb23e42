import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { moneyPeriodInput, type MoneyPeriodInput } from '../../../../shared/contract/reports/money';
import { wallClock } from '../../../../shared/domain/desk-time';
import { monthDays, shiftMonth } from '../../../../shared/domain/kpi-months';
import { DateField } from '../../ui/DateField';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { useUrlParams } from '../../ui/use-url-params';
import { Field } from '../../ui/widgets';

export type Period = z.output<typeof moneyPeriodInput>;
const PRESETS = ['this', 'last', 'custom'] as const;
type Preset = (typeof PRESETS)[number];

/** What a drill-down lists: the whole period, or one row of a table (its kind and key). */
export const DRILL_KINDS = ['all', 'day', 'month', 'payer', 'advisor', 'technician', 'group'] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];
export interface Drill {
  kind: DrillKind;
  key: string;
}

/**
 * The period of a money report and the figure drilled into, kept in the URL (p, from, to; d and k): this month by
 * default, last month, or a custom range.
 */
export function useMoneyPeriod() {
  const [params, setParams] = useUrlParams();
  const raw = params.get('p') ?? '';
  const preset: Preset = (PRESETS as readonly string[]).includes(raw) ? (raw as Preset) : 'this';
  const from = params.get('from');
  const to = params.get('to');
  const month = wallClock(new Date()).day.slice(0, 7);
  const period: Period =
    preset === 'custom' && from && to ? { from, to } : monthDays(preset === 'last' ? shiftMonth(month, -1) : month);
  const kind = params.get('d');
  const drill: Drill | null = (DRILL_KINDS as readonly string[]).includes(kind ?? '')
    ? { kind: kind as DrillKind, key: params.get('k') ?? '' }
    : null;
  return {
    preset,
    period,
    drill,
    query: new URLSearchParams({ p: preset, ...(preset === 'custom' ? period : {}) }).toString(),
    choose: (next: Preset) =>
      setParams({ p: next, d: undefined, k: undefined, ...(next !== 'custom' ? { from: undefined, to: undefined } : {}) }),
    setCustom: (next: Period) => setParams({ p: 'custom', from: next.from, to: next.to, d: undefined, k: undefined }),
    setDrill: (next: Drill | null) => setParams({ d: next?.kind, k: next ? next.key : undefined }),
  };
}

function CustomPeriod({ value, onChange }: { value: Period; onChange: (period: Period) => void }) {
  const { t } = useTranslation();
  const form = useForm<MoneyPeriodInput, unknown, Period>({
    resolver: schemaResolver<MoneyPeriodInput, typeof moneyPeriodInput>(moneyPeriodInput, t),
    defaultValues: value,
  });
  const { submit, unplaced } = useFormSubmit(form, ['from', 'to'], async (values) => onChange(values));
  return (
    <form className="form-grid period-form" onSubmit={submit} noValidate aria-label={t('money.period.custom')}>
      <Field label={t('money.period.from')} name="from" error={form.formState.errors.from}>
        <DateField {...form.register('from')} />
      </Field>
      <Field label={t('money.period.to')} name="to" error={form.formState.errors.to}>
        <DateField {...form.register('to')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('money.period.show')} />
    </form>
  );
}

/** The period buttons (this month, last month, custom) and, for custom, the range form. */
export function MoneyPeriodPicker({ state }: { state: ReturnType<typeof useMoneyPeriod> }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="kpi-presets" role="group" aria-label={t('money.period.label')}>
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={state.preset === p}
            className={state.preset === p ? 'primary' : undefined}
            onClick={() => state.choose(p)}
          >
            {t(`money.period.${p}`)}
          </button>
        ))}
      </div>
      {state.preset === 'custom' ? <CustomPeriod value={state.period} onChange={state.setCustom} /> : null}
      <p className="small muted" data-testid="money-period">
        {t('money.period.showing', state.period)}
      </p>
    </>
  );
}

/** The definitions of the figures, on screen and on paper (docs/domain.md "Money reports"). */
export function MoneyDefinitions({ keys, t }: { keys: readonly string[]; t: (key: string) => string }) {
  return (
    <section className="money-definitions" aria-label={t('money.definitions.title')} data-testid="money-definitions">
      <h2>{t('money.definitions.title')}</h2>
      <ul className="small">
        {keys.map((key) => (
          <li key={key}>{t(`money.definitions.${key}`)}</li>
        ))}
      </ul>
    </section>
  );
}

export const REVENUE_DEFINITIONS = ['recognition', 'taxExcluded', 'kinds', 'technician', 'comparison'] as const;
export const MARGIN_DEFINITIONS = ['recognition', 'margin', 'uncosted', 'group'] as const;
