import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AppError, ERROR_STATUS, type ErrorCode } from '../errors.ts';
import { t } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import { DEFAULT_SITE } from '../site.ts';
import { renderPage } from '../views/render.tsx';
import type { AppEnv } from './env.ts';
import { invalidInputFrom } from './input.ts';

const TITLES: Partial<Record<ErrorCode, string>> = {
  not_found: 'error.notFound.title',
  forbidden: 'error.forbidden.title',
  unauthorized: 'error.unauthorized.title',
  invalid_input: 'error.invalid.title',
  rate_limited: 'error.rateLimited.title',
  internal: 'error.internal.title',
  unavailable: 'error.internal.title',
};

function wantsJson(c: Context<AppEnv>): boolean {
  return c.get('isApi') || (c.req.header('accept') ?? '').startsWith('application/json');
}

/** The JSON error body of INTERFACE.md: {"error": {"code", "message", "fields"}}. */
export function jsonError(
  c: Context,
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
) {
  return c.json(
    { error: { code, message, ...(fields ? { fields } : {}) } },
    ERROR_STATUS[code] as ContentfulStatusCode,
  );
}

function errorPage(c: Context<AppEnv>, code: ErrorCode, message: string) {
  if (!c.get('site')) c.set('site', DEFAULT_SITE);
  const title = t(TITLES[code] ?? 'error.internal.title');
  const showReference = code === 'internal' || code === 'unavailable';
  return renderPage(
    c,
    { title, narrow: true },
    <div class="error-page">
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      {code === 'unauthorized' && (
        <p>
          <a class="button" href={`/login?next=${encodeURIComponent(c.req.path)}`}>
            {t('nav.signIn')}
          </a>
        </p>
      )}
      {showReference && (
        <p class="muted">{t('error.reference', { id: c.get('requestId') ?? '' })}</p>
      )}
      <p>
        <a href="/">{t('error.home')}</a>
      </p>
    </div>,
    ERROR_STATUS[code] as ContentfulStatusCode,
  );
}

/** One place that turns any thrown error into a page or JSON; never a stack trace or SQL. */
export function handleError(logger: Logger) {
  return (error: Error, c: Context<AppEnv>) => {
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (error instanceof z.ZodError) {
      // Input a route parsed without parseQuery/parseForm: the client's mistake, not ours.
      appError = invalidInputFrom(error);
    } else if (error instanceof HTTPException && error.status === 413) {
      appError = new AppError('payload_too_large', 'That upload or form is too large.');
    } else if (error instanceof HTTPException && error.status < 500) {
      appError = new AppError(
        error.status === 404 ? 'not_found' : 'invalid_input',
        error.message || 'Bad request.',
      );
    } else {
      logger.error(
        { err: error, requestId: c.get('requestId'), path: c.req.path },
        'request failed',
      );
      appError = new AppError('internal', t('error.internal.body'));
    }
    if (appError.code !== 'internal' && appError.status >= 500) {
      logger.error({ err: error, requestId: c.get('requestId') }, 'request failed');
    }
    if (wantsJson(c)) return jsonError(c, appError.code, appError.message, appError.fields);
    return errorPage(c, appError.code, appError.message);
  };
}

export function handleNotFound(c: Context<AppEnv>) {
  if (wantsJson(c))
    return jsonError(c, 'not_found', `No such endpoint: ${c.req.method} ${c.req.path}`);
  return errorPage(c, 'not_found', t('error.notFound.body'));
}
