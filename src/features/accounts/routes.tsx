import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { deleteSession, SESSION_COOKIE, SESSION_DAYS } from '../../platform/auth/sessions.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { cookieOptions, setFlash } from '../../platform/http/middleware.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { renderPage } from '../../platform/views/render.tsx';
import {
  completeSetup,
  inspectSignInLink,
  isValidSetupToken,
  redeemSignInLink,
  requestSignInLink,
  SetupInput,
  SIGN_IN_LINK_MINUTES,
  SignInRequest,
} from './sign-in.ts';
import { ConfirmSignIn, SetupForm, SignInForm, SignInSent } from './views.tsx';

export function accountRoutes(app: Hono<AppEnv>, services: Services): void {
  app.get('/login', (c) => {
    const next = c.req.query('next');
    return renderPage(c, { title: t('signIn.title'), narrow: true }, <SignInForm next={next} />);
  });

  app.post('/login', async (c) => {
    const form = await parseForm(c, SignInRequest);
    if (!form.ok) {
      return renderPage(
        c,
        { title: t('signIn.title'), narrow: true },
        <SignInForm state={form.state} next={String(form.state.values.next ?? '')} />,
        400,
      );
    }
    const outcome = await requestSignInLink(services, {
      email: form.data.email,
      next: form.data.next,
      ip: c.get('ip'),
    });
    if (outcome === 'rate_limited') {
      throw new AppError('rate_limited', t('signIn.rateLimited'));
    }
    return renderPage(
      c,
      { title: t('signIn.sent.title'), narrow: true },
      <SignInSent email={form.data.email} />,
    );
  });

  app.get('/login/:token', async (c) => {
    const token = c.req.param('token');
    const link = await inspectSignInLink(services, token);
    if (!link) {
      return renderPage(
        c,
        { title: t('signIn.invalid.title'), narrow: true },
        <SignInForm
          notice={`${t('signIn.invalid.title')}. ${t('signIn.invalid.body', { minutes: SIGN_IN_LINK_MINUTES })}`}
        />,
        410,
      );
    }
    // A button, not an automatic sign-in: mail scanners that open links must not use them up.
    return renderPage(
      c,
      { title: t('signIn.confirm.title'), narrow: true },
      <ConfirmSignIn email={link.email} token={token} />,
    );
  });

  app.post('/login/:token', async (c) => {
    const result = await redeemSignInLink(services, c.req.param('token'), {
      ip: c.get('ip'),
      userAgent: c.req.header('user-agent'),
    });
    if (!result) {
      return renderPage(
        c,
        { title: t('signIn.invalid.title'), narrow: true },
        <SignInForm
          notice={`${t('signIn.invalid.title')}. ${t('signIn.invalid.body', { minutes: SIGN_IN_LINK_MINUTES })}`}
        />,
        410,
      );
    }
    setCookie(
      c,
      SESSION_COOKIE,
      result.sessionToken,
      cookieOptions(services, SESSION_DAYS * 86_400),
    );
    setFlash(c, services, t('signIn.welcome'));
    return c.redirect(result.next, 303);
  });

  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(services.db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    setFlash(c, services, t('signOut.done'));
    return c.redirect('/', 303);
  });

  app.get('/setup/:token', async (c) => {
    const token = c.req.param('token');
    if (!(await isValidSetupToken(services, token)))
      throw new AppError('not_found', t('setup.invalid'));
    return renderPage(c, { title: t('setup.title'), narrow: true }, <SetupForm token={token} />);
  });

  app.post('/setup/:token', async (c) => {
    const token = c.req.param('token');
    const form = await parseForm(c, SetupInput);
    if (!form.ok) {
      return renderPage(
        c,
        { title: t('setup.title'), narrow: true },
        <SetupForm token={token} state={form.state} />,
        400,
      );
    }
    const sessionToken = await completeSetup(services, token, form.data, {
      ip: c.get('ip'),
      userAgent: c.req.header('user-agent'),
    });
    if (!sessionToken) throw new AppError('not_found', t('setup.invalid'));
    setCookie(c, SESSION_COOKIE, sessionToken, cookieOptions(services, SESSION_DAYS * 86_400));
    setFlash(c, services, t('signIn.welcome'));
    return c.redirect('/admin', 303);
  });
}
