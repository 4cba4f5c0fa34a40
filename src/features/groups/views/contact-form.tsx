import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  TextAreaField,
} from '../../../platform/views/components.tsx';

export function ContactForm({
  slug,
  state,
  stamp,
}: {
  slug: string;
  state: FormState<any>;
  stamp: string;
}) {
  return (
    <form method="post" action={`/groups/${slug}/contact#contact`} class="contact-form" novalidate>
      <p>{t('groups.contact.lead')}</p>
      <ErrorSummary state={state} />
      <CsrfField />
      <input type="hidden" name="started" value={stamp} />
      <Field
        name="name"
        label={t('groups.contact.name')}
        state={state}
        autocomplete="name"
        required
      />
      <Field
        name="email"
        type="email"
        label={t('groups.contact.email')}
        help={t('groups.contact.emailHelp')}
        state={state}
        autocomplete="email"
        required
      />
      <TextAreaField
        name="message"
        label={t('groups.contact.message')}
        state={state}
        rows={6}
        required
      />
      <div class="hp-field" aria-hidden="true">
        <label for="field-website">{t('groups.contact.honeypot')}</label>
        <input id="field-website" name="website" type="text" tabindex={-1} autocomplete="off" />
      </div>
      <button type="submit">{t('groups.contact.send')}</button>
    </form>
  );
}
