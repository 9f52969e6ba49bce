// A partition index for the embedded Cosmos DB-compatible server (@vercel/cosmosdb-server). The server keeps a
// container's documents in one map and answers every query by copying and scanning all of them, whatever
// partition key the client sent. This keeps, beside that map, the documents of each partition key value, and
// answers a single-partition query (one with a partition key header; @azure/cosmos sends the cross-partition
// flag on every request, so that flag says nothing) from its partition alone,
// as Azure Cosmos DB does. The server's own code is untouched: its document collection class gets three
// wrapped methods (write, delete, query), and the HTTP handler tells the query which partition it is for and
// answers the SDK's query plan requests, which the server would otherwise run as whole-container queries.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Documents from '@vercel/cosmosdb-server/lib/account/documents';

type Doc = Record<string, unknown> & { _rid: string };
type Item = { read(): Doc | undefined };
type Query = (params: unknown, options: unknown) => unknown;

interface IndexedDocuments {
  _data: Map<string, Item>;
  _partitions?: Map<string, Map<string, Item>>;
  _getPartition(data: Record<string, unknown>): unknown;
  _getPartitionKeyPath(): string[];
  _getQuery(sql: string): { ast: { body?: { where?: { condition?: AstNode } } } };
  _item(keyPath: string, value: string, partition: unknown): Item;
}

/** The parts of @zeit/cosmosdb-query's syntax tree read here. */
interface AstNode {
  type: string;
  operator?: string;
  left?: AstNode;
  right?: AstNode;
  name?: string | AstNode;
  value?: unknown;
  object?: AstNode;
  property?: AstNode;
  arguments?: AstNode[];
  list?: AstNode[];
}
type QueryParams = { query: string; parameters?: { name: string; value: unknown }[] };

/** The conditions every result must meet: the WHERE clause's top-level AND terms. */
function conjuncts(node: AstNode | undefined): AstNode[] {
  if (!node) return [];
  if (node.type === 'scalar_binary_expression' && node.operator === 'AND')
    return [...conjuncts(node.left), ...conjuncts(node.right)];
  return [node];
}

/**
 * The partition key values a cross-partition query is confined to by one of its top-level conditions
 * (`c.pk = @v`, `c.pk IN (@a, @b)`, `ARRAY_CONTAINS(@list, c.pk)`), or undefined when none confines it.
 */
function confinedPartitions(docs: IndexedDocuments, params: QueryParams): unknown[] | undefined {
  const path = docs._getPartitionKeyPath();
  if (path.length !== 1) return undefined;
  let condition: AstNode | undefined;
  try {
    condition = docs._getQuery(params.query).ast.body?.where?.condition;
  } catch {
    return undefined; // the server reports the syntax error itself
  }
  const isKey = (n: AstNode | undefined) =>
    n?.type === 'scalar_member_expression' &&
    n.object?.type === 'identifier' &&
    n.property?.type === 'identifier' &&
    n.property.name === path[0];
  const parameters = new Map((params.parameters ?? []).map((p) => [p.name, p.value]));
  const valueOf = (n: AstNode | undefined): { value: unknown } | undefined => {
    if (n?.type === 'parameter_name' && typeof n.name === 'string' && parameters.has(n.name))
      return { value: parameters.get(n.name) };
    if (n?.type === 'string_constant' || n?.type === 'number_constant') return { value: n.value };
    return undefined;
  };
  for (const c of conjuncts(condition)) {
    if (c.type === 'scalar_binary_expression' && c.operator === '=') {
      const v = isKey(c.left) ? valueOf(c.right) : isKey(c.right) ? valueOf(c.left) : undefined;
      if (v) return [v.value];
    }
    if (c.type === 'scalar_in_expression' && isKey(c.value as AstNode)) {
      const values = (c.list ?? []).map(valueOf);
      if (values.every(Boolean)) return values.map((v) => v!.value);
    }
    const fn = c.type === 'scalar_function_expression' && typeof c.name === 'object' ? c.name.name : undefined;
    if (
      typeof fn === 'string' &&
      fn.toUpperCase() === 'ARRAY_CONTAINS' &&
      c.arguments?.length === 2 &&
      isKey(c.arguments[1])
    ) {
      const list = valueOf(c.arguments[0]);
      if (list && Array.isArray(list.value)) return list.value;
    }
  }
  return undefined;
}

/** The partition a query is for, set by the HTTP handler around the server's handling of that request. */
const queryPartition = new AsyncLocalStorage<string>();
/** Set around every request of a server whose index is on (the switch lets the benchmark turn it off). */
const indexing = new AsyncLocalStorage<boolean>();

/** One key per partition key value; documents without the field share the "none" key, as the header `[{}]` names it. */
const keyOf = (value: unknown) =>
  value === undefined || value === null || typeof value === 'object' ? '{}' : JSON.stringify(value);

const partitionsOf = (docs: IndexedDocuments) => (docs._partitions ??= new Map());

/** Wraps the server's document collection methods, once, when this module loads (before any server holds documents). */
function install(): void {
  const proto = Documents.prototype as unknown as IndexedDocuments & {
    _set(data: Doc): Doc;
    delete(idOrRid: string, partition: unknown): void;
    query: Query;
  };
  const { _set: set, delete: remove, query } = proto;

  proto._set = function (this: IndexedDocuments, data: Doc) {
    const result = set.call(this, data);
    const item = this._data.get(data._rid);
    if (item) {
      const partitions = partitionsOf(this);
      const key = keyOf(this._getPartition(data));
      let partition = partitions.get(key);
      if (!partition) partitions.set(key, (partition = new Map()));
      partition.set(data._rid, item);
    }
    return result;
  };

  proto.delete = function (this: IndexedDocuments, idOrRid: string, partition: unknown) {
    const data = this._item('/id', idOrRid, partition).read();
    remove.call(this, idOrRid, partition);
    if (!data) return;
    const key = keyOf(this._getPartition(data));
    const members = partitionsOf(this).get(key);
    members?.delete(data._rid);
    if (members?.size === 0) partitionsOf(this).delete(key);
  };

  proto.query = function (this: IndexedDocuments, params: unknown, options: unknown) {
    if (!indexing.getStore()) return query.call(this, params, options);
    const key = queryPartition.getStore();
    // A cross-partition query that one of its conditions confines to some partitions reads only those.
    const keys = key !== undefined ? [key] : confinedPartitions(this, params as QueryParams)?.map(keyOf);
    if (keys === undefined) return query.call(this, params, options);
    // The same query code over those partitions' documents only (in a fixed order, so paging is stable).
    const view = Object.create(this) as IndexedDocuments;
    const partitions = partitionsOf(this);
    view._data = new Map([...new Set(keys)].flatMap((k) => [...(partitions.get(k) ?? new Map<string, Item>())]));
    return query.call(view, params, options);
  };
}

install();

const isTrue = (value: string | string[] | undefined) => String(value ?? '').toLowerCase() === 'true';

/** A query plan request: @azure/cosmos sends one beside every query (without the partition key). */
const isQueryPlanRequest = (req: IncomingMessage) =>
  req.method === 'POST' && isTrue(req.headers['x-ms-cosmos-is-query-plan-request']);

/** The partition key of a single-partition document query, or undefined for anything else. */
function singlePartitionQuery(req: IncomingMessage): string | undefined {
  if (req.method !== 'POST' || !/\/docs\/?(\?|$)/.test(req.url ?? '')) return undefined;
  const isQuery =
    isTrue(req.headers['x-ms-documentdb-isquery']) || req.headers['content-type'] === 'application/query+json';
  if (!isQuery || isTrue(req.headers['x-ms-cosmos-is-query-plan-request'])) return undefined;
  const raw = req.headers['x-ms-documentdb-partitionkey'];
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(String(Array.isArray(raw) ? raw[0] : raw));
    const values = Array.isArray(parsed) ? parsed : [parsed];
    return values.length === 1 ? keyOf(values[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a server's single-partition queries use the index (the benchmark turns it off for its baseline). */
export interface PartitionIndexSwitch {
  enabled: boolean;
}

/** Makes the server answer single-partition queries from the partition's documents alone. */
export function indexPartitions(server: Server): PartitionIndexSwitch {
  const control = { enabled: true };
  const [handle] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (!handle) throw new Error('The embedded server has no request handler to index.');
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // The server knows no query plans: it ran each plan request as the query itself, over the whole container.
    // The SDK asks for a plan beside every query and uses it only when the server demands one (Azure does for some
    // cross-partition queries; this server never does), so the answer is a cheap refusal the SDK sets aside.
    if (control.enabled && isQueryPlanRequest(req)) {
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json', 'x-ms-request-charge': '0' });
      res.end(JSON.stringify({ code: 'BadRequest', message: 'The embedded store computes no query plans.' }));
      return;
    }
    if (!control.enabled) return handle(req, res);
    const partition = singlePartitionQuery(req);
    indexing.run(true, () =>
      partition === undefined ? handle(req, res) : queryPartition.run(partition, () => handle(req, res)),
    );
  });
  return control;
}
