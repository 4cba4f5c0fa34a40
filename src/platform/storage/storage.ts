import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import { assertStorageKey } from './keys.ts';
import { S3Storage } from './s3.ts';

/**
 * Where uploaded files live: under DATA_DIR/uploads by default, or in an S3-compatible bucket
 * when S3_BUCKET and its keys are configured. Files are stored under generated keys only; the
 * name a person gave a file is kept in the database for display, never used as a path.
 */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The file's bytes, or undefined when there is no such file. */
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}

export class LocalStorage implements FileStorage {
  readonly kind = 'local' as const;
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temporary = `${file}.${randomBytes(4).toString('hex')}.part`;
    await fs.writeFile(temporary, body, { mode: 0o640 });
    await fs.rename(temporary, file);
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}

const cache = new Map<string, FileStorage>();

/** The storage the configuration asks for (one instance per configuration). */
export function fileStorageFor(config: Config): FileStorage {
  const id = config.s3 ? `s3:${config.s3.endpoint}/${config.s3.bucket}` : `local:${config.dataDir}`;
  let storage = cache.get(id);
  if (!storage) {
    storage = config.s3
      ? new S3Storage(config.s3)
      : new LocalStorage(path.join(config.dataDir, 'uploads'));
    cache.set(id, storage);
  }
  return storage;
}
