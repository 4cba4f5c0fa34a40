import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../src/app.ts';
import { features } from '../../src/features/index.ts';
import type { Actor } from '../../src/platform/auth/actor.ts';
import {
  createApiToken,
  createSession,
  loadActor,
  SESSION_COOKIE,
} from '../../src/platform/auth/sessions.ts';
import { hmac } from '../../src/platform/auth/tokens.ts';
import { type Booted, boot } from '../../src/platform/boot.ts';
import { type Config, parseConfig } from '../../src/platform/config.ts';
import type { GlobalRole } from '../../src/platform/db/schema.ts';
import type { Feature } from '../../src/platform/feature.ts';
import type { AppEnv } from '../../src/platform/http/env.ts';
import { CSRF_COOKIE, CSRF_FIELD } from '../../src/platform/http/middleware.ts';
import { claimNextJob, runClaimedJob } from '../../src/platform/jobs/worker.ts';
import { findOrCreatePerson, grantAccount } from '../../src/platform/people.ts';
import type { Services } from '../../src/platform/services.ts';

export interface TestContext {
  app: Hono<AppEnv>;
  services: Services;
  config: Config;
  booted: Booted;
  /** Every feature (src/features/index.ts), as the app was composed with. */
  features: readonly Feature[];
  /** A browser-like client with its own cookies; forms get their CSRF token automatically. */
  client(options?: { ip?: string }): TestClient;
  /** A signed-in client for a new (or existing) person with these roles. */
  signedIn(options?: {
    roles?: GlobalRole[];
    email?: string;
    name?: string;
  }): Promise<TestClient & { actor: Actor }>;
  /** An API token for a new (or existing) person with these roles. */
  apiToken(options?: { roles?: GlobalRole[]; email?: string }): Promise<string>;
  /** Messages kept in the outbox (newest last). */
  outbox(to?: string): Promise<OutboxMessage[]>;
  /** Runs every due background job, as the worker would. Returns how many ran. */
  runJobs(): Promise<number>;
  /** Moves the application's clock forward. */
  travel(milliseconds: number): void;
  close(): Promise<void>;
}

export interface OutboxMessage {
  id: number;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: Record<string, string>;
  purpose: string;
}

const CSRF_COOKIE_VALUE = 'test-csrf-cookie-0123456789abcdef';

export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly secret: string,
    private readonly ip: string,
  ) {
    this.cookies.set(CSRF_COOKIE, CSRF_COOKIE_VALUE);
  }

  get csrfToken(): string {
    return hmac(this.secret, this.cookies.get(CSRF_COOKIE)!);
  }

  async request(urlPath: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (!headers.has('x-test-client-ip')) headers.set('x-test-client-ip', this.ip);
    const response = await this.app.request(`http://hub.test${urlPath}`, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (/max-age=0/i.test(cookie) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(urlPath: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(urlPath, { headers });
  }

  /** Submits a form as a browser would (urlencoded), with the CSRF token unless told otherwise. */
  postForm(
    urlPath: string,
    fields: Record<string, string | string[] | undefined>,
    options: { csrf?: boolean } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    if (options.csrf !== false) body.set(CSRF_FIELD, this.csrfToken);
    return this.request(urlPath, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** Submits a multipart form (file uploads). */
  postMultipart(urlPath: string, form: FormData): Promise<Response> {
    form.set(CSRF_FIELD, this.csrfToken);
    return this.request(urlPath, { method: 'POST', body: form });
  }
}

/** JSON API call with an optional bearer token. */
export async function api(
  app: Hono<AppEnv>,
  method: string,
  urlPath: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: any; response: Response }> {
  const headers: Record<string, string> = { 'x-test-client-ip': '203.0.113.9' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await app.request(`http://hub.test${urlPath}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, response };
}

let databaseCounter = 0;

/**
 * A fresh application on a fresh copy of the migrated template database, with mail kept in the
 * outbox (unless env sets SMTP_URL) and sample content off.
 */
export async function createTestContext(
  options: { env?: Record<string, string>; start?: Date } = {},
): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  const env: Record<string, string> = {
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    PUBLIC_URL: 'http://hub.test',
    SAMPLE_CONTENT: 'off',
    ORG_POSTAL_ADDRESS: '1 Test Street, Boston, MA 02108',
    ...options.env,
  };
  let dropDatabase: (() => Promise<void>) | undefined;
  const templateDatabase = inject('templateDatabase');
  if (templateDatabase) {
    const serverUrl = process.env.TEST_DATABASE_URL!;
    // hub_test_<run>_<worker>_<n>: the run's teardown drops only its own databases.
    const run = templateDatabase.replace('hub_template_', '');
    const name = `hub_test_${run}_${process.pid}_${++databaseCounter}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${templateDatabase}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const config = parseConfig(env);
  let offset = options.start ? options.start.getTime() - Date.now() : 0;
  const templateFile = inject('templateFile');
  const booted = await boot(config, features, {
    inMemory: !templateDatabase,
    loadDataDir: templateFile ? new Blob([fs.readFileSync(templateFile)]) : undefined,
    now: () => new Date(Date.now() + offset),
  });
  const { services } = booted;
  const app = createApp(services, features);
  let clientCounter = 0;
  const makeClient = (clientOptions: { ip?: string } = {}) =>
    new TestClient(app, services.secret, clientOptions.ip ?? `198.51.100.${++clientCounter % 250}`);
  const accountFor = async (roles: GlobalRole[], email?: string, name?: string) => {
    const person = await findOrCreatePerson(services.db, {
      email: email ?? `person${randomBytes(4).toString('hex')}@example.org`,
      name: name ?? 'Test Person',
    });
    await grantAccount(services.db, person.id, roles);
    return person;
  };
  return {
    app,
    services,
    config,
    booted,
    features,
    client: makeClient,
    async signedIn(signInOptions = {}) {
      const person = await accountFor(
        signInOptions.roles ?? [],
        signInOptions.email,
        signInOptions.name,
      );
      const token = await createSession(services.db, person.id, { now: services.now() });
      const client = makeClient() as TestClient & { actor: Actor };
      client.cookies.set(SESSION_COOKIE, token);
      client.actor = (await loadActor(services.db, person.id, 'session'))!;
      return client;
    },
    async apiToken(tokenOptions = {}) {
      const person = await accountFor(tokenOptions.roles ?? [], tokenOptions.email);
      return createApiToken(services.db, person.id, 'test');
    },
    async outbox(to?: string) {
      let query = services.db
        .selectFrom('mail_messages')
        .select(['id', 'to_address', 'subject', 'text_body', 'html_body', 'headers', 'purpose'])
        .orderBy('id');
      if (to) query = query.where('to_address', '=', to.toLowerCase());
      return query.execute();
    },
    async runJobs() {
      const definitions = new Map(booted.jobDefinitions.map((d) => [d.name, d]));
      let count = 0;
      for (;;) {
        const job = await claimNextJob(services.db, 'test-worker', services.now());
        if (!job) return count;
        await runClaimedJob(services.db, job, definitions, services.logger, services.now);
        count++;
      }
    },
    travel(milliseconds: number) {
      offset += milliseconds;
    },
    async close() {
      await booted.close();
      await dropDatabase?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The first link in a text that starts with the given base. */
export function linkIn(text: string, prefix: string): string {
  const match = text.match(
    new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s"<>]+`),
  );
  if (!match) throw new Error(`no link starting ${prefix} in:\n${text}`);
  return match[0];
}
