/**
 * What WordPress stores is not yet HTML a browser was shown: the block editor leaves its block
 * comments (and reusable blocks by reference), the classic editor leaves paragraphs as blank
 * lines for `wpautop`, and plugins leave shortcodes. This turns a post's content into plain
 * HTML, and notes what it had to drop so a person can look.
 */

export interface ContentContext {
  /** Reusable blocks (post type wp_block) by id: `<!-- wp:block {"ref":12} /-->` becomes that. */
  reusableBlocks: ReadonlyMap<string, string>;
  /** Attachment URLs by id (for [gallery ids="..."]). */
  attachmentUrls: ReadonlyMap<string, string>;
  /** Called with what was dropped ("shortcode [contact-form-7]", "block latest-posts"). */
  onDropped(what: string): void;
}

/** Dynamic blocks render from the database on the old site; their comment is all there is. */
const SELF_CLOSING_BLOCK = /<!--\s+wp:([a-z0-9/-]+)(\s+(\{(?:(?!-->)[\s\S])*?\}))?\s+\/-->/g;
const BLOCK_COMMENT = /<!--\s+\/?wp:[\s\S]*?-->/g;

function expandBlocks(html: string, context: ContentContext, depth = 0): string {
  return html.replace(SELF_CLOSING_BLOCK, (_match, name: string, _attrs, json?: string) => {
    if (name === 'block' && json) {
      try {
        const ref = String((JSON.parse(json) as { ref?: number | string }).ref ?? '');
        const content = context.reusableBlocks.get(ref);
        if (content !== undefined && depth < 3) return expandBlocks(content, context, depth + 1);
      } catch {
        // not JSON: fall through to "dropped"
      }
    }
    if (name !== 'more' && name !== 'nextpage' && name !== 'spacer' && name !== 'separator') {
      context.onDropped(`block "${name}"`);
    }
    return '';
  });
}

// WordPress's own shortcode grammar (get_shortcode_regex), for the names we handle.
function shortcodePattern(names: string): RegExp {
  return new RegExp(
    `\\[(\\[?)(${names})(?![\\w-])([^\\]\\/]*(?:\\/(?!\\])[^\\]\\/]*)*?)(?:(\\/)\\]|\\](?:([^\\[]*(?:\\[(?!\\/\\2\\])[^\\[]*)*)\\[\\/\\2\\])?)(\\]?)`,
    'g',
  );
}

/** Core shortcodes, and plugin ones: a name with "_" or "-" ([contact-form-7], [et_pb_row]). */
const SHORTCODE = shortcodePattern(
  'caption|wp_caption|gallery|embed|video|audio|playlist|[a-z][a-z0-9]*[_-][a-z0-9_-]+',
);

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
    attributes[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return attributes;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function expandShortcodes(html: string, context: ContentContext, depth = 0): string {
  return html.replace(
    SHORTCODE,
    (
      match,
      open: string,
      name: string,
      rawAttributes: string,
      _self,
      inner?: string,
      close?: string,
    ) => {
      // [[name]] is an escaped shortcode: WordPress shows it as text.
      if (open === '[' && close === ']') return match.slice(1, -1);
      const attributes = attributesOf(rawAttributes ?? '');
      const body = inner ?? '';
      switch (name) {
        case 'caption':
        case 'wp_caption': {
          // [caption]<img ...> The caption text[/caption]
          const image = /<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i.exec(body)?.[0] ?? '';
          const caption = (attributes.caption ?? body.replace(image, '')).trim();
          return `<figure>${image}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
        }
        case 'gallery': {
          const ids = (attributes.ids ?? '').split(',').map((id) => id.trim());
          const images = ids
            .map((id) => context.attachmentUrls.get(id))
            .filter((url): url is string => Boolean(url))
            .map((url) => `<p><img src="${escapeAttribute(url)}" alt=""></p>`);
          if (!images.length) context.onDropped('shortcode [gallery]');
          return images.join('');
        }
        case 'embed':
        case 'video':
        case 'audio':
        case 'playlist': {
          const url = (attributes.src ?? attributes.mp4 ?? attributes.mp3 ?? body).trim();
          if (/^https?:\/\//i.test(url)) {
            return `<p><a href="${escapeAttribute(url)}">${escapeAttribute(url)}</a></p>`;
          }
          context.onDropped(`shortcode [${name}]`);
          return '';
        }
        default:
          context.onDropped(`shortcode [${name}]`);
          // Layout shortcodes (page builders) wrap content worth keeping.
          return depth < 5 && body ? expandShortcodes(body, context, depth + 1) : '';
      }
    },
  );
}

const BLOCK_START =
  /^\s*<(p|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|div|figure|pre|hr|form|dl|section|address|iframe|!--)/i;

/**
 * WordPress's `wpautop`, in short: in content written without paragraph tags, a blank line
 * separates paragraphs and a single line break is a `<br>`.
 */
export function addParagraphs(html: string): string {
  if (/<p[\s>]/i.test(html)) return html;
  return html
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
}

/** A post's stored content as the HTML its readers saw (before sanitizing). */
export function renderWordPressContent(content: string, context: ContentContext): string {
  const isBlockEditor = content.includes('<!-- wp:');
  // As WordPress does: blocks, then paragraphs, then shortcodes.
  const html = expandBlocks(content, context).replace(BLOCK_COMMENT, '');
  return expandShortcodes(isBlockEditor ? html : addParagraphs(html), context);
}
