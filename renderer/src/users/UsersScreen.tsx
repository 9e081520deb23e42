import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import { createUserInput, type UserDto } from '../../../shared/contract/users';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { formatHm } from '../../../shared/domain/appointment-slots';
import { wallClock } from '../../../shared/domain/desk-time';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { DataTable } from '../ui/DataTable';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { EnumSelect, ErrorBanner, Field, Loading, Section } from '../ui/widgets';

type NewUser = { username: string; displayName: string; password: string; role: Role };

function CreateUserForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<NewUser, unknown, NewUser>({
    resolver: schemaResolver<NewUser, typeof createUserInput>(createUserInput, t),
    defaultValues: { username: '', displayName: '', password: '', role: 'advisor' },
  });
  const create = useMutation(orpc.users.create.mutationOptions());
  const errors = form.formState.errors;
  const { submit, unplaced } = useFormSubmit(form, ['username', 'displayName', 'password', 'role'], async (values) => {
    await create.mutateAsync(values);
    form.reset();
    await queryClient.invalidateQueries({ queryKey: orpc.users.key() });
  });
  return (
    <form className="form-grid" noValidate onSubmit={submit}>
      <Field label={t('fields.username')} name="username" error={errors.username}>
        <input autoComplete="off" {...form.register('username')} />
      </Field>
      <Field label={t('fields.displayName')} name="displayName" error={errors.displayName}>
        <input {...form.register('displayName')} />
      </Field>
      <Field label={t('fields.password')} name="password" error={errors.password}>
        <input type="password" autoComplete="new-password" {...form.register('password')} />
      </Field>
      <Field label={t('fields.role')} name="role" error={errors.role}>
        <EnumSelect values={ROLES} catalogue="roles" {...form.register('role')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={create.isPending} submitLabel={t('users.create')} />
    </form>
  );
}

/** Who may sign in, and as what. Only the administrator adds users. */
export function UsersScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const users = useQuery(orpc.users.list.queryOptions({ input: {} }));
  // Users locked out after five wrong passwords; a manager unlocks one who proved who they are.
  const queryClient = useQueryClient();
  const mayUnlock = canCall(user.role, contract.users.unlock);
  const lockouts = useQuery({ ...orpc.users.lockouts.queryOptions({ input: {} }), enabled: mayUnlock });
  const unlock = useMutation(
    orpc.users.unlock.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: orpc.users.lockouts.key() }),
    }),
  );
  return (
    <div className="page">
      <Section page title={t('users.title')}>
        {users.isPending ? <Loading /> : null}
        <ErrorBanner error={users.error} />
        <ErrorBanner error={unlock.error} />
        <DataTable<UserDto>
          caption={t('users.title')}
          rows={users.data}
          rowKey={(u) => u.id}
          empty={t('users.empty')}
          columns={[
            { id: 'username', header: t('fields.username'), cell: (u) => u.username },
            { id: 'displayName', header: t('fields.displayName'), cell: (u) => u.displayName },
            { id: 'role', header: t('fields.role'), cell: (u) => t(`roles.${u.role}`) },
            {
              id: 'state',
              header: t('users.state'),
              cell: (u) => (
                <>
                  {u.active ? t('users.active') : t('users.inactive')}
                  {(lockouts.data ?? [])
                    .filter((l) => l.userId === u.id)
                    .map((l) => (
                      <span key={l.userId}>
                        {' · '}
                        {t('sessions.locked', { time: formatHm(wallClock(new Date(l.lockedUntil)).minutes) })}{' '}
                        <button type="button" disabled={unlock.isPending} onClick={() => unlock.mutate({ userId: u.id })}>
                          {t('sessions.unlock')}
                        </button>
                      </span>
                    ))}
                </>
              ),
            },
          ]}
        />
      </Section>
      {canCall(user.role, contract.users.create) ? (
        <Section title={t('users.create')}>
          <CreateUserForm />
        </Section>
      ) : null}
    </div>
  );
}
