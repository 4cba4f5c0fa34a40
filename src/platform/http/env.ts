import type { FC } from 'hono/jsx';
import type { Actor } from '../auth/actor.ts';
import type { SiteSettings } from '../site.ts';

/** The variables every request carries through Hono's context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    ip: string;
    actor: Actor | null;
    csrfToken: string;
    /** The request is an API call (JSON errors, bearer auth). */
    isApi: boolean;
    /** A one-time notice from the previous request (set before a redirect). */
    flash: string | undefined;
    site: SiteSettings;
    /** The feature component in the first footer column (`Feature.footer`), set by createApp. */
    footer: FC | undefined;
  };
}
