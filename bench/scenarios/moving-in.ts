/**
 * Moving in (issue 16): how long a coalition's move takes through the command line, on the
 * embedded database.
 *
 * - A Mailchimp audience export of 20,000 members (18,000 subscribed, 1,500 unsubscribed, 500
 *   cleaned; addresses across Massachusetts, some elsewhere; tags), as the ZIP Mailchimp gives:
 *   `hub subscribers:import` dry run, import, and the same again (nothing changes).
 * - A WordPress export of 2,000 items (1,200 posts, 300 pages, 300 events with 40 venues and
 *   20 organizers, 139 media files, a reusable block), with links between posts, images, shortcodes
 *   and block comments, media from a copy of wp-content/uploads: `hub wordpress:import` dry run,
 *   import, and again.
 * - Then a server on that data directory: the home page and an old post's address (a 301 found
 *   only on the not-found path) under 20 connections.
 * Each command runs as its own process (`node bin/hub.js`); its peak memory is sampled from /proc.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { features } from '../../src/features/index.ts';
import { listTowns } from '../../src/features/places/lookup.ts';
import { boot } from '../../src/platform/boot.ts';
import { parseConfig } from '../../src/platform/config.ts';
import type { BenchContext } from '../context.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MEMBERS = { subscribed: 18_000, unsubscribed: 1_500, cleaned: 500 };
const ITEMS = { posts: 1_200, pages: 300, events: 300, venues: 40, organizers: 20, media: 139 };

function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const HEAD =
  'Email Address,First Name,Last Name,Address,Phone Number,Zip Code,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION';

function audienceZip(file: string): void {
  const random = sequence(16);
  const towns = listTowns();
  const rows = {
    subscribed: [] as string[],
    unsubscribed: [] as string[],
    cleaned: [] as string[],
  };
  let n = 0;
  for (const [status, count] of Object.entries(MEMBERS) as [keyof typeof MEMBERS, number][]) {
    for (let i = 0; i < count; i++, n++) {
      const town = towns[Math.floor(random() * towns.length)]!;
      const address =
        n % 10 === 0
          ? `${n} Main St  Nashua  NH  03060  US`
          : n % 7 === 0
            ? ''
            : `${n} Main St  ${town.name}  MA  ${n % 3 === 0 ? '02139' : ''}  US`;
      const base = `member${n}@example.org,First${n},Last${n},"${address}",,,3,"2021-03-04 15:22:10",203.0.113.${n % 250},"2021-03-04 15:25:01",203.0.113.${n % 250},,,,,,US,MA`;
      if (status === 'subscribed') {
        const tags = n % 4 === 0 ? `"""Volunteers"",""Team ${n % 9}"""` : '';
        rows.subscribed.push(`${base},"2023-01-10 10:00:00",${n},e${n},,${tags}`);
      } else if (status === 'unsubscribed') {
        rows.unsubscribed.push(
          `${base},"2022-05-01 14:00:00","Weekly",abc,"Other","Too many",${n},e${n},,`,
        );
      } else {
        rows.cleaned.push(`${base},"2022-08-09 16:00:00","Weekly",ghi,${n},e${n},,`);
      }
    }
  }
  const csv = (header: string, lines: string[]) =>
    new TextEncoder().encode(`${header}\n${lines.join('\n')}\n`);
  fs.writeFileSync(
    file,
    zipSync({
      'members_export_bench/subscribed_members_export_bench.csv': csv(
        `${HEAD},LAST_CHANGED,LEID,EUID,NOTES,TAGS`,
        rows.subscribed,
      ),
      'members_export_bench/unsubscribed_members_export_bench.csv': csv(
        `${HEAD},UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_CAMPAIGN_ID,UNSUB_REASON,UNSUB_REASON_OTHER,LEID,EUID,NOTES,TAGS`,
        rows.unsubscribed,
      ),
      'members_export_bench/cleaned_members_export_bench.csv': csv(
        `${HEAD},CLEAN_TIME,CLEAN_CAMPAIGN_TITLE,CLEAN_CAMPAIGN_ID,LEID,EUID,NOTES,TAGS`,
        rows.cleaned,
      ),
    }),
  );
}

const SITE = 'https://old.example.org';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082',
  'hex',
);

function item(fields: {
  id: number;
  type: string;
  title: string;
  link: string;
  content?: string;
  status?: string;
  parent?: number;
  attachmentUrl?: string;
  categories?: [string, string, string][];
  meta?: [string, string][];
}): string {
  const cdata = (value: string) => `<![CDATA[${value}]]>`;
  return `<item><title>${cdata(fields.title)}</title><link>${fields.link}</link><dc:creator>${cdata('jane')}</dc:creator>
<content:encoded>${cdata(fields.content ?? '')}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded>
<wp:post_id>${fields.id}</wp:post_id><wp:post_date_gmt>${cdata('2024-03-01 12:00:00')}</wp:post_date_gmt>
<wp:post_name>${cdata(fields.link.split('/').filter(Boolean).pop() ?? '')}</wp:post_name><wp:status>${cdata(fields.status ?? 'publish')}</wp:status>
<wp:post_parent>${fields.parent ?? 0}</wp:post_parent><wp:post_type>${cdata(fields.type)}</wp:post_type><wp:post_password>${cdata('')}</wp:post_password><wp:is_sticky>0</wp:is_sticky>
${fields.attachmentUrl ? `<wp:attachment_url>${cdata(fields.attachmentUrl)}</wp:attachment_url>` : ''}
${(fields.categories ?? []).map(([domain, nicename, name]) => `<category domain="${domain}" nicename="${nicename}">${cdata(name)}</category>`).join('')}
${(fields.meta ?? []).map(([key, value]) => `<wp:postmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:postmeta>`).join('')}
</item>\n`;
}

function siteExport(file: string, uploads: string): number {
  const random = sequence(9);
  const parts: string[] = [];
  let id = 100;
  const towns = listTowns();
  const categories: [string, string, string][] = [
    ['category', 'voting-rights', 'Voting Rights'],
    ['category', 'climate', 'Climate & Environment'],
    ['category', 'news', 'News'],
    ['post_tag', 'rally', 'Rally'],
  ];
  const media: string[] = [];
  for (let i = 0; i < ITEMS.media; i++) {
    const name = `2024/03/photo-${i}.png`;
    fs.mkdirSync(path.join(uploads, '2024/03'), { recursive: true });
    fs.writeFileSync(path.join(uploads, name), PNG);
    media.push(`${SITE}/wp-content/uploads/${name}`);
  }
  parts.push(
    item({
      id: 99,
      type: 'wp_block',
      title: 'Donate',
      link: `${SITE}/?p=99`,
      content: '<!-- wp:paragraph --><p>Please donate.</p><!-- /wp:paragraph -->',
    }),
  );
  const body = (n: number) => {
    const other = 1 + Math.floor(random() * ITEMS.posts);
    const paragraph = `<p>${'Neighbors organizing for a fairer democracy in every town. '.repeat(4)}</p>`;
    return `<!-- wp:paragraph -->${paragraph}<!-- /wp:paragraph -->
<!-- wp:image --><figure><img src="${media[n % media.length]}" alt="Photo ${n}"></figure><!-- /wp:image -->
<p>Read <a href="${SITE}/2024/03/bench-post-${other}/">another post</a> and <a href="${SITE}/about-${1 + (n % ITEMS.pages)}/">a page</a>.</p>
[caption id="" width="300"]<img src="${media[(n + 1) % media.length]}" alt="Caption"> A caption[/caption]
<table><tr><th>Bill</th><td>H.${1000 + n}</td></tr></table>
${paragraph}${paragraph}
<!-- wp:block {"ref":99} /-->`;
  };
  for (let i = 1; i <= ITEMS.media; i++) {
    parts.push(
      item({
        id: id++,
        type: 'attachment',
        title: `photo-${i - 1}`,
        link: `${SITE}/photo-${i - 1}/`,
        status: 'inherit',
        attachmentUrl: media[i - 1]!,
      }),
    );
  }
  for (let i = 1; i <= ITEMS.posts; i++) {
    parts.push(
      item({
        id: id++,
        type: 'post',
        title: `Bench post ${i}`,
        link: `${SITE}/2024/03/bench-post-${i}/`,
        content: body(i),
        status: i % 20 === 0 ? 'draft' : 'publish',
        categories: [categories[i % 4]!, categories[(i + 1) % 4]!],
      }),
    );
  }
  for (let i = 1; i <= ITEMS.pages; i++) {
    parts.push(
      item({
        id: id++,
        type: 'page',
        title: `About ${i}`,
        link: `${SITE}/about-${i}/`,
        content: body(i)
          .replace(/<!--[^>]*-->/g, '')
          .replace(/<\/?p>/g, '\n\n'),
      }),
    );
  }
  const venues: number[] = [];
  for (let i = 0; i < ITEMS.venues; i++) {
    venues.push(id);
    const town = towns[(i * 7) % towns.length]!;
    parts.push(
      item({
        id: id++,
        type: 'tribe_venue',
        title: `Venue ${i}`,
        link: `${SITE}/venue/venue-${i}/`,
        meta: [
          ['_VenueAddress', `${i} Main St`],
          ['_VenueCity', town.name],
          ['_VenueState', 'MA'],
        ],
      }),
    );
  }
  const organizers: number[] = [];
  for (let i = 0; i < ITEMS.organizers; i++) {
    organizers.push(id);
    parts.push(
      item({
        id: id++,
        type: 'tribe_organizer',
        title: `Organizer ${i}`,
        link: `${SITE}/organizer/organizer-${i}/`,
      }),
    );
  }
  for (let i = 1; i <= ITEMS.events; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const year = 2023 + (i % 3);
    parts.push(
      item({
        id: id++,
        type: 'tribe_events',
        title: `Bench event ${i}`,
        link: `${SITE}/event/bench-event-${i}/`,
        content: `<p>Event ${i}. <a href="${SITE}/2024/03/bench-post-${i}/">Background</a>.</p>`,
        categories: [['tribe_events_cat', 'rally', 'Rally']],
        meta: [
          ['_EventStartDate', `${year}-${month}-${day} 18:00:00`],
          ['_EventEndDate', `${year}-${month}-${day} 20:00:00`],
          ['_EventTimezone', 'America/New_York'],
          ['_EventVenueID', String(venues[i % venues.length])],
          ['_EventOrganizerID', String(organizers[i % organizers.length])],
        ],
      }),
    );
  }
  const count = parts.length;
  fs.writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench site</title><link>${SITE}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${SITE}</wp:base_site_url><wp:base_blog_url>${SITE}</wp:base_blog_url>
<wp:author><wp:author_login><![CDATA[jane]]></wp:author_login><wp:author_display_name><![CDATA[Jane Organizer]]></wp:author_display_name></wp:author>
${parts.join('')}</channel></rss>\n`,
  );
  return count;
}

/** Runs `hub ARGS` as its own process; its time, peak memory and JSON summary. */
function hub(
  dataDir: string,
  args: string[],
): Promise<{ seconds: number; peakRssMb: number; summary: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/hub.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, SAMPLE_CONTENT: 'off', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let peak = 0;
    const sampler = setInterval(() => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peak = Math.max(peak, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // exited
      }
    }, 50);
    child.stdout!.on('data', (chunk) => (out += chunk));
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => {
      clearInterval(sampler);
      if (code !== 0)
        return reject(new Error(`hub ${args.join(' ')} exited ${code}:\n${err}${out}`));
      resolve({
        seconds: Math.round((performance.now() - started) / 100) / 10,
        peakRssMb: Math.round(peak / 1024),
        summary: JSON.parse(out.trim().split('\n').pop()!),
      });
    });
  });
}

const pick = (summary: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((key) => key in summary).map((key) => [key, summary[key]]));

export default {
  name: 'moving-in',
  async run(bench: BenchContext) {
    const scratch = bench.tmpDir();
    const dataDir = bench.tmpDir();
    const zip = path.join(scratch, 'members_export_bench.zip');
    const xml = path.join(scratch, 'bench.WordPress.xml');
    const uploads = path.join(scratch, 'uploads');
    audienceZip(zip);
    const items = siteExport(xml, uploads);
    const prepared = await boot(
      parseConfig({ DATA_DIR: dataDir, SAMPLE_CONTENT: 'off', LOG_LEVEL: 'warn' }),
      features,
    );
    await prepared.close();

    // What every command costs before it does anything: start Node and tsx, open the database.
    const startup = await hub(dataDir, ['migrate']);
    const audienceKeys = [
      'subscribed',
      'alreadySubscribed',
      'suppressedUnsubscribed',
      'suppressedCleaned',
      'alreadySuppressed',
      'withoutDistrict',
      'tagsAdded',
      'skipped',
    ];
    const audience = {
      members: MEMBERS.subscribed + MEMBERS.unsubscribed + MEMBERS.cleaned,
      zipBytes: fs.statSync(zip).size,
      dryRun: await hub(dataDir, ['subscribers:import', zip, '--dry-run']),
      import: await hub(dataDir, ['subscribers:import', zip]),
      again: await hub(dataDir, ['subscribers:import', zip]),
    };
    const siteKeys = [
      'articlesCreated',
      'guidesCreated',
      'eventsCreated',
      'mediaCopied',
      'mediaToCopy',
      'redirects',
      'articlesUnchanged',
      'guidesUnchanged',
      'eventsUnchanged',
      'skipped',
      'needsReview',
    ];
    const site = {
      items,
      xmlBytes: fs.statSync(xml).size,
      dryRun: await hub(dataDir, ['wordpress:import', xml, '--uploads', uploads, '--dry-run']),
      import: await hub(dataDir, ['wordpress:import', xml, '--uploads', uploads]),
      again: await hub(dataDir, ['wordpress:import', xml, '--uploads', uploads]),
    };
    const server = await bench.startServer({ env: { DATA_DIR: dataDir } });
    const options = { connections: 20, durationSeconds: 8 };
    await bench.load(server.url, { connections: 20, durationSeconds: 3 });
    const home = await bench.load(server.url, { ...options, requests: [{ path: '/' }] });
    const oldPost = await bench.load(server.url, {
      ...options,
      requests: [{ path: '/2024/03/bench-post-7/' }],
    });
    const notFound = await bench.load(server.url, {
      ...options,
      requests: [{ path: '/no-such-page/' }],
    });
    await server.stop();
    const summarize = (run: Awaited<ReturnType<typeof hub>>, keys: string[]) => ({
      seconds: run.seconds,
      peakRssMb: run.peakRssMb,
      ...pick(run.summary, keys),
    });
    return {
      commandStartupSeconds: startup.seconds,
      audience: {
        members: audience.members,
        zipBytes: audience.zipBytes,
        dryRun: summarize(audience.dryRun, audienceKeys),
        import: summarize(audience.import, audienceKeys),
        again: summarize(audience.again, audienceKeys),
        membersPerSecond: Math.round(audience.members / audience.import.seconds),
      },
      wordpress: {
        items,
        xmlBytes: site.xmlBytes,
        dryRun: summarize(site.dryRun, siteKeys),
        import: summarize(site.import, siteKeys),
        again: summarize(site.again, siteKeys),
        itemsPerSecond: Math.round(items / site.import.seconds),
      },
      http: { home, oldPostRedirect: oldPost, notFound },
    };
  },
};
