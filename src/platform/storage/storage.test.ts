import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newStorageKey } from './keys.ts';
import { S3Storage } from './s3.ts';
import { sha256Hex, signRequest } from './sigv4.ts';
import { LocalStorage } from './storage.ts';

describe('SigV4 signing', () => {
  it('matches the AWS documentation example for an S3 GET with a Range header', () => {
    const headers = signRequest({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { Range: 'bytes=0-9' },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      region: 'us-east-1',
      service: 's3',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      date: new Date('2013-05-24T00:00:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
  });
});

describe('local storage', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-storage-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores, reads and deletes a file under its generated key', async () => {
    const storage = new LocalStorage(root);
    const key = newStorageKey('resources');
    expect(key).toMatch(/^resources\/\d{4}\/[0-9a-f]{32}$/);
    await storage.put(key, Buffer.from('hello'));
    expect((await storage.get(key))?.toString()).toBe('hello');
    expect(fs.existsSync(path.join(root, ...key.split('/')))).toBe(true);
    await storage.delete(key);
    expect(await storage.get(key)).toBeUndefined();
  });

  it('refuses keys that could escape the uploads folder', async () => {
    const storage = new LocalStorage(root);
    for (const key of ['../etc/passwd', 'a/../../b', '/abs', 'Name With Spaces.pdf', 'a//b']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    }
  });
});

describe('S3 storage against a local S3-compatible server', () => {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const problems: string[] = [];
  let server: http.Server;
  let endpoint: string;
  const secret = 'test-secret-key';

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const auth = request.headers.authorization ?? '';
        const match =
          /Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,SignedHeaders=([^,]+),Signature=([0-9a-f]{64})/.exec(
            auth,
          );
        const hash = request.headers['x-amz-content-sha256'];
        if (match?.[1] !== 'AKTEST') problems.push(`bad authorization: ${auth}`);
        if (hash !== sha256Hex(body)) problems.push('payload hash does not match the body');
        // Recompute the signature from what arrived on the wire, as the server would.
        const signed: Record<string, string> = {};
        for (const name of match?.[4]?.split(';') ?? []) {
          if (name !== 'host' && name !== 'x-amz-date' && name !== 'x-amz-content-sha256') {
            signed[name] = String(request.headers[name]);
          }
        }
        signed.host = String(request.headers.host);
        const stamp = String(request.headers['x-amz-date']);
        const expected = signRequest({
          method: request.method!,
          url: new URL(`http://${request.headers.host}${request.url}`),
          headers: signed,
          payloadHash: String(hash),
          region: match?.[3] ?? '',
          service: 's3',
          accessKeyId: 'AKTEST',
          secretAccessKey: secret,
          date: new Date(
            `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`,
          ),
        });
        if (expected.authorization !== auth) {
          response.writeHead(403, { 'content-type': 'application/xml' });
          response.end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
          return;
        }
        const key = decodeURIComponent(request.url!);
        if (request.method === 'PUT') {
          objects.set(key, { body, type: String(request.headers['content-type']) });
          response.writeHead(200).end();
        } else if (request.method === 'GET') {
          const object = objects.get(key);
          if (!object) {
            response.writeHead(404, { 'content-type': 'application/xml' });
            response.end('<Error><Code>NoSuchKey</Code></Error>');
          } else {
            response.writeHead(200, { 'content-type': object.type }).end(object.body);
          }
        } else if (request.method === 'DELETE') {
          objects.delete(key);
          response.writeHead(204).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const storage = () =>
    new S3Storage({
      endpoint,
      bucket: 'hub-uploads',
      region: 'eu-west-1',
      accessKeyId: 'AKTEST',
      secretAccessKey: secret,
    });

  it('puts, gets and deletes objects with signed requests', async () => {
    const key = newStorageKey('resources');
    const body = Buffer.from('%PDF-1.4 a small file');
    await storage().put(key, body, 'application/pdf');
    expect(objects.get(`/hub-uploads/${key}`)?.type).toBe('application/pdf');
    expect((await storage().get(key))?.equals(body)).toBe(true);
    await storage().delete(key);
    expect(await storage().get(key)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('reports a refused signature as an error naming the S3 code', async () => {
    const wrong = new S3Storage({
      endpoint,
      bucket: 'hub-uploads',
      region: 'eu-west-1',
      accessKeyId: 'AKTEST',
      secretAccessKey: 'not-the-secret',
    });
    await expect(
      wrong.put(newStorageKey('resources'), Buffer.from('x'), 'text/plain'),
    ).rejects.toThrow(/HTTP 403 SignatureDoesNotMatch/);
  });
});
