import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../../platform/services.ts';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const SIGNATURES: { type: string; extension: string; test: (b: Buffer) => boolean }[] = [
  {
    type: 'image/jpeg',
    extension: 'jpg',
    test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    type: 'image/png',
    extension: 'png',
    test: (b) =>
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    type: 'image/gif',
    extension: 'gif',
    test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  },
  {
    type: 'image/webp',
    extension: 'webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' &&
      b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

export const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
};

function folder(services: Services): string {
  return path.join(services.config.dataDir, 'uploads', 'events');
}

/**
 * Checks an uploaded image by its bytes (not its name or claimed type) and size. Returns the
 * bytes and extension, 'invalid', or undefined when nothing was uploaded.
 */
export async function readImageUpload(
  value: unknown,
): Promise<{ bytes: Buffer; extension: string } | 'invalid' | undefined> {
  if (!(value instanceof File) || value.size === 0) return undefined;
  if (value.size > MAX_IMAGE_BYTES) return 'invalid';
  const bytes = Buffer.from(await value.arrayBuffer());
  const match = SIGNATURES.find((signature) => signature.test(bytes));
  return match ? { bytes, extension: match.extension } : 'invalid';
}

/** Stores image bytes under a name made from their hash; returns the file name. */
export function storeImage(
  services: Services,
  image: { bytes: Buffer; extension: string },
): string {
  const name = `${createHash('sha256').update(image.bytes).digest('hex').slice(0, 32)}.${image.extension}`;
  fs.mkdirSync(folder(services), { recursive: true });
  const file = path.join(folder(services), name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, image.bytes);
  return name;
}

export function readImage(
  services: Services,
  name: string,
): { bytes: Buffer; type: string } | undefined {
  const match = /^[0-9a-f]{32}\.(jpg|png|gif|webp)$/.exec(name);
  if (!match) return undefined;
  const file = path.join(folder(services), name);
  if (!fs.existsSync(file)) return undefined;
  return { bytes: fs.readFileSync(file), type: IMAGE_TYPES[match[1]!]! };
}
