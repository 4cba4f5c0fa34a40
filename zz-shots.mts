import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { chromium } from 'playwright-core';
import { createApp } from '/work/main/src/app.ts';
import { boot } from '/work/main/src/platform/boot.ts';
import { parseConfig } from '/work/main/src/platform/config.ts';
import { loadSampleContent } from '/work/main/src/platform/sample.ts';
import { findOrCreatePerson, grantAccount } from '/work/main/src/platform/people.ts';
import { createSession } from '/work/main/src/platform/auth/sessions.ts';

const port = 3917;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gshots-'));
const config = parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${port}`, SAMPLE_CONTENT: 'off' });
const booted = await boot(config, { inMemory: true });
await loadSampleContent(booted.services);
const app = createApp(booted.services);
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
const person = await findOrCreatePerson(booted.services.db, { email: 'admin@example.org', name: 'Ada Admin' });
await grantAccount(booted.services.db, person.id, ['administrator']);
const session = await createSession(booted.services.db, person.id, { now: new Date() });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const pages = (process.argv[2] ?? '/groups').split(',');
const width = Number(process.argv[3] ?? 390);
const signed = process.argv[4] === 'admin';
const ctx = await browser.newContext({ viewport: { width, height: 844 }, deviceScaleFactor: 1 });
if (signed) await ctx.addCookies([{ name: 'hub_session', value: session, url: `http://127.0.0.1:${port}` }]);
const page = await ctx.newPage();
page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()); });
for (const [i, url] of pages.entries()) {
  await page.goto(`http://127.0.0.1:${port}${url}`);
  await page.screenshot({ path: `/tmp/gscratch/shot-${i}.png`, fullPage: true });
  console.log(i, url);
}
await browser.close();
server.close();
await booted.close();
process.exit(0);
