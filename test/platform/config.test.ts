import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/platform/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs with no settings at all, on the documented defaults', () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.mailFrom).toBe('Coalition Hub <no-reply@localhost>');
    expect(config.timezone).toBe('America/New_York');
    expect(config.sampleContent).toBe(true);
    expect(config.jobs).toBe(true);
    expect(config.secureCookies).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('derives PUBLIC_URL from PORT and marks cookies secure behind https', () => {
    expect(parseConfig({ PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    const behindProxy = parseConfig({ PUBLIC_URL: 'https://hub.example.org/' });
    expect(behindProxy.publicUrl).toBe('https://hub.example.org');
    expect(behindProxy.secureCookies).toBe(true);
  });

  it('reports every invalid value on its own line, naming the variable', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      SMTP_URL: 'http://mail',
      COALITION_TIMEZONE: 'Mars/Olympus',
      SAMPLE_CONTENT: 'maybe',
      JOBS: 'yes',
      PUBLIC_URL: 'not a url',
    });
    expect(problems).toHaveLength(7);
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'SMTP_URL',
      'COALITION_TIMEZONE',
      'SAMPLE_CONTENT',
      'JOBS',
      'PUBLIC_URL',
    ]) {
      expect(problems.filter((line) => line.startsWith(`${name}:`))).toHaveLength(1);
    }
  });

  it('wants all three DKIM settings or none', () => {
    expect(problemsOf({ DKIM_DOMAIN: 'example.org' })).toEqual([
      'DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE: set all three to sign mail, or none',
    ]);
    const config = parseConfig({
      DKIM_DOMAIN: 'example.org',
      DKIM_SELECTOR: 's1',
      DKIM_PRIVATE_KEY_FILE: 'key.pem',
    });
    expect(config.dkim?.selector).toBe('s1');
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ PORT: '', SMTP_URL: '' }).port).toBe(3000);
  });
});
