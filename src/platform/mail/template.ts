import { html, raw } from 'hono/html';
import { escapeHtml } from '../text.ts';

/**
 * One template gives both parts of a message: the content is written once as blocks and
 * rendered to plain text and to HTML (tables and inline styles, so mail clients agree).
 */
export type EmailBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'button'; text: string; url: string }
  | { type: 'code'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'small'; text: string };

export interface EmailContent {
  subject: string;
  /** Shown by mail clients beside the subject. */
  preheader?: string;
  blocks: EmailBlock[];
  /** Footer lines (the coalition's name, postal address, why you got this). */
  footer?: string[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const ACCENT = '#1d4ed8';

function renderTextBlock(block: EmailBlock): string {
  switch (block.type) {
    case 'heading':
      return `${block.text}\n${'='.repeat(Math.min(block.text.length, 60))}`;
    case 'paragraph':
    case 'small':
    case 'code':
      return block.text;
    case 'button':
      return `${block.text}:\n${block.url}`;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
  }
}

function renderHtmlBlock(block: EmailBlock) {
  switch (block.type) {
    case 'heading':
      return html`<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827">${block.text}</h1>`;
    case 'paragraph':
      return html`<p style="margin:0 0 16px;font-size:16px;line-height:1.5;color:#111827">${block.text}</p>`;
    case 'small':
      return html`<p style="margin:0 0 12px;font-size:13px;line-height:1.5;color:#4b5563">${block.text}</p>`;
    case 'code':
      return html`<p style="margin:0 0 16px;font-family:Menlo,Consolas,monospace;font-size:18px;letter-spacing:2px;color:#111827">${block.text}</p>`;
    case 'list':
      return html`<ul style="margin:0 0 16px;padding-left:20px;font-size:16px;line-height:1.5;color:#111827">${block.items.map((item) => html`<li>${item}</li>`)}</ul>`;
    case 'button':
      return html`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px"><tr><td style="border-radius:6px;background:${ACCENT}"><a href="${block.url}" style="display:inline-block;padding:12px 20px;font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px">${block.text}</a></td></tr></table><p style="margin:0 0 16px;font-size:13px;color:#4b5563;word-break:break-all">${block.url}</p>`;
  }
}

export function renderEmail(content: EmailContent): RenderedEmail {
  const footer = content.footer ?? [];
  const text = [
    ...content.blocks.map(renderTextBlock),
    ...(footer.length ? ['--', ...footer] : []),
  ].join('\n\n');
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light only"><title>${content.subject}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6">
<span style="display:none!important;visibility:hidden;opacity:0;height:0;width:0;overflow:hidden">${content.preheader ?? ''}</span>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px"><tr><td style="padding:28px 24px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif">
${content.blocks.map(renderHtmlBlock)}
</td></tr></table>
${footer.length ? html`<p style="max-width:600px;margin:16px auto 0;font-family:Helvetica,Arial,sans-serif;font-size:12px;line-height:1.5;color:#4b5563">${raw(footer.map((line) => escapeHtml(line)).join('<br>'))}</p>` : ''}
</td></tr></table></body></html>`;
  return { subject: content.subject, text, html: String(body) };
}
