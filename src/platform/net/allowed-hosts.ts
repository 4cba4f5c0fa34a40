import net from 'node:net';
import type { Db } from '../db/database.ts';
import { readSetting, writeSetting } from '../services.ts';
import { normalizeHost } from './address.ts';

/**
 * Hosts the server may fetch from although they resolve to internal addresses: an
 * administrator's setting (Site settings), one host name or address per line. Empty by default.
 */
const SETTING = 'net.allowedInternalHosts';
export const MAX_ALLOWED_HOSTS = 50;

export async function readAllowedHosts(db: Db): Promise<string[]> {
  return (await readSetting<string[]>(db, SETTING)) ?? [];
}

export async function saveAllowedHosts(db: Db, hosts: readonly string[]): Promise<void> {
  await writeSetting(db, SETTING, hosts);
}

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/**
 * Reads the setting's text: one host per line; a pasted URL counts as its host. Returns the
 * normalized hosts, or the lines that are not a host name or an IP address.
 */
export function parseHostList(text: string): { hosts: string[]; invalid: string[] } {
  const hosts: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    let host = line;
    if (line.includes('://')) {
      try {
        host = new URL(line).hostname;
      } catch {
        invalid.push(line);
        continue;
      }
    }
    const normalized = normalizeHost(host);
    if (net.isIP(normalized) || HOST_NAME.test(normalized)) {
      if (!hosts.includes(normalized)) hosts.push(normalized);
    } else invalid.push(line);
  }
  return { hosts, invalid };
}
