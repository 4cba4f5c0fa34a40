import type { Tx } from '../../platform/db/database.ts';
import { removeDocument } from '../../platform/search-index.ts';
import type { Services } from '../../platform/services.ts';
import { fileStorageFor } from '../../platform/storage/storage.ts';
import { newStepKey, type ResourceContent, storeAttachment, writeRevision } from './service.ts';
import type { ResourceKind } from './tables.ts';

/** Sample library content: a few trainings and guides, and two toolkits. Every row is_sample. */
interface SampleStep {
  title: string;
  body: string;
  checklist: string[];
  template?: { name: string; text: string };
}

interface SampleResource {
  kind: ResourceKind;
  title: string;
  summary: string;
  body: string;
  audience: ResourceContent['audience'];
  issueAreas: string[];
  team: string;
  links?: { label: string; url: string }[];
  featured?: boolean;
  eventQuery?: string;
  steps?: SampleStep[];
}

const SAMPLE_NOTE = '*This is sample content, for trying the site out.*';

const LETTER_TEMPLATE = `To the editor:

[Open with the news story or event you are responding to, with its date and headline.]

[Say why it matters to people in your town, in one or two sentences. Use a local example.]

[Say what you want readers or officials to do: call, vote, attend, support a bill by number.]

[Close with one memorable sentence.]

[Your name]
[Your town]
[Phone number, for verification only; not printed]
`;

const RUN_OF_SHOW = `Town hall run of show (90 minutes)

0:00  Doors open; sign-in table; accessibility check
0:10  Welcome and ground rules (moderator)
0:15  Opening remarks by the official (5 minutes)
0:20  Questions from the audience, read from cards, alternating topics
1:15  Closing remarks by the official
1:20  What you can do next (organizer): sign-up sheets, next event
1:30  Close
`;

export const SAMPLE_RESOURCES: SampleResource[] = [
  {
    kind: 'toolkit',
    title: 'Hold a town hall',
    summary:
      'Invite your member of Congress or state legislator to answer questions from the people they represent.',
    body: `${SAMPLE_NOTE}\n\nA town hall puts constituents' questions to an elected official in public. It takes about six weeks to organize. You need a venue, an invitation that is hard to refuse, a fair way to take questions, and people in the room.`,
    audience: 'group_leaders',
    issueAreas: ['democracy'],
    team: 'recruitment-engagement-training',
    featured: true,
    eventQuery: '"town hall"',
    steps: [
      {
        title: 'Choose a date and a venue',
        body: 'Pick a weeknight evening or a weekend afternoon, at least five weeks ahead. Libraries, schools and places of worship often lend rooms for free. Check that the room is accessible and near public transit.',
        checklist: [
          'Hold two possible dates',
          'Book an accessible room for 100 people',
          'Confirm parking and transit',
        ],
      },
      {
        title: 'Invite the official',
        body: "Send a written invitation to the official's scheduler, then call the district office a week later. If they decline, hold the town hall anyway and invite them to send a staff member; an empty chair makes its own point.",
        checklist: ['Email the scheduler', 'Follow up by phone', 'Invite co-sponsoring groups'],
      },
      {
        title: 'Plan the program',
        body: 'Keep it to 90 minutes. A neutral moderator reads questions collected on cards, alternating topics so no issue takes over. Use the run-of-show template.',
        checklist: ['Recruit a moderator', 'Print question cards', 'Prepare a sign-in sheet'],
        template: { name: 'Town hall run of show.txt', text: RUN_OF_SHOW },
      },
      {
        title: 'Fill the room',
        body: 'List the event on the coalition calendar, share it in the newsletter and on social media, and ask every member group nearby to bring five people.',
        checklist: [
          'Add the event to the calendar',
          'Send a press advisory',
          'Make reminder calls',
        ],
      },
      {
        title: 'Follow up',
        body: 'Send the official a thank-you letter that restates the commitments they made, and share a short recap with everyone who came.',
        checklist: ['Send the recap', 'Log the commitments', 'Plan the next action'],
      },
    ],
  },
  {
    kind: 'toolkit',
    title: 'Write a letter to the editor',
    summary:
      'A short letter in your local paper reaches thousands of readers and the officials who read it.',
    body: `${SAMPLE_NOTE}\n\nLetters to the editor are one of the most-read parts of a newspaper, and staff of every office clip them. A good one is short, local and timely.`,
    audience: 'everyone',
    issueAreas: ['democracy', 'voting-rights'],
    team: 'communications',
    featured: true,
    eventQuery: '"letter to the editor" OR "letter writing"',
    steps: [
      {
        title: 'Find your hook',
        body: 'Respond to something the paper printed in the last few days: a news story, an editorial or another letter.',
        checklist: [
          'Find the article and its date',
          'Note the paper’s word limit (often 150-250 words)',
        ],
      },
      {
        title: 'Write it',
        body: 'One point, in your own words, with a local example. Name the official and the bill if there is one. Use the template.',
        checklist: ['Stay under the word limit', 'Mention your town', 'Ask for one action'],
        template: { name: 'Letter to the editor template.txt', text: LETTER_TEMPLATE },
      },
      {
        title: 'Send it',
        body: 'Paste the letter into the body of an email (no attachments) or use the paper’s web form. Include your name, town and phone number.',
        checklist: ['Send to one paper at a time', 'Keep a copy'],
      },
      {
        title: 'Share it',
        body: 'When it runs, share the link with your group and tag the official.',
        checklist: ['Share the link', 'Tell the Communications team'],
      },
    ],
  },
  {
    kind: 'training',
    title: 'Welcome to Indivisible: a first training',
    summary: 'What local groups do, how the coalition works, and how to take your first action.',
    body: `${SAMPLE_NOTE}\n\n## What you will learn\n\n- How local groups decide what to work on\n- How to contact your representatives\n- Where to find events and toolkits\n\nThe training takes one hour and runs online every month.`,
    audience: 'new_activists',
    issueAreas: ['democracy'],
    team: 'recruitment-engagement-training',
  },
  {
    kind: 'guide',
    title: 'Running a good group meeting',
    summary: 'An agenda, a facilitator and a clear ask: meetings people want to come back to.',
    body: `${SAMPLE_NOTE}\n\n1. Send the agenda two days ahead.\n2. Start on time, and welcome newcomers by name.\n3. End with a concrete ask and who does what by when.`,
    audience: 'group_leaders',
    issueAreas: ['democracy'],
    team: 'recruitment-engagement-training',
  },
  {
    kind: 'recording',
    title: 'Recording: talking with your legislator',
    summary: 'A one-hour webinar on meeting state legislators and their staff.',
    body: `${SAMPLE_NOTE}\n\nHow to ask for a meeting, what to bring, and how to follow up.`,
    audience: 'everyone',
    issueAreas: ['democracy', 'voting-rights'],
    team: 'communications',
    links: [{ label: 'Watch the recording', url: 'https://example.org/sample-recording' }],
  },
  {
    kind: 'document',
    title: 'Fact sheet: racial equity in local advocacy',
    summary: 'Questions to ask before a campaign, so that it centers the people most affected.',
    body: `${SAMPLE_NOTE}\n\n- Who is most affected, and are they at the table?\n- Who benefits, and who bears the costs?\n- How will we know we made a difference?`,
    audience: 'everyone',
    issueAreas: ['racial-justice'],
    team: 'racial-justice-and-equity',
  },
];

export async function loadSampleResources(tx: Tx, services: Services) {
  const teams = new Map(
    (await tx.selectFrom('teams').select(['id', 'slug']).execute()).map((t) => [t.slug, t.id]),
  );
  let resources = 0;
  let attachments = 0;
  for (const sample of SAMPLE_RESOURCES) {
    const stepKeys = (sample.steps ?? []).map(() => newStepKey());
    const content: ResourceContent = {
      kind: sample.kind,
      title: sample.title,
      summary: sample.summary,
      body: sample.body,
      audience: sample.audience,
      issueAreas: sample.issueAreas,
      authorTeamId: teams.get(sample.team) ?? null,
      authorGroupId: null,
      links: sample.links ?? [],
      lastReviewedOn: services.now().toISOString().slice(0, 10),
      featured: sample.featured ?? false,
      eventQuery: sample.eventQuery ?? '',
      steps: (sample.steps ?? []).map((step, index) => ({
        key: stepKeys[index]!,
        title: step.title,
        body: step.body,
        checklist: step.checklist,
        resourceIds: [],
      })),
    };
    const saved = await writeRevision(tx, {
      resourceId: null,
      content,
      action: 'publish',
      publish: true,
      actorPersonId: null,
      isSample: true,
      now: services.now(),
    });
    resources++;
    for (const [index, step] of (sample.steps ?? []).entries()) {
      if (!step.template) continue;
      await storeAttachment(
        services,
        null,
        { name: step.template.name, bytes: Buffer.from(step.template.text) },
        { resourceId: saved.id, stepKey: stepKeys[index]!, isSample: true },
        tx,
      );
      attachments++;
    }
  }
  return { resources, resourceAttachments: attachments };
}

export async function clearSampleResources(tx: Tx, services: Services) {
  const rows = await tx
    .selectFrom('resources')
    .select('id')
    .where('is_sample', '=', true)
    .execute();
  const files = await tx
    .selectFrom('resource_attachments')
    .select('storage_key')
    .where((eb) =>
      eb.or([
        eb('is_sample', '=', true),
        eb(
          'resource_id',
          'in',
          eb.selectFrom('resources').select('id').where('is_sample', '=', true),
        ),
      ]),
    )
    .execute();
  for (const row of rows) {
    await removeDocument(tx, 'resource', row.id);
    await removeDocument(tx, 'toolkit', row.id);
  }
  await tx
    .deleteFrom('resource_attachments')
    .where('storage_key', 'in', files.length ? files.map((f) => f.storage_key) : [''])
    .execute();
  await tx.deleteFrom('resources').where('is_sample', '=', true).execute();
  const storage = fileStorageFor(services.config);
  for (const file of files) await storage.delete(file.storage_key);
  return { resources: rows.length, resourceAttachments: files.length };
}
