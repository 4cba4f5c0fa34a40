import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Counts writes made through this process's Kysely instance, so a cache of rendered content can
 * tell it is stale without knowing every feature's tables. The count moves after a write has run;
 * on the embedded database nothing else runs until its transaction ends, so a reader never caches
 * between a write and its commit. Writes from other processes are not seen: caches also expire.
 */
const IGNORED_TABLES = new Set([
  'jobs',
  'sessions',
  'rate_limits',
  'mail_messages',
  'audit_log',
  'api_tokens',
  'sign_in_tokens',
]);

let version = 0;

/** A number that changes whenever content may have changed in this process. */
export function contentVersion(): number {
  return version;
}

function writtenTable(node: RootOperationNode): string | undefined {
  const table = (node as { into?: { table?: { identifier?: { name?: string } } } }).into?.table
    ?.identifier?.name;
  if (table) return table;
  const from = (node as { table?: { table?: { identifier?: { name?: string } } } }).table?.table
    ?.identifier?.name;
  if (from) return from;
  const froms = (node as { from?: { froms?: { table?: { identifier?: { name?: string } } }[] } })
    .from?.froms;
  return froms?.[0]?.table?.identifier?.name;
}

export class ChangeTrackerPlugin implements KyselyPlugin {
  #writes = new WeakMap<object, boolean>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind;
    if (
      kind === 'InsertQueryNode' ||
      kind === 'UpdateQueryNode' ||
      kind === 'DeleteQueryNode' ||
      kind === 'RawNode'
    ) {
      const table = kind === 'RawNode' ? undefined : writtenTable(args.node);
      const counts = kind !== 'RawNode' && !(table && IGNORED_TABLES.has(table));
      if (counts) this.#writes.set(args.queryId, true);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#writes.get(args.queryId)) version++;
    return args.result;
  }
}
