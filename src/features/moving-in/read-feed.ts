/**
 * Reads an RSS 2.0 document as it streams in: a WordPress export (WXR) is RSS with WordPress's
 * own elements, and Mailchimp's campaign archive is plain RSS. Only the shape both need is
 * kept: the channel's fields and records (authors, categories, terms), and each item's fields,
 * categories and post meta. `sax` does the XML; nothing here builds a tree of the whole file.
 */
import sax from 'sax';
import { AppError } from '../../platform/errors.ts';

export interface FeedCategory {
  domain: string;
  nicename: string;
  name: string;
}

export interface FeedItem {
  /** Direct children by element name ("title", "wp:post_id", "content:encoded", ...). */
  fields: Record<string, string>;
  categories: FeedCategory[];
  /** WordPress post meta (the last value of each key wins; `metaAll` keeps every value). */
  meta: Record<string, string>;
  metaAll: [string, string][];
}

export interface Feed {
  channel: Record<string, string>;
  /** Channel-level records with children: wp:author, wp:category, wp:tag, wp:term. */
  records: { type: string; fields: Record<string, string> }[];
  items: FeedItem[];
  /** XML errors passed over (a broken character, an unknown entity). */
  problems: string[];
}

const MAX_PROBLEMS = 20;

/** Parses a whole feed from text chunks (a file stream with utf8 encoding, or one string). */
export async function readFeed(source: AsyncIterable<string> | string): Promise<Feed> {
  const feed: Feed = { channel: {}, records: [], items: [], problems: [] };
  const parser = sax.parser(true, { trim: false, normalize: false });
  const path: string[] = [];
  let text = '';
  let item: FeedItem | undefined;
  let record: { type: string; fields: Record<string, string> } | undefined;
  let category: FeedCategory | undefined;
  let metaKey = '';
  let metaValue = '';
  let sawRss = false;

  parser.onopentag = (node) => {
    const name = node.name;
    path.push(name);
    text = '';
    const depth = path.length;
    const attributes = node.attributes as Record<string, string>;
    if (depth === 1 && (name === 'rss' || name === 'rdf:RDF')) sawRss = true;
    if (depth === 3 && path[1] === 'channel') {
      if (name === 'item') item = { fields: {}, categories: [], meta: {}, metaAll: [] };
      else record = { type: name, fields: {} };
    }
    if (item && depth === 4 && name === 'category') {
      category = { domain: attributes.domain ?? '', nicename: attributes.nicename ?? '', name: '' };
    }
    if (item && depth === 4 && name === 'wp:postmeta') {
      metaKey = '';
      metaValue = '';
    }
  };
  const addText = (chunk: string) => {
    text += chunk;
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  parser.onclosetag = (name) => {
    const depth = path.length;
    if (depth === 3 && path[1] === 'channel') {
      if (name === 'item' && item) feed.items.push(item);
      else if (record && Object.keys(record.fields).length) feed.records.push(record);
      else feed.channel[name] = text.trim();
      item = undefined;
      record = undefined;
    } else if (depth === 4 && item) {
      if (name === 'category' && category) {
        category.name = text.trim();
        item.categories.push(category);
        category = undefined;
      } else if (name === 'wp:postmeta') {
        item.meta[metaKey] = metaValue;
        item.metaAll.push([metaKey, metaValue]);
      } else if (!(name in item.fields)) {
        item.fields[name] = text;
      }
    } else if (depth === 5 && item && path[3] === 'wp:postmeta') {
      if (name === 'wp:meta_key') metaKey = text.trim();
      if (name === 'wp:meta_value') metaValue = text;
    } else if (depth === 4 && record) {
      record.fields[name] = text.trim();
    }
    path.pop();
    text = '';
  };
  parser.onerror = (error) => {
    if (feed.problems.length < MAX_PROBLEMS) {
      feed.problems.push(error.message.split('\n').slice(0, 3).join(' '));
    }
    // Keep reading: one bad character should not cost the whole export.
    (parser as unknown as { error: Error | null }).error = null;
    parser.resume();
  };

  const chunks = typeof source === 'string' ? [source] : source;
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (feed.problems.length >= MAX_PROBLEMS && !feed.items.length) break;
  }
  parser.close();
  if (!sawRss) {
    throw new AppError(
      'invalid_input',
      `This is not an RSS or WordPress export file${feed.problems[0] ? ` (${feed.problems[0]})` : ''}.`,
    );
  }
  return feed;
}
