/** One sample issue in the archive, so the newsletter page looks alive on first start. */
import type { Tx } from '../../platform/db/database.ts';
import { indexDocument, removeDocument } from '../../platform/search-index.ts';
import type { Services } from '../../platform/services.ts';
import { issueDateLabel } from './email.ts';
import { issueDateFor, issuePlainText } from './issues.ts';
import {
  appendBlock,
  findIssueByDate,
  insertIssue,
  listBlocks,
  updateIssue,
} from './repository.ts';

export async function createSampleIssue(tx: Tx, services: Services): Promise<number> {
  const now = services.now();
  // The most recent past Saturday that has no issue yet.
  let issueDate: string | undefined;
  for (let weeks = 1; weeks <= 12 && !issueDate; weeks++) {
    const candidate = issueDateFor(
      new Date(now.getTime() - weeks * 7 * 86_400_000),
      services.config.timezone,
    );
    if (!(await findIssueByDate(tx, candidate))) issueDate = candidate;
  }
  if (!issueDate) return 0;
  const issue = await insertIssue(tx, {
    slug: issueDate,
    issueDate,
    subject: `This week across the coalition: ${issueDateLabel(issueDate)}`,
    preheader: 'Town halls, a training on meeting your legislators, and a group to meet.',
    createdBy: null,
    isSample: true,
  });
  await appendBlock(tx, issue.id, {
    kind: 'note',
    title: 'From the editors',
    body: 'Welcome to the weekly newsletter of the coalition. Every Saturday we gather what our groups and allies are doing across Massachusetts, so you can find something to join near you.\n\n*This is sample content: it disappears with `hub sample:clear`.*',
  });
  await appendBlock(tx, issue.id, {
    kind: 'news',
    title: 'Thank you for 2,000 postcards',
    body: 'Volunteers in twelve towns wrote more than 2,000 postcards to voters this month. The next **postcard party** is open to everyone; bring a pen.',
    linkUrl: 'https://example.org/postcards',
    submittedBy: 'Dana Organizer',
    onBehalfOf: 'Sample Valley Indivisible',
  });
  await appendBlock(tx, issue.id, {
    kind: 'spotlight',
    title: 'Meet a group: Sample Harbor Indivisible',
    body: 'Sample Harbor Indivisible meets on the first Tuesday of the month at the public library. New members are welcome at every meeting.',
    submittedBy: 'Sam Editor',
  });
  await appendBlock(tx, issue.id, {
    kind: 'events',
    title: 'Events in the next two weeks',
    data: { occurrences: [] },
  });
  await updateIssue(tx, issue.id, { state: 'sent', sent_at: now, published_at: now });
  await indexDocument(tx, {
    kind: 'newsletter_issue',
    refId: issue.id,
    title: issue.subject,
    summary: issue.preheader,
    body: issuePlainText(await listBlocks(tx, issue.id)),
    url: `/newsletter/${issue.slug}`,
  });
  return 1;
}

export async function clearSampleIssues(tx: Tx): Promise<number> {
  const rows = await tx
    .deleteFrom('newsletter_issues')
    .where('is_sample', '=', true)
    .returning('id')
    .execute();
  for (const row of rows) await removeDocument(tx, 'newsletter_issue', row.id);
  return rows.length;
}
