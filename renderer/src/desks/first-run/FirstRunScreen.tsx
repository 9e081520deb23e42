import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { connectDeskInput, type ConnectDeskInput } from '../../../../shared/contract/desks';
import type { ApiIssue } from '../../../../shared/contract/errors';
import { describeIssue } from '../../api/errors';
import { DeskOwnPage } from './DeskOwnPage';
import { schemaResolver } from '../../ui/form-resolver';
import { Field } from '../../ui/widgets';

type Choice = 'standalone' | 'server';

/**
 * A desktop desk's first run (issue 16 item 4): "This PC keeps the database" (a standalone desk, or the server PC
 * itself) or "Connect to the service department's server" with its address and a manager's pairing code. The main
 * process pairs, pins the server's certificate and shows the server's pages; a refusal names the field to correct.
 */
export function FirstRunScreen() {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Choice>('standalone');
  const [problem, setProblem] = useState<ApiIssue | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<ConnectDeskInput, unknown, ConnectDeskInput>({
    resolver: schemaResolver(connectDeskInput, t),
    defaultValues: { serverAddress: '', code: '', name: '' },
  });
  const errors = form.formState.errors;
  const bridge = window.baydesk;

  const keepHere = async () => {
    setBusy(true);
    await bridge?.keepDatabaseHere();
  };
  const connect = async (values: ConnectDeskInput) => {
    if (!bridge) return;
    setBusy(true);
    setProblem(null);
    const answer = await bridge.connectToServer(values);
    if (answer.ok) return; // the window shows the server's pages next
    setBusy(false);
    for (const issue of answer.error.issues) {
      const field = issue.field as keyof ConnectDeskInput | undefined;
      if (field && field in values)
        form.setError(field, { type: issue.reason, message: describeIssue(t, { ...issue, field: undefined }) });
      else setProblem(issue);
    }
  };

  return (
    <DeskOwnPage>
      <form
        className="login-form first-run"
        noValidate
        onSubmit={choice === 'server' ? form.handleSubmit(connect) : (event) => (event.preventDefault(), void keepHere())}
      >
        <h1>{t('desks.firstRun.title')}</h1>
        <p className="muted">{t('desks.firstRun.hint')}</p>
        <fieldset className="first-run-choices">
          {(['standalone', 'server'] as const).map((option) => (
            <label key={option} className={`first-run-choice${choice === option ? ' chosen' : ''}`}>
              <input type="radio" name="choice" value={option} checked={choice === option} onChange={() => setChoice(option)} />
              <span>
                <strong>{t(`desks.firstRun.${option}`)}</strong>
                <span className="muted">{t(`desks.firstRun.${option}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {choice === 'server' ? (
          <>
            <Field label={t('fields.serverAddress')} name="serverAddress" error={errors.serverAddress}>
              <input autoFocus placeholder="192.168.1.20:5178" {...form.register('serverAddress')} />
            </Field>
            <Field label={t('desks.code')} name="code" error={errors.code}>
              <input inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...form.register('code')} />
            </Field>
            <Field label={t('desks.name')} name="name" error={errors.name}>
              <input placeholder={t('desks.namePlaceholder')} {...form.register('name')} />
            </Field>
            <p className="muted">{t('desks.firstRun.fingerprintHint')}</p>
          </>
        ) : null}
        {problem ? (
          <div className="banner banner-error" role="alert">
            {describeIssue(t, problem)}
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('desks.firstRun.connecting') : t(choice === 'server' ? 'desks.firstRun.connect' : 'desks.firstRun.continue')}
        </button>
      </form>
    </DeskOwnPage>
  );
}
