import { randomUUID } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findSessionActor, findTokenActor, SESSION_COOKIE } from '../auth/sessions.ts';
import { hmac, randomToken, safeEqual } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';
import type { AppEnv } from './env.ts';

export const CSRF_COOKIE = 'hub_csrf';
export const CSRF_FIELD = '_csrf';
export const FLASH_COOKIE = 'hub_flash';

/** Request id, client address (from the proxy when TRUST_PROXY=on) and whether this is an API call. */
export function requestBasics(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    c.set('requestId', requestId);
    let ip = 'unknown';
    const forwarded = services.config.proxyHops > 0 && c.req.header('x-forwarded-for');
    if (forwarded) {
      ip = forwardedClient(forwarded, services.config.proxyHops);
    } else {
      try {
        ip = getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        ip = c.req.header('x-test-client-ip') ?? 'unknown';
      }
    }
    c.set('ip', ip);
    c.set('isApi', c.req.path.startsWith('/api/'));
    c.set('actor', null);
    c.set('csrfToken', '');
    await next();
    c.header('X-Request-Id', requestId);
  };
}

/**
 * The client address in X-Forwarded-For when `hops` proxies stand in front: each proxy appends
 * the address it received the request from, so the client is the `hops`-th entry from the right.
 * Entries further left were written by the client and are ignored. With fewer entries than
 * proxies, the leftmost is taken (as Express does). A port the proxy added is dropped.
 */
export function forwardedClient(header: string, hops: number): string {
  const entries = header
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const entry = entries[Math.max(entries.length - hops, 0)] ?? 'unknown';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return withPort ? withPort[1]! : entry;
}

/** Security headers for every response: a strict CSP (no third-party scripts), no framing. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const embeddable = c.res.headers.get('x-hub-embeddable') === '1';
    c.res.headers.delete('x-hub-embeddable');
    c.header(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        embeddable ? 'frame-ancestors *' : "frame-ancestors 'none'",
      ].join('; '),
    );
    if (!embeddable) c.header('X-Frame-Options', 'DENY');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (c.req.url.startsWith('https://') || c.req.header('x-forwarded-proto') === 'https') {
      c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
  };
}

/** Who is asking: a session cookie for pages, a bearer token for the API. */
export function identifyActor(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization?.startsWith('Bearer ')) {
      const actor = await findTokenActor(
        services.db,
        authorization.slice(7).trim(),
        services.now(),
      );
      if (!actor) throw new AppError('unauthorized', 'That API token is not valid.');
      c.set('actor', actor);
    } else if (!c.get('isApi')) {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) {
        const actor = await findSessionActor(services.db, token, services.now());
        if (actor) c.set('actor', actor);
        else deleteCookie(c, SESSION_COOKIE, { path: '/' });
      }
    }
    await next();
  };
}

export function cookieOptions(services: Services, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: services.config.secureCookies,
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}

/**
 * CSRF protection for every form: a random cookie, and in each form a token that is the HMAC of
 * it. A cross-site page can make the browser send the cookie but cannot read it to make the token.
 * API calls (bearer token, no cookies) and paths registered as exempt are not checked.
 */
export function csrfProtection(
  services: Services,
  exemptPaths: readonly RegExp[],
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // The API (bearer tokens, no cookies) and feeds carry no forms: no cookie, no HMAC.
    if (
      c.get('isApi') ||
      (c.req.method === 'GET' && /\.(ics|rss|json|svg|csv|js)$/.test(c.req.path))
    ) {
      return next();
    }
    let cookie = getCookie(c, CSRF_COOKIE);
    if (!cookie || cookie.length < 20) {
      cookie = randomToken(18);
      setCookie(c, CSRF_COOKIE, cookie, cookieOptions(services));
    }
    const expected = hmac(services.secret, cookie);
    c.set('csrfToken', expected);
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
    if (unsafe && !c.get('isApi') && !exemptPaths.some((pattern) => pattern.test(c.req.path))) {
      const type = c.req.header('content-type') ?? '';
      let submitted = c.req.header('x-csrf-token') ?? '';
      if (
        !submitted &&
        (type.includes('form-urlencoded') || type.includes('multipart/form-data'))
      ) {
        const body = await c.req.parseBody();
        submitted = typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : '';
      }
      if (!submitted || !safeEqual(submitted, expected)) {
        throw new AppError(
          'forbidden',
          'This form has expired or came from another site. Go back, reload the page and try again.',
        );
      }
    }
    await next();
  };
}

/** A one-time message shown on the next page (after POST, redirect). */
export function setFlash(c: Context, services: Services, message: string): void {
  setCookie(
    c,
    FLASH_COOKIE,
    encodeURIComponent(message.slice(0, 300)),
    cookieOptions(services, 120),
  );
}

export function takeFlash(c: Context): string | undefined {
  const value = getCookie(c, FLASH_COOKIE);
  if (!value) return undefined;
  deleteCookie(c, FLASH_COOKIE, { path: '/' });
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
