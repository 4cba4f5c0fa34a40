/**
 * Credentials never appear in a message or a log line: `SMTP_URL` and `DATABASE_URL` carry a
 * password, and an error about them (a typo, a failed connection) tends to quote them. Every
 * configuration error, start-up and CLI failure, log line (logger.ts), stored job and mail error
 * goes through here. Over-redacting a log line is acceptable; leaking a password is not.
 */
export const REDACTED = '***';

// scheme://user:password@host, and the same with the scheme mistyped (postgresql//u:p@h):
// everything between the first ':' after '//' and the last '@' of the word.
const URL_USERINFO = /(\/\/[^\s/?#@:"'<>]*):[^\s"'<>]*@/g;
// password=..., ?token=..., secret=... (libpq key=value strings, query strings).
const KEY_VALUE =
  /\b(password|passwd|pwd|pass|secret|token|api[_-]?key|access[_-]?key|secret[_-]?access[_-]?key)=([^\s&;"'<>]+)/gi;

// The configuration's own secrets (URL passwords, S3 key), hidden wherever they turn up, even
// quoted bare by a server ("535 wrong password hunter2").
const knownSecrets = new Set<string>();

/** Remembers a secret from the configuration so that no message or log line shows it. */
export function rememberSecret(secret: string | undefined): void {
  if (!secret || secret.length < 4) return;
  knownSecrets.add(secret);
  try {
    knownSecrets.add(decodeURIComponent(secret));
  } catch {
    // not percent-encoded
  }
}

/** Remembers the password of a URL from the configuration (and the URL, if it will not parse). */
export function rememberUrlSecret(url: string | undefined): void {
  if (!url) return;
  try {
    rememberSecret(new URL(url).password);
  } catch {
    rememberSecret(/\/\/[^/@:]*:(.*)@/.exec(url)?.[1]);
  }
}

/** The text with the password of every URL, every password=... and every known secret hidden. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of knownSecrets)
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  if (!out.includes('@') && !out.includes('=')) return out;
  return out.replace(URL_USERINFO, `$1:${REDACTED}@`).replace(KEY_VALUE, `$1=${REDACTED}`);
}

/**
 * A value that should be a URL with credentials, for quoting in an error: redacted as a URL,
 * and when it is too malformed to find the password, everything before its last '@' hidden.
 */
export function redactUrlValue(value: string): string {
  const redacted = redactSecrets(value);
  if (redacted !== value || !value.includes('@')) return redacted;
  return `${REDACTED}${value.slice(value.lastIndexOf('@'))}`;
}

/** Redacts every string inside a log record or error (depth-limited; other values kept). */
export function redactDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1)) as T;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, depth + 1);
  return out as T;
}

/** An error's message (or its stack, for an unexpected one) with credentials removed. */
export function redactedError(error: unknown, withStack = false): string {
  if (error instanceof Error)
    return redactSecrets((withStack && error.stack) || error.message || String(error));
  return redactSecrets(String(error));
}
