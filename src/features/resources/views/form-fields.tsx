import type { Child } from 'hono/jsx';
import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import type { ResourceFormModel } from '../form.ts';
import type { AttachmentRow } from '../repository.ts';
import { formatBytes, MAX_ATTACHMENT_BYTES } from '../uploads.ts';

export interface FormOptions {
  teams: { slug: string; name: string }[];
  groups: { slug: string; name: string }[];
  /** Resources a step may link to. */
  resources: { slug: string; title: string }[];
  /** The actor may name any author (editors); team leads only their teams. */
  anyAuthor: boolean;
}

export interface ResourceFormProps {
  action: string;
  model: ResourceFormModel;
  state?: FormState;
  options: FormOptions;
  attachments: AttachmentRow[];
  isPublished: boolean;
  preview?: Child;
  slug?: string;
}

export function StepFields({
  model,
  state,
  options,
}: Pick<ResourceFormProps, 'model' | 'state' | 'options'>) {
  const errors = state?.errors ?? {};
  return (
    <fieldset class="form-steps" id="field-steps">
      <legend>{t('resources.form.steps')}</legend>
      <p class="help">{t('resources.form.stepsHelp')}</p>
      {errors.steps && <p class="field-error">{errors.steps}</p>}
      <ol class="form-step-list">
        {model.steps.map((step, index) => {
          const n = index + 1;
          const id = (field: string) => `field-steps-${index}-${field}`;
          const err = (field: string) => errors[`steps-${index}-${field}`];
          const linked = new Set(step.resources);
          return (
            <li class="form-step">
              <input type="hidden" name="step_key" value={step.key} />
              <div class={err('title') ? 'field has-error' : 'field'}>
                <label for={id('title')}>{t('resources.form.stepTitle', { n })}</label>
                {err('title') && <p class="field-error">{err('title')}</p>}
                <input
                  id={id('title')}
                  type="text"
                  name="step_title"
                  value={step.title}
                  maxlength={200}
                />
              </div>
              <div class={err('body') ? 'field has-error' : 'field'}>
                <label for={id('body')}>{t('resources.form.stepBody')}</label>
                {err('body') && <p class="field-error">{err('body')}</p>}
                <textarea id={id('body')} name="step_body" rows={5}>
                  {step.body}
                </textarea>
              </div>
              <div class={err('checklist') ? 'field has-error' : 'field'}>
                <label for={id('checklist')}>{t('resources.form.stepChecklist')}</label>
                <p class="help">{t('resources.form.stepChecklistHelp')}</p>
                {err('checklist') && <p class="field-error">{err('checklist')}</p>}
                <textarea id={id('checklist')} name="step_checklist" rows={4}>
                  {step.checklist}
                </textarea>
              </div>
              {options.resources.length > 0 && (
                <div class={err('resources') ? 'field has-error' : 'field'}>
                  <label for={id('resources')}>{t('resources.form.stepResources')}</label>
                  {err('resources') && <p class="field-error">{err('resources')}</p>}
                  <select
                    id={id('resources')}
                    name={`step_resources_${step.key}`}
                    multiple
                    size={4}
                  >
                    {options.resources.map((resource) => (
                      <option value={resource.slug} selected={linked.has(resource.slug)}>
                        {resource.title}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div class="form-step-buttons">
                {index > 0 && (
                  <button
                    type="submit"
                    name="action"
                    value={`move-up:${step.key}`}
                    class="secondary"
                  >
                    {t('resources.form.moveUp', { n })}
                  </button>
                )}
                {index < model.steps.length - 1 && (
                  <button
                    type="submit"
                    name="action"
                    value={`move-down:${step.key}`}
                    class="secondary"
                  >
                    {t('resources.form.moveDown', { n })}
                  </button>
                )}
                <button
                  type="submit"
                  name="action"
                  value={`remove-step:${step.key}`}
                  class="secondary"
                >
                  {t('resources.form.removeStep', { n })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="submit" name="action" value="add-step" class="secondary">
        {t('resources.form.addStep')}
      </button>
    </fieldset>
  );
}

export function AttachmentFields({
  model,
  state,
  attachments,
}: Pick<ResourceFormProps, 'model' | 'state' | 'attachments'>) {
  const error = state?.errors?.attachment;
  const stepOptions = [
    { value: '', label: t('resources.form.wholeResource') },
    ...(model.kind === 'toolkit'
      ? model.steps.map((step, index) => ({
          value: step.key,
          label: `${t('resources.step', { n: index + 1 })}${step.title ? `: ${step.title}` : ''}`,
        }))
      : []),
  ];
  const placement = new Map(model.attachments.map((a) => [a.id, a.step] as const));
  return (
    <fieldset
      class={error ? 'field has-error form-attachments' : 'field form-attachments'}
      id="field-attachment"
    >
      <legend>{t('resources.form.attachments')}</legend>
      <p class="help">
        {t('resources.form.attachmentsHelp', { size: formatBytes(MAX_ATTACHMENT_BYTES) })}
      </p>
      {error && <p class="field-error">{error}</p>}
      {attachments.length === 0 ? (
        <p class="muted">{t('resources.form.noAttachments')}</p>
      ) : (
        <ul class="form-attachment-list">
          {attachments.map((attachment) => (
            <li>
              <input type="hidden" name="attachment_id" value={String(attachment.id)} />
              <span class="form-attachment-name">{attachment.file_name}</span>{' '}
              <span class="muted">({formatBytes(attachment.size_bytes)})</span>
              <label class="visually-hidden" for={`attachment-step-${attachment.id}`}>
                {t('resources.form.attachmentStep')}
              </label>
              <select id={`attachment-step-${attachment.id}`} name="attachment_step">
                {stepOptions.map((option) => (
                  <option
                    value={option.value}
                    selected={
                      (placement.get(attachment.id) ?? attachment.step_key ?? '') === option.value
                    }
                  >
                    {option.label}
                  </option>
                ))}
              </select>{' '}
              <button
                type="submit"
                name="action"
                value={`remove-attachment:${attachment.id}`}
                class="link-button"
              >
                {t('resources.form.removeAttachment', { name: attachment.file_name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="field">
        <label for="field-attachment-file">{t('resources.form.attachment')}</label>
        <input id="field-attachment-file" type="file" name="attachment" multiple />
      </div>
      {stepOptions.length > 1 && (
        <div class="field">
          <label for="field-new-attachment-step">{t('resources.form.attachmentStep')}</label>
          <select id="field-new-attachment-step" name="new_attachment_step">
            {stepOptions.map((option) => (
              <option value={option.value} selected={model.newAttachmentStep === option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}
