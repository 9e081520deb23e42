import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/errors';

/** A labelled input with its error under it; the error is tied to the input for screen readers and tests. */
export function Field(props: {
  label: string;
  name: string;
  error?: FieldError | undefined;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <label className={props.wide ? 'field field-wide' : 'field'} data-field={props.name}>
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.error?.message ? (
        <span className="field-error" role="alert">
          {props.error.message}
        </span>
      ) : null}
    </label>
  );
}

/** A failed call, said in the desk's language. */
export function ErrorBanner({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      {describeError(t, error)}
    </div>
  );
}

/**
 * Of several writes on one screen, the failure of the one made last (TanStack's `submittedAt`): a later save that
 * succeeds takes an earlier save's error banner away instead of leaving it on screen.
 */
export function latestError(...mutations: { error: unknown; submittedAt: number }[]): unknown {
  const last = mutations.reduce((a, b) => (b.submittedAt > a.submittedAt ? b : a));
  return last.error;
}

/** A record page whose record could not be read (not found, refused): still headed by the screen's title (h1). */
export function PageError({ title, error }: { title: string; error: unknown }) {
  return (
    <div className="page">
      <h1>{title}</h1>
      <ErrorBanner error={error} />
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return <div className="muted">{t('app.loading')}</div>;
}

/** A card with its title; `page` makes the title the screen's one page heading (h1), as the first card of many screens is. */
export function Section(props: { title: string; actions?: ReactNode; children: ReactNode; page?: boolean }) {
  return (
    <section className="card">
      <header className="card-header">
        {props.page ? <h1 className="card-title">{props.title}</h1> : <h2>{props.title}</h2>}
        <div className="card-actions">{props.actions}</div>
      </header>
      {props.children}
    </section>
  );
}

/**
 * A <select> over one of the shared enums, each option named from the catalogue under `catalogue` (e.g. `fuel`).
 * Spread react-hook-form's `register(...)` into it.
 */
export const EnumSelect = forwardRef<
  HTMLSelectElement,
  { values: readonly string[]; catalogue: string } & ComponentPropsWithoutRef<'select'>
>(function EnumSelect({ values, catalogue, ...select }, ref) {
  const { t } = useTranslation();
  return (
    <select ref={ref} {...select}>
      {values.map((value) => (
        <option key={value} value={value}>
          {t(`${catalogue}.${value}`)}
        </option>
      ))}
    </select>
  );
});
