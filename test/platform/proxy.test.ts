import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_PER_IP } from '../../src/features/accounts/sign-in.ts';
import { ConfigError, parseConfig } from '../../src/platform/config.ts';
import { forwardedClient } from '../../src/platform/http/middleware.ts';
import { createTestContext, type TestContext } from '../support/harness.ts';

describe('the client address behind proxies', () => {
  it('is the entry the trusted proxy appended, never what the client wrote further left', () => {
    expect(forwardedClient('198.51.100.20', 1)).toBe('198.51.100.20');
    expect(forwardedClient('6.6.6.6, 198.51.100.20', 1)).toBe('198.51.100.20');
    expect(forwardedClient('6.6.6.6,7.7.7.7 ,198.51.100.20', 1)).toBe('198.51.100.20');
    // A CDN, then nginx: nginx appends the CDN's address, the CDN the client's.
    expect(forwardedClient('6.6.6.6, 203.0.113.5, 10.0.0.2', 2)).toBe('203.0.113.5');
    expect(forwardedClient('203.0.113.5', 2)).toBe('203.0.113.5');
    expect(forwardedClient('198.51.100.20:51234', 1)).toBe('198.51.100.20');
    expect(forwardedClient('[2001:db8::7]:443', 1)).toBe('2001:db8::7');
    expect(forwardedClient('2001:db8::7', 1)).toBe('2001:db8::7');
  });

  it('is configured with TRUST_PROXY: on (one proxy), off, or a number of proxies', () => {
    expect(parseConfig({}).proxyHops).toBe(0);
    expect(parseConfig({ TRUST_PROXY: 'on' }).proxyHops).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '2' }).proxyHops).toBe(2);
    expect(parseConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(true);
    expect(parseConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(() => parseConfig({ TRUST_PROXY: 'yes' })).toThrow(ConfigError);
  });
});

describe.each([
  { setting: 'on', header: (left: string) => `${left}, 198.51.100.20`, client: '198.51.100.20' },
  {
    setting: '2',
    header: (left: string) => `${left}, 198.51.100.21, 10.0.0.2`,
    client: '198.51.100.21',
  },
])('per-address limits with TRUST_PROXY=$setting', ({ setting, header, client }) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { TRUST_PROXY: setting } });
  });
  afterAll(() => ctx.close());

  it('count one client however it fills the left of X-Forwarded-For', async () => {
    const browser = ctx.client();
    const signIn = (index: number) => {
      const body = new URLSearchParams({
        email: `visitor${index}@example.org`,
        _csrf: browser.csrfToken,
      });
      return browser.request('/login', {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': header(`192.0.2.${index}`),
        },
      });
    };
    for (let index = 1; index <= RATE_PER_IP.limit; index++)
      expect((await signIn(index)).status).toBe(200);
    expect((await signIn(RATE_PER_IP.limit + 1)).status).toBe(429);
    const keys = await ctx.services.db
      .selectFrom('rate_limits')
      .select(['key', 'count'])
      .where('key', 'like', 'sign-in:ip:%')
      .execute();
    expect(keys).toEqual([{ key: `sign-in:ip:${client}`, count: RATE_PER_IP.limit + 1 }]);
  });
});
