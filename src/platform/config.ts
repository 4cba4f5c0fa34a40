import path from 'node:path';
import { z } from 'zod';
import { redactSecrets, redactUrlValue, rememberSecret, rememberUrlSecret } from './redact.ts';

/**
 * The process configuration, parsed once from the environment (INTERFACE.md, Configuration).
 * Nothing else in the code reads `process.env`.
 */
const onOff = z.enum(['on', 'off'], { message: 'must be "on" or "off"' });

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  PUBLIC_URL: z.url({ message: 'must be an absolute http(s) URL' }).optional(),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .refine(isUrl, 'is not a valid URL (a password with @ : / ? # % must be percent-encoded)')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .refine(isUrl, 'is not a valid URL (a password with @ : / ? # % must be percent-encoded)')
    .optional(),
  MAIL_FROM: z.string().min(3, 'must be an address').default('Coalition Hub <no-reply@localhost>'),
  DKIM_DOMAIN: z.string().optional(),
  DKIM_SELECTOR: z.string().optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().optional(),
  ORG_POSTAL_ADDRESS: z.string().optional(),
  COALITION_TIMEZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as America/New_York')
    .default('America/New_York'),
  SAMPLE_CONTENT: onOff.default('on'),
  JOBS: onOff.default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // on (one proxy), off, or how many proxies stand in front (each appends to X-Forwarded-For).
  TRUST_PROXY: z
    .string()
    .regex(/^(on|off|[0-9]|10)$/, 'must be "on", "off" or the number of proxies (0 to 10)')
    .default('off'),
  // Uploads in S3-compatible storage instead of DATA_DIR/uploads (docs/resources.md).
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: z.url({ message: 'must be an absolute http(s) URL' }).optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
});

function isUrl(value: string): boolean {
  return URL.canParse(value);
}

// Values never quoted in an error, and values quoted only with their credentials hidden.
const SECRET_VARIABLES = new Set(['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']);
const URL_VARIABLES = new Set(['DATABASE_URL', 'SMTP_URL', 'S3_ENDPOINT', 'PUBLIC_URL']);

/** How a bad value is quoted in a configuration error: never with a password in it. */
function quoted(name: string, value: string | undefined): string {
  if (value === undefined) return '""';
  if (SECRET_VARIABLES.has(name)) return '(not shown)';
  return JSON.stringify(URL_VARIABLES.has(name) ? redactUrlValue(value) : redactSecrets(value));
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  /** PUBLIC_URL (or PORT) was set, rather than defaulted. */
  readonly publicUrlExplicit: boolean;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly dkim: { domain: string; selector: string; privateKeyFile: string } | undefined;
  readonly orgPostalAddress: string | undefined;
  readonly timezone: string;
  readonly sampleContent: boolean;
  readonly jobs: boolean;
  readonly logLevel: string;
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  readonly trustProxy: boolean;
  /** How many proxies in front of the server append to X-Forwarded-For (0 when not trusted). */
  readonly proxyHops: number;
  readonly secureCookies: boolean;
  /** S3-compatible storage for uploads; unset: files under DATA_DIR/uploads. */
  readonly s3?: {
    endpoint: string;
    bucket: string;
    region: string;
    accessKeyId: string;
    secretAccessKey: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a frozen Config, or throws a ConfigError with one line per problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  rememberUrlSecret(cleaned.DATABASE_URL);
  rememberUrlSecret(cleaned.SMTP_URL);
  rememberUrlSecret(cleaned.S3_ENDPOINT);
  rememberSecret(cleaned.S3_SECRET_ACCESS_KEY);
  const result = EnvSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      problems.push(`${name}: ${issue.message} (got ${quoted(name, cleaned[name])})`);
    }
    throw new ConfigError(problems);
  }
  const e = result.data;
  const dkimParts = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY_FILE];
  const dkimCount = dkimParts.filter(Boolean).length;
  if (dkimCount > 0 && dkimCount < 3) {
    problems.push(
      'DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE: set all three to sign mail, or none',
    );
  }
  const s3Parts = [e.S3_BUCKET, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY];
  const s3Count = s3Parts.filter(Boolean).length;
  if (s3Count > 0 && s3Count < 3) {
    problems.push(
      'S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set all three to keep uploads in S3, or none',
    );
  }
  if (problems.length) throw new ConfigError(problems);
  const proxyHops =
    e.TRUST_PROXY === 'on' ? 1 : e.TRUST_PROXY === 'off' ? 0 : Number(e.TRUST_PROXY);
  const publicUrl = (e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    publicUrlExplicit: Boolean(e.PUBLIC_URL || cleaned.PORT),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    dkim:
      dkimCount === 3
        ? {
            domain: e.DKIM_DOMAIN!,
            selector: e.DKIM_SELECTOR!,
            privateKeyFile: path.resolve(e.DKIM_PRIVATE_KEY_FILE!),
          }
        : undefined,
    orgPostalAddress: e.ORG_POSTAL_ADDRESS,
    timezone: e.COALITION_TIMEZONE,
    sampleContent: e.SAMPLE_CONTENT === 'on',
    jobs: e.JOBS === 'on',
    logLevel: e.LOG_LEVEL,
    trustProxy: proxyHops > 0,
    proxyHops,
    secureCookies: publicUrl.startsWith('https://'),
    s3:
      s3Count === 3
        ? {
            endpoint: (e.S3_ENDPOINT ?? `https://s3.${e.S3_REGION}.amazonaws.com`).replace(
              /\/+$/,
              '',
            ),
            bucket: e.S3_BUCKET!,
            region: e.S3_REGION,
            accessKeyId: e.S3_ACCESS_KEY_ID!,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
          }
        : undefined,
  });
}

/** Reads the real environment; the only place in the code that touches process.env. */
export function loadConfig(overrides: Record<string, string | undefined> = {}): Config {
  return parseConfig({ ...process.env, ...overrides });
}
