import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import {
  recordSurveyInput,
  type DissatisfiedReasonDto,
  type RecordSurveyResultDto,
  type SurveyQuestionDto,
  type SurveyResponseDto,
  type SurveyTemplateDto,
} from '../../../../shared/contract/followup/surveys';
import { scaleRange } from '../../../../shared/domain/csi';
import { orpc } from '../../api/client';
import { DataTable } from '../../ui/DataTable';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { formatDateTime } from '../../ui/format';

type AnswerValue = number | boolean | string | null;
interface SurveyValues {
  answers: { questionId: number; value: AnswerValue }[];
}

/** A question's text in the desk's language. */
export function questionText(question: { textZh: string; textEn: string }, language: string): string {
  return language.startsWith('zh') ? question.textZh : question.textEn;
}

/** An answer as said on screen: the figure, yes/no, the text; '' when not answered. */
export function answerText(t: TFunction, value: AnswerValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? t('surveys.form.yes') : t('surveys.form.no');
  return String(value);
}

/** The numbers a scale offers as buttons (1-10, 0-10), none for yes/no and free text. */
function scaleValues(question: SurveyQuestionDto): number[] {
  const range = scaleRange(question.scale);
  if (!range) return [];
  return Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i);
}

/** One answer's input: buttons for the scores and yes/no (pressed = chosen, again = cleared), a box for text. */
function AnswerInput(props: {
  question: SurveyQuestionDto;
  label: string;
  value: AnswerValue;
  onChange: (v: AnswerValue) => void;
}) {
  const { question, value, onChange } = props;
  const { t } = useTranslation();
  if (question.scale === 'text') {
    return (
      <textarea
        rows={2}
        maxLength={2000}
        aria-label={props.label}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  const options: { value: number | boolean; label: string }[] =
    question.scale === 'yes_no'
      ? [
          { value: true, label: t('surveys.form.yes') },
          { value: false, label: t('surveys.form.no') },
        ]
      : scaleValues(question).map((n) => ({ value: n, label: String(n) }));
  return (
    <div className="survey-scale">
      {options.map((option) => (
        <button
          key={option.label}
          type="button"
          aria-pressed={value === option.value}
          onClick={() => onChange(value === option.value ? null : option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

/**
 * The survey of the current template for one delivered RO: every question with its scale; the core checks the
 * required ones and the scales and its refusal is shown on the question it names.
 */
export function SurveyForm({
  template,
  repairOrderId,
  followUpTaskId,
  onRecorded,
}: {
  template: SurveyTemplateDto;
  repairOrderId: number;
  followUpTaskId: number;
  onRecorded: (result: RecordSurveyResultDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const record = useMutation(orpc.followup.recordSurvey.mutationOptions());
  const form = useForm<SurveyValues, unknown, z.output<typeof recordSurveyInput>>({
    resolver: schemaResolver<SurveyValues, typeof recordSurveyInput>(recordSurveyInput, t, (values) => ({
      repairOrderId,
      followUpTaskId,
      answers: values.answers,
    })),
    defaultValues: { answers: template.questions.map((q) => ({ questionId: q.id, value: q.scale === 'text' ? '' : null })) },
  });
  const { submit, unplaced } = useFormSubmit(form, ['answers'], async (values) => {
    onRecorded(await record.mutateAsync(values));
  });
  const errors = form.formState.errors.answers;
  return (
    <form onSubmit={submit} noValidate aria-label={t('surveys.form.title', { version: template.version })}>
      <p className="muted small">{t('surveys.form.hint')}</p>
      {template.questions.map((question, index) => {
        const text = questionText(question, i18n.language);
        const error = errors?.[index]?.value?.message;
        return (
          <fieldset key={question.id} className="survey-question" data-question={question.position}>
            <legend>
              {question.position}. {text}
              {question.required ? ` ${t('surveys.form.requiredMark')}` : ''}
            </legend>
            <div className="muted small">{t(`surveys.scales.${question.scale}`)}</div>
            <Controller
              control={form.control}
              name={`answers.${index}.value`}
              render={({ field }) => (
                <AnswerInput question={question} label={text} value={field.value} onChange={field.onChange} />
              )}
            />
            {error ? (
              <span className="field-error" role="alert">
                {error}
              </span>
            ) : null}
          </fieldset>
        );
      })}
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('surveys.form.submit')} />
    </form>
  );
}

function ReasonList({ reasons }: { reasons: DissatisfiedReasonDto[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul data-testid="survey-reasons">
      {reasons.map((reason) => (
        <li key={reason.questionId}>
          {t('surveys.result.reason', {
            position: reason.position,
            text: questionText(reason, i18n.language),
            value: answerText(t, reason.value),
          })}
        </li>
      ))}
    </ul>
  );
}

/** What the survey just recorded says: dissatisfied and why, or satisfied; the complaint draft it opened. */
export function SurveyVerdict({ result }: { result: RecordSurveyResultDto }) {
  const { t } = useTranslation();
  return (
    <div
      className={`banner ${result.dissatisfied ? 'survey-verdict-bad' : 'survey-verdict-good'}`}
      role="status"
      data-testid="survey-verdict"
    >
      {result.dissatisfied ? (
        <>
          <strong>{t('surveys.result.dissatisfiedBecause')}</strong>
          <ReasonList reasons={result.reasons} />
        </>
      ) : (
        <strong>{t('surveys.result.satisfiedSaid')}</strong>
      )}
      {result.complaint ? (
        <p>
          <Link to={`/complaints/${result.complaint.id}`} data-testid="survey-complaint">
            {t('surveys.result.complaintOpened', { number: result.complaint.number })}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/** A recorded survey, read-only: the verdict, then every question of its version with the answer given. */
export function SurveyAnswers({ response }: { response: SurveyResponseDto }) {
  const { t, i18n } = useTranslation();
  return (
    <div data-testid="survey-answers">
      <p className="small">
        <span
          className={`badge ${response.dissatisfied ? 'survey-verdict-bad' : 'survey-verdict-good'}`}
          data-testid="survey-dissatisfied"
        >
          {response.dissatisfied ? t('surveys.result.dissatisfied') : t('surveys.result.satisfied')}
        </span>{' '}
        {t('surveys.result.answeredBy', {
          at: formatDateTime(response.answeredAt),
          agent: response.agent.displayName,
          version: response.templateVersion,
        })}
      </p>
      {response.dissatisfied ? <ReasonList reasons={response.reasons} /> : null}
      <DataTable
        caption={t('surveys.result.title')}
        columns={[
          {
            id: 'question',
            header: t('surveys.result.question'),
            cell: (answer) => `${answer.position}. ${questionText(answer, i18n.language)}`,
          },
          {
            id: 'answer',
            header: t('surveys.result.answer'),
            cell: (answer) =>
              answer.value === null ? (
                <span className="muted">{t('surveys.result.notAnswered')}</span>
              ) : (
                <span className={answer.dissatisfied ? 'survey-answer-bad' : undefined}>{answerText(t, answer.value)}</span>
              ),
          },
        ]}
        rows={response.answers}
        rowKey={(answer) => answer.questionId}
        empty={t('surveys.result.noQuestions')}
      />
    </div>
  );
}
