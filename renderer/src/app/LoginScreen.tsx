import { useMutation, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { loginInput, setupAdminInput, type SessionDto } from '../../../shared/contract/users';
import { orpc } from '../api/client';
import { toApiError } from '../api/errors';
import { PairDeskForm } from '../desks/PairDeskForm';
import { setSession } from '../api/session';
import { clearSessionEndReason, sessionEndReason } from '../api/session-end';
import { schemaResolver } from '../ui/form-resolver';
import { ErrorBanner, Field, Loading } from '../ui/widgets';
import { LanguageSwitch } from './LanguageSwitch';

const setupSchema = setupAdminInput
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { message: 'passwordsDiffer', path: ['confirmPassword'] });

function LoginForm({
  demo,
}: {
  demo: { users: { username: string; displayName: string; role: string }[]; password: string } | null;
}) {
  const { t } = useTranslation();
  const form = useForm<{ username: string; password: string }, unknown, { username: string; password: string }>({
    resolver: schemaResolver(loginInput, t),
    defaultValues: { username: '', password: '' },
  });
  const login = useMutation(
    orpc.users.login.mutationOptions({
      onSuccess: (session: SessionDto) => {
        clearSessionEndReason();
        setSession(session);
      },
    }),
  );
  const submit = form.handleSubmit((values) => login.mutate(values));
  // Why the desk is back here (idle, 12 h, password changed elsewhere), until someone signs in again.
  const ended = sessionEndReason();

  return (
    <>
      <form className="login-form" onSubmit={submit} noValidate>
        <h1>{t('login.title')}</h1>
        {ended && !login.error ? (
          <div className="banner banner-warning" role="status">
            {t(`reasons.${ended}`, { defaultValue: t('reasons.session.expired') })}
          </div>
        ) : null}
        <Field label={t('login.username')} name="username" error={form.formState.errors.username}>
          <input autoFocus autoComplete="username" {...form.register('username')} />
        </Field>
        <Field label={t('login.password')} name="password" error={form.formState.errors.password}>
          <input type="password" autoComplete="current-password" {...form.register('password')} />
        </Field>
        <ErrorBanner error={login.error} />
        <button type="submit" className="primary" disabled={login.isPending}>
          {t('login.submit')}
        </button>
      </form>
      {demo ? (
        <aside className="demo-users" aria-label={t('login.demoTitle')}>
          <h2>{t('login.demoTitle')}</h2>
          <ul>
            {demo.users.map((user) => (
              <li key={user.username}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    form.setValue('username', user.username);
                    form.setValue('password', demo.password);
                    void submit();
                  }}
                >
                  <strong>{user.username}</strong> · {user.displayName} · {t(`roles.${user.role}`)}
                </button>
              </li>
            ))}
          </ul>
          <p className="muted">{t('login.demoPassword', { password: demo.password })}</p>
        </aside>
      ) : null}
    </>
  );
}

function SetupForm() {
  const { t } = useTranslation();
  type Values = { username: string; displayName: string; password: string; confirmPassword: string };
  const form = useForm<Values, unknown, z.output<typeof setupSchema>>({
    resolver: schemaResolver<Values, typeof setupSchema>(setupSchema, t),
    defaultValues: { username: 'admin', displayName: '', password: '', confirmPassword: '' },
  });
  const setup = useMutation(orpc.users.setupAdmin.mutationOptions({ onSuccess: (session: SessionDto) => setSession(session) }));
  const errors = form.formState.errors;
  return (
    <form
      className="login-form"
      noValidate
      onSubmit={form.handleSubmit(({ confirmPassword: _ignored, ...values }) => setup.mutate(values))}
    >
      <h1>{t('login.setupTitle')}</h1>
      <p className="muted">{t('login.setupHint')}</p>
      <Field label={t('login.username')} name="username" error={errors.username}>
        <input autoComplete="username" {...form.register('username')} />
      </Field>
      <Field label={t('login.displayName')} name="displayName" error={errors.displayName}>
        <input autoFocus {...form.register('displayName')} />
      </Field>
      <Field label={t('login.password')} name="password" error={errors.password}>
        <input type="password" autoComplete="new-password" {...form.register('password')} />
      </Field>
      <Field label={t('login.confirmPassword')} name="confirmPassword" error={errors.confirmPassword}>
        <input type="password" autoComplete="new-password" {...form.register('confirmPassword')} />
      </Field>
      <ErrorBanner error={setup.error} />
      <button type="submit" className="primary" disabled={setup.isPending}>
        {t('login.setupSubmit')}
      </button>
    </form>
  );
}

/** First screen: the admin set-up on a new database, else sign-in (listing the demo users on the demo database). */
export function LoginScreen() {
  const { t } = useTranslation();
  // Asked again whenever the login page shows: a desk sent back here because it was revoked must learn it is.
  const status = useQuery({ ...orpc.users.status.queryOptions({ input: {} }), refetchOnMount: 'always' });
  // Served to the network, a desk the server does not know (or no longer knows) pairs first (issue 16).
  const reason = status.error ? toApiError(status.error).issues[0]?.reason : undefined;
  const unpaired = reason === 'desk.unpaired' || reason === 'desk.revoked';
  return (
    <div className="login-page">
      <header className="login-header">
        <div className="brand">
          {t('app.name')} <span className="muted">{t('app.tagline')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main className="login-main">
        {status.isPending ? <Loading /> : null}
        {reason === 'desk.unpaired' ? null : <ErrorBanner error={status.error} />}
        {unpaired ? (
          <PairDeskForm />
        ) : status.data ? (
          status.data.needsSetup ? (
            <SetupForm />
          ) : (
            <LoginForm demo={status.data.demo} />
          )
        ) : null}
      </main>
    </div>
  );
}
