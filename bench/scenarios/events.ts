import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { insertEvent } from '../../src/features/events/repository.ts';
import {
  type EventDraft,
  resolveDraft,
  writeEventDependents,
} from '../../src/features/events/service.ts';
import { EVENT_TYPES } from '../../src/features/events/tables.ts';
import { listTowns } from '../../src/features/places/lookup.ts';
import { ISSUE_AREAS } from '../../src/platform/issue-areas.ts';
import type { Services } from '../../src/platform/services.ts';
import type { BenchScenario } from '../context.ts';

/**
 * The calendar's targets (issue 4), on the embedded database with 2,000 events (200 of them
 * weekly series): /events.ics, /events.rss and /api/v1/events for the next 90 days serve at
 * least half the requests per second of a plain node:http server returning the same bytes from
 * memory (both measured in this run), and /events answers in under 50 ms at the 95th percentile
 * under 20 connections.
 */
const EVENTS = 2000;
const RECURRING = 200;
const DAY = 86_400_000;

function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function seedEvents(services: Services): Promise<void> {
  const random = sequence(7);
  const towns = listTowns();
  const now = services.now();
  const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
  for (let batch = 0; batch < EVENTS; batch += 100) {
    await services.db.transaction().execute(async (tx) => {
      for (let i = batch; i < Math.min(batch + 100, EVENTS); i++) {
        const recurring = i < RECURRING;
        const start = new Date(now.getTime() + Math.floor(random() * (recurring ? 14 : 90)) * DAY);
        start.setUTCHours(14 + Math.floor(random() * 10), random() < 0.5 ? 0 : 30, 0, 0);
        const online = random() < 0.2;
        const draft: EventDraft = {
          title: `Bench event ${i + 1}: ${recurring ? 'weekly meeting' : 'action'} for democracy, voting; and more`,
          description:
            'An event made for the benchmark, with **Markdown**, a [link](https://example.org) and a few lines.\n\nSecond paragraph.',
          type: EVENT_TYPES[Math.floor(random() * EVENT_TYPES.length)]!,
          mode: online ? 'online' : 'in_person',
          group: null,
          cohosts: [],
          venue: online ? null : 'Public library',
          address: online ? null : `${1 + Math.floor(random() * 300)} Main Street`,
          town: online ? null : towns[Math.floor(random() * towns.length)]!.name,
          onlineUrl: online ? 'https://example.org/zoom' : null,
          onlineUrlForRsvpsOnly: false,
          accessibility: null,
          capacity: null,
          imagePath: null,
          contactName: null,
          contactEmail: null,
          timezone: 'America/New_York',
          start,
          end: new Date(start.getTime() + 90 * 60_000),
          allDay: false,
          rrule: recurring ? `FREQ=WEEKLY;BYDAY=${WEEKDAYS[start.getUTCDay()]}` : null,
          exdates: [],
          rdates: [],
          issueAreas: [ISSUE_AREAS[Math.floor(random() * ISSUE_AREAS.length)]!.slug],
          status: random() < 0.03 ? 'cancelled' : 'scheduled',
          visibility: 'public',
          externalUrl: null,
        };
        const resolved = await resolveDraft(tx, draft, now, { lenient: true });
        const event = await insertEvent(tx, resolved.fields, {
          source: 'manual',
          moderation: 'approved',
          submittedVia: 'bench',
        });
        await writeEventDependents(tx, services, event, { issueAreas: resolved.issueAreas });
      }
    });
  }
}

/** A plain node:http server answering every path with the bytes (and type) captured from the hub. */
async function staticServer(responses: Map<string, { body: Buffer; type: string }>) {
  const server = http.createServer((request, response) => {
    const hit = responses.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (!hit) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { 'content-type': hit.type, 'content-length': hit.body.length })
      .end(hit.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const scenario: BenchScenario = {
  name: 'events',
  async run(bench) {
    const server = await bench.startServer({ seed: seedEvents });
    const from = new Date();
    from.setUTCSeconds(0, 0);
    const to = new Date(from.getTime() + 90 * DAY);
    const paths = [
      '/events.ics',
      '/events.rss',
      `/api/v1/events?from=${from.toISOString()}&to=${to.toISOString()}&limit=500`,
    ];
    const options = { connections: 20, durationSeconds: 10 };
    // Warm-up (and the bytes for the plain server).
    await bench.load(server.url, {
      connections: 20,
      durationSeconds: 3,
      requests: [...paths, '/events'].map((path) => ({ path })),
    });
    const captured = new Map<string, { body: Buffer; type: string }>();
    for (const path of paths) {
      const response = await fetch(`${server.url}${path}`);
      captured.set(path.split('?')[0]!, {
        body: Buffer.from(await response.arrayBuffer()),
        type: response.headers.get('content-type') ?? 'text/plain',
      });
    }
    const plain = await staticServer(captured);
    const feeds: Record<string, unknown> = {};
    let meetsRatio = true;
    // The machine is shared and noisy: alternate the two servers in rounds and keep each one's
    // best round, so a burst of someone else's work does not decide the ratio.
    const ROUNDS = 3;
    for (const path of paths) {
      let hub: Awaited<ReturnType<typeof bench.load>> | undefined;
      let baseline: Awaited<ReturnType<typeof bench.load>> | undefined;
      for (let round = 0; round < ROUNDS; round++) {
        const h = await bench.load(`${server.url}${path}`, { connections: 20, durationSeconds: 5 });
        const b = await bench.load(`${plain.url}${path}`, { connections: 20, durationSeconds: 5 });
        if (!hub || h.requestsPerSecond > hub.requestsPerSecond) hub = h;
        if (!baseline || b.requestsPerSecond > baseline.requestsPerSecond) baseline = b;
      }
      const ratio =
        Math.round((hub!.requestsPerSecond / Math.max(baseline!.requestsPerSecond, 1)) * 100) / 100;
      meetsRatio &&= ratio >= 0.5 && hub!.non2xx === 0 && baseline!.non2xx === 0;
      feeds[path.split('?')[0]!] = {
        path,
        bytes: captured.get(path.split('?')[0]!)!.body.length,
        hub,
        plainHttpServer: baseline,
        ratio,
        method: `best of ${ROUNDS} alternating 5-second rounds each, 20 connections`,
        target: 'hub rps >= 0.5 x plain server rps',
      };
    }
    await plain.close();
    const list = await bench.load(`${server.url}/events`, options);
    const filtered = await bench.load(`${server.url}/events?district=7`, options);
    const event = await bench.load(`${server.url}/events/1`, options);
    const rssMb = server.rssMb();
    await server.stop();
    return {
      events: EVENTS,
      recurring: RECURRING,
      feeds,
      eventsPage: { path: '/events', ...list, target: 'p95 < 50 ms at 20 connections' },
      eventsFiltered: { path: '/events?district=7', ...filtered },
      eventPage: { path: '/events/1', ...event },
      rssMb,
      meetsTarget: meetsRatio && list.latency.p95 < 50,
      note: 'The load client is several times slower on bodies with non-ASCII characters (the iCal and RSS feeds have some), which lowers both servers alike on those paths; the JSON API is pure ASCII, so its ratio shows the full per-request cost of the platform middleware.',
    };
  },
};
export default scenario;
