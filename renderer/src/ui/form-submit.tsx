import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ApiIssue } from '../../../shared/contract/errors';
import { describeIssue } from '../api/errors';
import { showServerIssues } from './form-resolver';

/**
 * Submitting a form to the core: valid values go to `send`; a refusal is shown next to the fields it names, and what
 * names no field on this form is returned for the form's footer.
 */
export function useFormSubmit<V extends FieldValues, Out>(
  form: UseFormReturn<V, unknown, Out>,
  formFields: readonly string[],
  send: (values: Out) => Promise<unknown>,
) {
  const { t } = useTranslation();
  const [unplaced, setUnplaced] = useState<ApiIssue[]>([]);
  const submit = form.handleSubmit(async (values) => {
    setUnplaced([]);
    try {
      await send(values);
    } catch (error) {
      setUnplaced(showServerIssues(error, form.setError, t, formFields));
    }
  });
  return { submit, unplaced };
}

/**
 * The footer of every form: what the core refused that no field holds, then the buttons. An area may say an issue
 * its own way (`describe`) and add to the message (`extra`, e.g. a reload after another desk saved first).
 */
export function FormFooter(props: {
  unplaced: ApiIssue[];
  submitting: boolean;
  submitLabel: string;
  onCancel?: () => void;
  describe?: (t: TFunction, issue: ApiIssue) => string;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const describe = props.describe ?? describeIssue;
  return (
    <>
      {props.unplaced.length > 0 ? (
        <div className="banner banner-error field-wide" role="alert">
          {props.unplaced.map((issue) => describe(t, issue)).join(' ')}
          {props.extra}
        </div>
      ) : null}
      <div className="form-actions field-wide">
        <button type="submit" className="primary" disabled={props.submitting}>
          {props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" onClick={props.onCancel}>
            {t('customer.cancel')}
          </button>
        ) : null}
      </div>
    </>
  );
}
