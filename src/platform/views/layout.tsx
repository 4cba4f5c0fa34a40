import type { Child } from 'hono/jsx';
import { useRequestContext } from 'hono/jsx-renderer';
import { canOpenAdmin } from '../auth/policies.ts';
import { assetUrl } from '../http/assets.ts';
import type { AppEnv } from '../http/env.ts';
import { t } from '../i18n/index.ts';
import { CsrfField } from './components.tsx';

export interface LayoutProps {
  title: string;
  description?: string;
  /** Extra <head> content: feed links, JSON-LD. */
  head?: Child;
  children?: Child;
  /** Narrow reading column (articles, forms). */
  narrow?: boolean;
}

export const NAV_ITEMS = [
  { href: '/groups', key: 'nav.groups' },
  { href: '/events', key: 'nav.events' },
  { href: '/newsletter', key: 'nav.newsletter' },
  { href: '/resources', key: 'nav.resources' },
  { href: '/actions', key: 'nav.actions' },
  { href: '/teams', key: 'nav.teams' },
  { href: '/board', key: 'nav.board' },
  { href: '/meetings', key: 'nav.meetings' },
] as const;

export function Layout({ title, description, head, children, narrow }: LayoutProps) {
  const c = useRequestContext<AppEnv>();
  const site = c.get('site');
  const actor = c.get('actor');
  const flash = c.get('flash');
  // A feature fills the footer's first column (Feature.footer); the layout knows none of them.
  const Footer = c.get('footer');
  const path = c.req.path;
  const fullTitle = title === site.name ? title : `${title} · ${site.name}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description ?? site.tagline} />
        <meta name="theme-color" content={site.accentColor} />
        <link rel="stylesheet" href={assetUrl('app.css')} />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        <style>{`:root{--accent:${site.accentColor}}`}</style>
        <script src={assetUrl('app.js')} defer />
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('site.skip')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              {site.logoUrl ? (
                <img src={site.logoUrl} alt="" width="32" height="32" />
              ) : (
                <span class="brand-mark" aria-hidden="true" />
              )}
              <span>{site.name}</span>
            </a>
            <form class="header-search" action="/search" method="get" role="search">
              <label class="visually-hidden" for="site-search">
                {t('search.label')}
              </label>
              <input
                id="site-search"
                type="search"
                name="q"
                placeholder={t('search.placeholder')}
                value={path === '/search' ? (c.req.query('q') ?? '') : ''}
              />
              <button type="submit">{t('search.button')}</button>
            </form>
            <div class="account-links">
              {actor ? (
                <>
                  {canOpenAdmin(actor) && <a href="/admin">{t('nav.admin')}</a>}
                  <form method="post" action="/logout" class="inline-form">
                    <CsrfField />
                    <button type="submit" class="link-button">
                      {t('nav.signOut')}
                    </button>
                  </form>
                </>
              ) : (
                <a href="/login">{t('nav.signIn')}</a>
              )}
            </div>
          </div>
          <nav class="main-nav" aria-label={t('nav.label')}>
            <ul class="wrap">
              {NAV_ITEMS.map((item) => (
                <li>
                  <a
                    href={item.href}
                    aria-current={
                      path === item.href || path.startsWith(`${item.href}/`) ? 'page' : undefined
                    }
                  >
                    {t(item.key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        {flash && (
          <div class="wrap">
            <p class="flash" role="status">
              {flash}
            </p>
          </div>
        )}
        <main id="main" class={narrow ? 'wrap narrow' : 'wrap'} tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap footer-grid">
            {Footer ? <Footer /> : <div />}
            <div>
              <p class="footer-name">{site.name}</p>
              <p>{site.tagline}</p>
              {/* Every section again, so a phone user sees them all without scrolling the nav row. */}
              <nav aria-label={t('footer.sections')}>
                <ul class="footer-links">
                  {NAV_ITEMS.map((item) => (
                    <li>
                      <a href={item.href}>{t(item.key)}</a>
                    </li>
                  ))}
                  <li>
                    <a href="/about">{t('footer.about')}</a>
                  </li>
                  <li>
                    <a href="/events.ics">{t('footer.feeds')}</a>
                  </li>
                  {!actor && (
                    <li>
                      <a href="/login">{t('nav.signIn')}</a>
                    </li>
                  )}
                </ul>
              </nav>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
