import { assertStorageKey } from './keys.ts';
import { EMPTY_SHA256, sha256Hex, signRequest, uriEncode } from './sigv4.ts';
import type { FileStorage } from './storage.ts';

export interface S3Options {
  /** e.g. https://s3.us-east-1.amazonaws.com or http://127.0.0.1:9000 (MinIO). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * An S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Backblaze B2, Garage...), path-style
 * addressing (`endpoint/bucket/key`), each request signed with SigV4.
 */
export class S3Storage implements FileStorage {
  readonly kind = 's3' as const;
  constructor(
    private readonly options: S3Options,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private urlOf(key: string): URL {
    assertStorageKey(key);
    return new URL(
      `${this.options.endpoint}/${uriEncode(this.options.bucket)}/${uriEncode(key, true)}`,
    );
  }

  private async send(
    method: 'PUT' | 'GET' | 'DELETE',
    key: string,
    body?: Buffer,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const url = this.urlOf(key);
    const headers = signRequest({
      method,
      url,
      headers: extra,
      payloadHash: body ? sha256Hex(body) : EMPTY_SHA256,
      region: this.options.region,
      service: 's3',
      accessKeyId: this.options.accessKeyId,
      secretAccessKey: this.options.secretAccessKey,
      date: this.now(),
    });
    delete headers.host; // fetch sets it from the URL
    return fetch(url, {
      method,
      headers,
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
  }

  private async fail(what: string, response: Response): Promise<never> {
    const text = (await response.text().catch(() => '')).slice(0, 300);
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    throw new Error(`S3 ${what} failed: HTTP ${response.status}${code ? ` ${code}` : ''}`);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const response = await this.send('PUT', key, body, {
      'content-type': contentType,
      'content-length': String(body.length),
    });
    if (!response.ok) await this.fail(`PUT ${key}`, response);
    await response.arrayBuffer();
  }

  async get(key: string): Promise<Buffer | undefined> {
    const response = await this.send('GET', key);
    if (response.status === 404) {
      await response.arrayBuffer();
      return undefined;
    }
    if (!response.ok) await this.fail(`GET ${key}`, response);
    return Buffer.from(await response.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    if (!response.ok && response.status !== 404) await this.fail(`DELETE ${key}`, response);
    await response.arrayBuffer();
  }
}
