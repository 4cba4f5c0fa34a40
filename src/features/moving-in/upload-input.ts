/**
 * The admin's upload forms: which files came, and whether they are what each import reads.
 * Checked by their first bytes, not by the names or types the browser claims.
 */
import type { FieldErrors } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import type { ImportKind } from './report.ts';
import type { UploadedFile } from './run-import.ts';

export type UploadResult =
  | { ok: true; files: UploadedFile[]; options: Record<string, unknown> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

async function filesOf(value: unknown): Promise<UploadedFile[]> {
  const list = Array.isArray(value) ? value : [value];
  const files: UploadedFile[] = [];
  for (const item of list) {
    if (item instanceof File && item.size > 0) {
      files.push({
        name: item.name.slice(0, 200),
        bytes: new Uint8Array(await item.arrayBuffer()),
      });
    }
  }
  return files;
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;
const startsAsXml = (bytes: Uint8Array) =>
  /^(\uFEFF)?\s*<(\?xml|rss)/.test(Buffer.from(bytes.subarray(0, 200)).toString('utf8'));
const startsAsCsv = (bytes: Uint8Array) => {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  return !head.includes('\u0000') && /email/i.test(head.split(/\r?\n/)[0] ?? '');
};

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** Reads one upload form's values for an import of `kind`. */
export async function readUpload(
  kind: ImportKind,
  values: Record<string, unknown>,
): Promise<UploadResult> {
  if (kind === 'mailchimp_audience') {
    const files = await filesOf(values.files);
    const town = text(values.town, 100);
    const zip = text(values.zip, 100);
    const kept = { town, zip };
    if (!files.length)
      return { ok: false, errors: { files: t('movingIn.error.noFile') }, values: kept };
    if (!files.every((file) => isZip(file.bytes) || startsAsCsv(file.bytes))) {
      return { ok: false, errors: { files: t('movingIn.error.notZipOrCsv') }, values: kept };
    }
    const mapping = { ...(town ? { town } : {}), ...(zip ? { zip } : {}) };
    return { ok: true, files, options: { mapping } };
  }
  if (kind === 'wordpress') {
    const files = await filesOf(values.file);
    if (!files.length)
      return { ok: false, errors: { file: t('movingIn.error.noFile') }, values: {} };
    if (!startsAsXml(files[0]!.bytes))
      return { ok: false, errors: { file: t('movingIn.error.notXml') }, values: {} };
    return { ok: true, files: files.slice(0, 1), options: {} };
  }
  const files = await filesOf(values.file);
  const url = text(values.url, 2000);
  if (files.length) {
    if (!startsAsXml(files[0]!.bytes))
      return { ok: false, errors: { file: t('movingIn.error.feed') }, values: { url } };
    return { ok: true, files: files.slice(0, 1), options: {} };
  }
  if (!/^https?:\/\/\S+$/i.test(url))
    return { ok: false, errors: { url: t('movingIn.error.feed') }, values: { url } };
  return { ok: true, files: [], options: { url } };
}
