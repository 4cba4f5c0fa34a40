import { pino } from 'pino';
import { redactDeep, redactSecrets } from './redact.ts';

export type Logger = pino.Logger;

/** An error as pino writes it (type, message, stack, own fields), without credentials. */
const redactedError = (value: unknown) =>
  value instanceof Error ? redactDeep(pino.stdSerializers.err(value)) : value;

/** Every string in a log record, errors under any key included, without credentials. */
function redactRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record))
    out[key] = value instanceof Error ? redactedError(value) : redactDeep(value);
  return out;
}

/**
 * One JSON logger for the process; tests pass level "silent". Credentials are removed from
 * every line (platform/redact.ts): messages, fields and errors.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: redactRecord },
      serializers: {
        err: redactedError,
        msg: (message: unknown) => (typeof message === 'string' ? redactSecrets(message) : message),
      },
    },
    destination,
  );
}
