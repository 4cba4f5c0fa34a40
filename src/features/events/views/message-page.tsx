// A plain page with a title and a sentence: after submitting, confirming, RSVPing.

import type { Child } from 'hono/jsx';
import { PageHeader } from '../../../platform/views/components.tsx';

export function MessagePage({
  title,
  body,
  actions,
}: {
  title: string;
  body: string;
  actions?: Child;
}) {
  return (
    <>
      <PageHeader title={title} />
      <p class="lead">{body}</p>
      {actions}
    </>
  );
}
