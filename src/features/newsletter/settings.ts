import { z } from 'zod';
import { randomToken } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import { readSetting, writeSetting } from '../../platform/services.ts';

/** How fast issues go out; editors tune it to their mail provider's limits. */
export const SendingSettings = z.object({
  /** Messages per second across this process's connections; 0 = as fast as the server takes. */
  ratePerSecond: z.coerce
    .number({ message: 'Enter a number.' })
    .int('Enter a whole number.')
    .min(0, 'Enter 0 (no limit) or more.')
    .max(1000, 'At most 1000 a second.'),
  /** SMTP connections kept open at once. */
  concurrency: z.coerce
    .number({ message: 'Enter a number.' })
    .int('Enter a whole number.')
    .min(1, 'At least 1 connection.')
    .max(50, 'At most 50 connections.'),
});
export type SendingSettings = z.infer<typeof SendingSettings>;

export const DEFAULT_SENDING: SendingSettings = { ratePerSecond: 20, concurrency: 5 };

const SENDING_KEY = 'newsletter.sending';
const WEBHOOK_KEY = 'newsletter.webhookSecret';

export async function readSendingSettings(db: Db): Promise<SendingSettings> {
  const stored = await readSetting<Partial<SendingSettings>>(db, SENDING_KEY);
  const parsed = SendingSettings.safeParse({ ...DEFAULT_SENDING, ...(stored ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_SENDING;
}

export async function saveSendingSettings(db: Db, settings: SendingSettings): Promise<void> {
  await writeSetting(db, SENDING_KEY, settings);
}

/** The shared secret bounce webhooks carry (in the URL or the X-Webhook-Secret header). */
export async function webhookSecret(db: Db): Promise<string> {
  const existing = await readSetting<string>(db, WEBHOOK_KEY);
  if (existing) return existing;
  // Two processes may race to make it: the first one written wins, both read it back.
  await db
    .insertInto('settings')
    .values({ key: WEBHOOK_KEY, value: JSON.stringify(randomToken(24)) })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  return (await readSetting<string>(db, WEBHOOK_KEY))!;
}
