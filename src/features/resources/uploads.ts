/**
 * What may be attached to a resource, decided by the file's first bytes (its magic number), not
 * by the name or the type the browser claims. The name only chooses between formats that share
 * a container (a .docx and a .pptx are both ZIP files) and must agree with the bytes.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface DetectedType {
  contentType: string;
  /** The extension the stored file is served with. */
  extension: string;
  label: string;
}

const TYPES = {
  pdf: { contentType: 'application/pdf', extension: 'pdf', label: 'PDF' },
  png: { contentType: 'image/png', extension: 'png', label: 'PNG image' },
  jpg: { contentType: 'image/jpeg', extension: 'jpg', label: 'JPEG image' },
  gif: { contentType: 'image/gif', extension: 'gif', label: 'GIF image' },
  webp: { contentType: 'image/webp', extension: 'webp', label: 'WebP image' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    label: 'Word document',
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extension: 'pptx',
    label: 'PowerPoint slides',
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    label: 'Excel spreadsheet',
  },
  odt: {
    contentType: 'application/vnd.oasis.opendocument.text',
    extension: 'odt',
    label: 'OpenDocument text',
  },
  odp: {
    contentType: 'application/vnd.oasis.opendocument.presentation',
    extension: 'odp',
    label: 'OpenDocument slides',
  },
  ods: {
    contentType: 'application/vnd.oasis.opendocument.spreadsheet',
    extension: 'ods',
    label: 'OpenDocument spreadsheet',
  },
  txt: { contentType: 'text/plain; charset=utf-8', extension: 'txt', label: 'Text file' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', label: 'CSV file' },
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', label: 'Text file' },
} satisfies Record<string, DetectedType>;

/** For the form's help text and the `accept` attribute. */
export const ALLOWED_EXTENSIONS = [
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'docx',
  'pptx',
  'xlsx',
  'odt',
  'odp',
  'ods',
  'txt',
  'csv',
  'md',
];

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.subarray(from, Math.min(to, bytes.length))).toString('latin1');
}

export function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  return match ? match[1]!.toLowerCase() : '';
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Text that a browser might sniff as markup is refused: we serve text as text only.
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart().toLowerCase();
  return !/^<(!doctype|html|script|svg|\?xml|head|body|iframe)/.test(head);
}

function zipEntryNames(bytes: Uint8Array): string {
  // Names of entries appear in local headers and the central directory; a plain scan finds them.
  return Buffer.from(bytes).toString('latin1');
}

/** The type of a file from its bytes (and, for shared containers, its extension), or undefined. */
export function detectFileType(bytes: Uint8Array, fileName: string): DetectedType | undefined {
  const extension = extensionOf(fileName);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return TYPES.pdf; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return TYPES.jpg;
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return TYPES.gif;
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return TYPES.webp;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // OpenDocument: the first entry is an uncompressed "mimetype" file naming the format.
    if (ascii(bytes, 30, 38) === 'mimetype') {
      const declared = ascii(bytes, 38, 100);
      if (declared.startsWith(TYPES.odt.contentType) && extension === 'odt') return TYPES.odt;
      if (declared.startsWith(TYPES.odp.contentType) && extension === 'odp') return TYPES.odp;
      if (declared.startsWith(TYPES.ods.contentType) && extension === 'ods') return TYPES.ods;
      return undefined;
    }
    const names = zipEntryNames(bytes);
    if (!names.includes('[Content_Types].xml')) return undefined;
    if (extension === 'docx' && names.includes('word/')) return TYPES.docx;
    if (extension === 'pptx' && names.includes('ppt/')) return TYPES.pptx;
    if (extension === 'xlsx' && names.includes('xl/')) return TYPES.xlsx;
    return undefined;
  }
  if ((extension === 'txt' || extension === 'csv' || extension === 'md') && isPlainText(bytes)) {
    return TYPES[extension];
  }
  return undefined;
}

/**
 * A file name safe to show and to put in Content-Disposition: the base name only, no control
 * or path characters, at most 120 characters, with the extension of the detected type.
 */
export function cleanFileName(name: string, type: DetectedType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[A-Za-z0-9]{1,8}$/, '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*\\/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 110);
  return `${stem || 'attachment'}.${type.extension}`;
}

/** Content-Disposition for a download: an ASCII fallback plus the UTF-8 name (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}
