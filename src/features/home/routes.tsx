import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { contentVersion } from '../../platform/db/change-tracker.ts';
import type { Composition, HomeSection } from '../../platform/feature.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { renderPage } from '../../platform/views/render.tsx';

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter(Boolean)
        .map((paragraph) => (
          <p>{paragraph}</p>
        ))}
    </>
  );
}

export function FindGroupForm({ value }: { value?: string }) {
  return (
    <form action="/groups" method="get" class="finder" role="search">
      <label for="finder-q">{t('home.findGroup.label')}</label>
      {/* The example is help text, not a placeholder: it stays visible and is never cut off. */}
      <p class="help" id="finder-q-help">
        {t('home.findGroup.help')}
      </p>
      <div class="finder-row">
        <input
          id="finder-q"
          name="q"
          type="text"
          value={value ?? ''}
          autocomplete="postal-code"
          aria-describedby="finder-q-help"
          data-town-suggest=""
          list="town-suggestions"
        />
        <button type="submit">{t('home.findGroup.button')}</button>
      </div>
      <datalist id="town-suggestions" />
    </form>
  );
}

/**
 * The home page's sections, kept until content changes in this process or 10 seconds pass
 * (another process's changes). What is kept is the element tree, not HTML: per-visitor parts
 * such as a form's CSRF token are still rendered for each request.
 */
const SECTION_TTL_MS = 10_000;
let cachedSections: { version: number; at: number; sections: Child[] } | undefined;

async function renderSections(
  services: Services,
  homeSections: readonly HomeSection[],
): Promise<Child[]> {
  const version = contentVersion();
  if (
    cachedSections &&
    cachedSections.version === version &&
    Date.now() - cachedSections.at < SECTION_TTL_MS
  ) {
    return cachedSections.sections;
  }
  const sections = await Promise.all(homeSections.map((section) => section.render(services)));
  cachedSections = { version, at: Date.now(), sections };
  return sections;
}

/** The home page shows every enabled feature's sections (Feature.homeSections), in order. */
export function homeRoutes(
  app: Hono<AppEnv>,
  services: Services,
  { homeSections }: Composition,
): void {
  app.get('/', async (c) => {
    const site = c.get('site');
    const sections = await renderSections(services, homeSections);
    return renderPage(
      c,
      { title: site.name },
      <>
        <section class="hero">
          <div class="hero-intro">
            <h1>{site.name}</h1>
            <div class="hero-text">
              <Paragraphs text={site.welcome} />
            </div>
          </div>
          <div class="hero-finder">
            <h2 class="finder-heading">{t('home.findGroup')}</h2>
            <FindGroupForm />
          </div>
        </section>
        <div class="home-sections">{sections}</div>
      </>,
    );
  });

  app.get('/about', (c) => {
    const site = c.get('site');
    return renderPage(
      c,
      { title: t('about.title'), narrow: true },
      <>
        <h1>{t('about.title')}</h1>
        <p class="lead">{t('about.lead')}</p>
        <Paragraphs text={site.welcome} />
        <h2>What you can do here</h2>
        <ul>
          <li>
            <a href="/groups">Find a group near you</a> by town or ZIP code, and see your district
            and representatives.
          </li>
          <li>
            <a href="/events">See events</a> across the state, and subscribe to the calendar.
          </li>
          <li>
            <a href="/newsletter">Get the weekly newsletter</a>.
          </li>
          <li>
            <a href="/resources">Learn from toolkits and trainings</a>.
          </li>
        </ul>
        <h2>How the coalition is run</h2>
        <p>
          A Coordinating Board of nine members, one for each of Massachusetts's congressional
          districts, each elected for two years by the Indivisible members of that district.
          Standing Teams do the coalition's ongoing work; Action Teams form around an issue for a
          time.
        </p>
        <p>The coalition talks on Slack. Statewide meetings and town halls happen on Zoom.</p>
      </>,
    );
  });
}
