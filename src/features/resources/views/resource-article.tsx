import { t } from '../../../platform/i18n/index.ts';
import type { AttachmentRow } from '../repository.ts';
import type { ResourceContent } from '../service.ts';
import type { ResourceKind, ResourceLink } from '../tables.ts';
import { formatBytes } from '../uploads.ts';
import { attachmentUrl, Markdown } from './shared.tsx';

function FileLink({ slug, attachment }: { slug: string; attachment: AttachmentRow }) {
  return (
    <li>
      <a href={attachmentUrl(slug, attachment)} download={attachment.file_name}>
        {attachment.file_name}
      </a>{' '}
      <span class="muted">({formatBytes(attachment.size_bytes)})</span>
    </li>
  );
}

function Links({ links, kind }: { links: ResourceLink[]; kind: ResourceKind }) {
  if (!links.length) return null;
  return (
    <section class="resource-links">
      <h2>{t('resources.links')}</h2>
      <ul>
        {links.map((link, index) => (
          <li>
            <a
              href={link.url}
              rel="nofollow noopener"
              class={kind === 'recording' && index === 0 ? 'button' : undefined}
            >
              {link.label ||
                (kind === 'recording' && index === 0 ? t('resources.watch') : link.url)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface ArticleProps {
  slug: string;
  content: ResourceContent;
  attachments: AttachmentRow[];
  linked: Map<number, { slug: string; title: string }>;
}

/** The body of a resource: text, steps with checklists and templates, links, downloads. */
export function ResourceArticle({ slug, content, attachments, linked }: ArticleProps) {
  const stepKeys = new Set(content.steps.map((step) => step.key));
  const general = attachments.filter((a) => !a.step_key || !stepKeys.has(a.step_key));
  return (
    <>
      {content.body.trim() && <Markdown text={content.body} />}
      {content.kind === 'toolkit' && content.steps.length > 0 && (
        <section class="toolkit-steps-section">
          <h2>{t('resources.steps')}</h2>
          <ol class="toolkit-steps">
            {content.steps.map((step, index) => {
              const templates = attachments.filter((a) => a.step_key === step.key);
              const seeAlso = step.resourceIds.map((id) => linked.get(id)).filter((r) => !!r);
              return (
                <li class="toolkit-step" id={`step-${index + 1}`}>
                  <h3>
                    <span class="step-number">{t('resources.step', { n: index + 1 })}</span>{' '}
                    {step.title}
                  </h3>
                  {step.body.trim() && <Markdown text={step.body} />}
                  {step.checklist.length > 0 && (
                    <fieldset class="toolkit-checklist">
                      <legend>{t('resources.checklist')}</legend>
                      <ul>
                        {step.checklist.map((item, itemIndex) => (
                          <li>
                            <label class="checkbox">
                              <input
                                type="checkbox"
                                data-checklist={`${slug}:${step.key}:${itemIndex}`}
                              />{' '}
                              <span>{item}</span>
                            </label>
                          </li>
                        ))}
                      </ul>
                    </fieldset>
                  )}
                  {templates.length > 0 && (
                    <div class="toolkit-templates">
                      <h4>{t('resources.templates')}</h4>
                      <ul>
                        {templates.map((attachment) => (
                          <FileLink slug={slug} attachment={attachment} />
                        ))}
                      </ul>
                    </div>
                  )}
                  {seeAlso.length > 0 && (
                    <div class="toolkit-see-also">
                      <h4>{t('resources.seeAlso')}</h4>
                      <ul>
                        {seeAlso.map((resource) => (
                          <li>
                            <a href={`/resources/${resource!.slug}`}>{resource!.title}</a>
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      )}
      <Links links={content.links} kind={content.kind} />
      {general.length > 0 && (
        <section class="resource-downloads">
          <h2>{t('resources.downloads')}</h2>
          <ul>
            {general.map((attachment) => (
              <FileLink slug={slug} attachment={attachment} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
