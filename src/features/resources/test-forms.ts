/** Helpers for the resources tests: the editor form as a multipart body, and a small PDF. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export function resourceForm(
  fields: Record<string, string | string[]>,
  files: { name: string; body: Buffer; type?: string }[] = [],
): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  }
  for (const file of files) {
    form.append(
      'attachment',
      new File([new Uint8Array(file.body)], file.name, {
        type: file.type ?? 'application/octet-stream',
      }),
    );
  }
  return form;
}
