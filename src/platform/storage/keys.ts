import { randomBytes } from 'node:crypto';

const KEY = /^[a-z0-9]+(?:[/_-][a-z0-9]+)*$/;

export function assertStorageKey(key: string): void {
  if (!KEY.test(key) || key.length > 200) throw new Error(`invalid storage key: ${key}`);
}

/** A fresh unguessable key such as "resources/2026/3f9c…", under a prefix of the caller's. */
export function newStorageKey(prefix: string, now: Date = new Date()): string {
  const key = `${prefix}/${now.getUTCFullYear()}/${randomBytes(16).toString('hex')}`;
  assertStorageKey(key);
  return key;
}
