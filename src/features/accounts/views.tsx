import type { FormState } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, Field } from '../../platform/views/components.tsx';
import { SIGN_IN_LINK_MINUTES } from './sign-in.ts';

export function SignInForm({
  state,
  next,
  notice,
}: {
  state?: FormState;
  next?: string;
  notice?: string;
}) {
  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <p class="lead">{t('signIn.lead')}</p>
      {notice && <p class="notice">{notice}</p>}
      <ErrorSummary state={state} />
      <form method="post" action="/login" class="stack" novalidate>
        <CsrfField />
        {next && <input type="hidden" name="next" value={next} />}
        <Field
          name="email"
          label={t('signIn.email')}
          type="email"
          autocomplete="email"
          state={state}
          required
        />
        <button type="submit">{t('signIn.submit')}</button>
      </form>
    </>
  );
}

export function SignInSent({ email }: { email: string }) {
  return (
    <>
      <h1>{t('signIn.sent.title')}</h1>
      <p class="lead">{t('signIn.sent.body', { email, minutes: SIGN_IN_LINK_MINUTES })}</p>
    </>
  );
}

export function ConfirmSignIn({ email, token }: { email: string; token: string }) {
  return (
    <>
      <h1>{t('signIn.confirm.title')}</h1>
      <p class="lead">{t('signIn.confirm.body', { email })}</p>
      <form method="post" action={`/login/${token}`}>
        <CsrfField />
        <button type="submit">{t('signIn.confirm.button')}</button>
      </form>
    </>
  );
}

export function SetupForm({ token, state }: { token: string; state?: FormState }) {
  return (
    <>
      <h1>{t('setup.title')}</h1>
      <p class="lead">{t('setup.lead')}</p>
      <ErrorSummary state={state} />
      <form method="post" action={`/setup/${token}`} class="stack" novalidate>
        <CsrfField />
        <Field name="name" label={t('setup.name')} autocomplete="name" state={state} required />
        <Field
          name="email"
          label={t('setup.email')}
          type="email"
          autocomplete="email"
          state={state}
          required
        />
        <button type="submit">{t('setup.submit')}</button>
      </form>
    </>
  );
}
