import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { saveSurveyTemplateInput, type SurveyTemplateDto } from '../../../../shared/contract/followup/surveys';
import { CSI_FACTORS, SURVEY_SCALES, type CsiFactor, type SurveyScale } from '../../../../shared/domain/csi';
import { orpc } from '../../api/client';
import { DataTable } from '../../ui/DataTable';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { formatDateTime } from '../../ui/format';
import { EnumSelect, ErrorBanner, Field, Loading, Section } from '../../ui/widgets';
import '../followup.css';

interface QuestionValues {
  textZh: string;
  textEn: string;
  scale: SurveyScale;
  /** '' = not in the CSI (null in the contract). */
  factor: CsiFactor | '';
  required: boolean;
}

interface TemplateValues {
  questions: QuestionValues[];
  weights: Record<CsiFactor, number>;
}

function valuesOf(template: SurveyTemplateDto): TemplateValues {
  return {
    questions: template.questions.map((q) => ({
      textZh: q.textZh,
      textEn: q.textEn,
      scale: q.scale,
      factor: q.factor ?? '',
      required: q.required,
    })),
    weights: { ...template.weights },
  };
}

function messageOf(error: unknown): string | undefined {
  return (error as { message?: string } | undefined)?.message;
}

/** The questions and weights of the current version, edited; saving writes the next version (the core checks the rules). */
function TemplateForm({ template, onSaved }: { template: SurveyTemplateDto; onSaved: (saved: SurveyTemplateDto) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation(
    orpc.followup.saveSurveyTemplate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: orpc.followup.key() }),
    }),
  );
  const form = useForm<TemplateValues, unknown, z.output<typeof saveSurveyTemplateInput>>({
    resolver: schemaResolver<TemplateValues, typeof saveSurveyTemplateInput>(saveSurveyTemplateInput, t, (values) => ({
      questions: values.questions.map((q) => ({ ...q, factor: q.factor === '' ? null : q.factor })),
      weights: values.weights,
    })),
    defaultValues: valuesOf(template),
  });
  const questions = useFieldArray({ control: form.control, name: 'questions' });
  const weights = useWatch({ control: form.control, name: 'weights' });
  const sum = CSI_FACTORS.reduce((total, factor) => total + (Number.isFinite(weights[factor]) ? Number(weights[factor]) : 0), 0);
  const { submit, unplaced } = useFormSubmit(form, ['questions', 'weights'], async (values) => {
    onSaved(await save.mutateAsync(values));
  });
  const errors = form.formState.errors;
  const weightsError = messageOf(errors.weights);
  const questionsError = messageOf(errors.questions);
  return (
    <form onSubmit={submit} noValidate aria-label={t('surveys.template.title')}>
      <h3>{t('surveys.template.questions')}</h3>
      {questionsError ? (
        <p className="field-error" role="alert" data-field="questions">
          {questionsError}
        </p>
      ) : null}
      {questions.fields.map((question, index) => {
        const qErrors = errors.questions?.[index];
        return (
          <div
            key={question.id}
            className="template-question"
            role="group"
            aria-label={t('surveys.template.question', { n: index + 1 })}
          >
            <Field
              label={`${index + 1}. ${t('fields.questions_textZh')}`}
              name={`questions.${index}.textZh`}
              error={qErrors?.textZh}
            >
              <input maxLength={200} {...form.register(`questions.${index}.textZh`)} />
            </Field>
            <Field label={t('fields.questions_textEn')} name={`questions.${index}.textEn`} error={qErrors?.textEn}>
              <input maxLength={200} {...form.register(`questions.${index}.textEn`)} />
            </Field>
            <Field label={t('fields.questions_scale')} name={`questions.${index}.scale`} error={qErrors?.scale}>
              <EnumSelect values={SURVEY_SCALES} catalogue="surveys.scales" {...form.register(`questions.${index}.scale`)} />
            </Field>
            <Field label={t('fields.questions_factor')} name={`questions.${index}.factor`} error={qErrors?.factor}>
              <select {...form.register(`questions.${index}.factor`)}>
                <option value="">{t('surveys.template.noFactor')}</option>
                {CSI_FACTORS.map((factor) => (
                  <option key={factor} value={factor}>
                    {t(`surveys.factors.${factor}`)}
                  </option>
                ))}
              </select>
            </Field>
            <label className="checkbox" data-field={`questions.${index}.required`}>
              <input type="checkbox" {...form.register(`questions.${index}.required`)} />
              {t('fields.questions_required')}
            </label>
            <div className="card-actions">
              <button
                type="button"
                disabled={index === 0}
                onClick={() => questions.move(index, index - 1)}
                aria-label={`${t('surveys.template.up')} ${index + 1}`}
              >
                ↑
              </button>
              <button
                type="button"
                disabled={index === questions.fields.length - 1}
                onClick={() => questions.move(index, index + 1)}
                aria-label={`${t('surveys.template.down')} ${index + 1}`}
              >
                ↓
              </button>
              <button type="button" disabled={questions.fields.length === 1} onClick={() => questions.remove(index)}>
                {t('surveys.template.remove')}
              </button>
            </div>
          </div>
        );
      })}
      <p>
        <button
          type="button"
          onClick={() => questions.append({ textZh: '', textEn: '', scale: 'scale_1_10', factor: '', required: false })}
        >
          {t('surveys.template.add')}
        </button>
      </p>
      <fieldset className="template-weights" data-field="weights">
        <legend className="field-label">{t('surveys.template.weights')}</legend>
        {CSI_FACTORS.map((factor) => (
          <Field key={factor} label={t(`surveys.factors.${factor}`)} name={`weights.${factor}`} error={errors.weights?.[factor]}>
            <input type="number" min={0} max={100} step={1} {...form.register(`weights.${factor}`, { valueAsNumber: true })} />
          </Field>
        ))}
        <span className="field-wide" data-testid="weights-total">
          {t('surveys.template.weightsTotal', { sum })}
        </span>
        {weightsError ? (
          <span className="field-error field-wide" role="alert">
            {weightsError}
          </span>
        ) : null}
      </fieldset>
      <div className="form-grid">
        <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('surveys.template.save')} />
      </div>
    </form>
  );
}

function Versions() {
  const { t } = useTranslation();
  const query = useQuery(orpc.followup.surveyTemplateVersions.queryOptions({ input: {} }));
  return (
    <Section title={t('surveys.template.versions')}>
      {query.isPending ? <Loading /> : null}
      <ErrorBanner error={query.error} />
      <DataTable
        caption={t('surveys.template.versions')}
        columns={[
          { id: 'version', header: t('surveys.template.version'), cell: (version) => `v${version.version}` },
          { id: 'questions', header: t('surveys.template.questionCount'), cell: (version) => version.questions, numeric: true },
          { id: 'createdAt', header: t('surveys.template.createdAt'), cell: (version) => formatDateTime(version.createdAt) },
          {
            id: 'createdBy',
            header: t('surveys.template.createdBy'),
            cell: (version) => version.createdBy?.displayName ?? <span className="muted">{t('surveys.template.shipped')}</span>,
          },
          { id: 'responses', header: t('surveys.template.responses'), cell: (version) => version.responses, numeric: true },
        ]}
        rows={query.data}
        rowKey={(version) => version.id}
        rowProps={(version) => ({ 'data-testid': `survey-version-${version.version}` })}
        empty={t('surveys.template.noVersions')}
      />
    </Section>
  );
}

/** The manager's survey editor: the current version's questions and factor weights; saving makes a new version. */
export function SurveyTemplateScreen() {
  const { t } = useTranslation();
  const query = useQuery(orpc.followup.surveyTemplate.queryOptions({ input: {} }));
  const [saved, setSaved] = useState<number | null>(null);
  return (
    <div className="page page-form">
      <Section
        page
        title={t('surveys.template.title')}
        actions={
          <Link className="button" to="/followup">
            {t('followup.call.back')}
          </Link>
        }
      >
        {query.isPending ? <Loading /> : null}
        <ErrorBanner error={query.error} />
        {saved !== null ? (
          <p className="banner" role="status">
            {t('surveys.template.saved', { version: saved })}
          </p>
        ) : null}
        {query.data ? (
          <>
            <p data-testid="template-version">{t('surveys.template.current', { version: query.data.version })}</p>
            <TemplateForm key={query.data.version} template={query.data} onSaved={(template) => setSaved(template.version)} />
          </>
        ) : null}
      </Section>
      <Versions />
    </div>
  );
}
