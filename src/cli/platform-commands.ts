import { createSignInLink } from '../features/accounts/sign-in.ts';
import { recordAudit } from '../platform/audit.ts';
import { createApiToken } from '../platform/auth/sessions.ts';
import { startWorker } from '../platform/jobs/worker.ts';
import {
  EmailAddress,
  findOrCreatePerson,
  findPersonByEmail,
  grantAccount,
} from '../platform/people.ts';
import { clearSampleContent, loadSampleContent } from '../platform/sample.ts';
import { type CliCommand, CommandError } from './command.ts';

function requireEmail(value: unknown): string {
  const parsed = EmailAddress.safeParse(value);
  if (!parsed.success)
    throw new CommandError(`--email: ${parsed.error.issues[0]?.message ?? 'not an email address'}`);
  return parsed.data;
}

export const platformCommands: CliCommand[] = [
  {
    name: 'migrate',
    summary: 'Apply pending database migrations.',
    usage: 'hub migrate',
    async run({ booted }) {
      return { ok: true, applied: booted.migrations };
    },
  },
  {
    name: 'admin:create',
    summary: 'Create (or promote) an administrator and print a one-time sign-in link.',
    usage: 'hub admin:create --email E [--name N]',
    details: ["--email E   the administrator's email address (required)", '--name N    their name'],
    options: { email: { type: 'string' }, name: { type: 'string' } },
    async run({ services, values, say }) {
      const email = requireEmail(values.email);
      const name = typeof values.name === 'string' ? values.name : undefined;
      const link = await services.db.transaction().execute(async (tx) => {
        const person = await findOrCreatePerson(tx, { email, name });
        const roles = await grantAccount(tx, person.id, ['administrator', 'editor']);
        await recordAudit(tx, {
          actor: null,
          action: 'account.administrator_created',
          subjectType: 'person',
          subjectId: person.id,
          details: { email, roles, via: 'cli' },
        });
        return {
          link: await createSignInLink(services, tx, person.id, '/admin'),
          personId: person.id,
        };
      });
      say(`Administrator ${email} is ready. One-time sign-in link (expires in 20 minutes):`);
      say(`  ${link.link}`);
      return { ok: true, email, personId: link.personId, signInLink: link.link };
    },
  },
  {
    name: 'token:create',
    summary: 'Print a new API token acting as that user (for Authorization: Bearer).',
    usage: 'hub token:create --email E [--label L]',
    details: [
      '--email E   the account the token acts as (must exist)',
      '--label L   what the token is for',
    ],
    options: { email: { type: 'string' }, label: { type: 'string' } },
    async run({ services, values, say }) {
      const email = requireEmail(values.email);
      const person = await findPersonByEmail(services.db, email);
      const account = person
        ? await services.db
            .selectFrom('accounts')
            .select('person_id')
            .where('person_id', '=', person.id)
            .executeTakeFirst()
        : undefined;
      if (!person || !account)
        throw new CommandError(
          `No account for ${email}. Create one first (hub admin:create, or the admin's Accounts page).`,
        );
      const label = typeof values.label === 'string' ? values.label : 'cli';
      const token = await services.db.transaction().execute(async (tx) => {
        const created = await createApiToken(tx, person.id, label);
        await recordAudit(tx, {
          actor: null,
          action: 'api_token.created',
          subjectType: 'person',
          subjectId: person.id,
          details: { label, via: 'cli' },
        });
        return created;
      });
      say('Keep this token secret; it is shown only once:');
      say(`  ${token}`);
      return { ok: true, email, label, token };
    },
  },
  {
    name: 'sample:load',
    summary: 'Load the sample content (groups, events, resources), marked as sample.',
    usage: 'hub sample:load',
    async run({ services, booted }) {
      return { ok: true, loaded: await loadSampleContent(services, booted.features) };
    },
  },
  {
    name: 'sample:clear',
    summary: 'Remove every piece of sample content in one step.',
    usage: 'hub sample:clear',
    async run({ services, booted }) {
      return { ok: true, removed: await clearSampleContent(services, booted.features) };
    },
  },
  {
    name: 'jobs:work',
    summary: 'Run only the background worker (for a web server started with JOBS=off).',
    usage: 'hub jobs:work [--once]',
    details: ['--once   run every due job, then exit'],
    options: { once: { type: 'boolean' } },
    async run({ services, booted, values, say }) {
      const worker = startWorker({
        db: services.db,
        logger: services.logger,
        definitions: booted.jobDefinitions,
        recurring: booted.recurringJobs,
      });
      if (values.once) {
        const ran = await worker.drain();
        await worker.stop();
        return { ok: true, ran };
      }
      say(`Worker ${worker.id} running; stop it with Ctrl-C or SIGTERM.`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await worker.stop();
      return { ok: true, stopped: true };
    },
  },
];
