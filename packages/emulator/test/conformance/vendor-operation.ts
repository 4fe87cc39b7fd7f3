import type { OpenApiValidator } from './openapi-validator.js';
import type { JsonObject } from './prepare-openapi.js';

/** A query parameter of a vendor operation, `$ref`s resolved. */
export interface VendorParameter {
  readonly name: string;
  readonly required: boolean;
  /** Allowed values (of the items, for comma-separated lists). */
  readonly values?: readonly string[];
  readonly list: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** What the suite reads of one vendor operation. */
export interface VendorOperation {
  readonly method: string;
  readonly path: string;
  readonly query: ReadonlyMap<string, VendorParameter>;
  /** The kind of object in `data` of the 200 answer (X), if it is a post or a user. */
  readonly dataKind: 'tweet' | 'user' | undefined;
}

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function deref(root: JsonObject, v: unknown): JsonObject | undefined {
  let node = v;
  for (let i = 0; i < 16 && isObject(node) && typeof node['$ref'] === 'string'; i++) {
    let target: unknown = root;
    for (const seg of node['$ref'].slice(2).split('/')) {
      target = isObject(target)
        ? target[seg.replaceAll('~1', '/').replaceAll('~0', '~')]
        : undefined;
    }
    node = target;
  }
  return isObject(node) ? node : undefined;
}

/** Reads `METHOD path` of `validator`'s document. */
export function vendorOperation(validator: OpenApiValidator, operation: string): VendorOperation {
  const [method, path] = operation.split(' ') as [string, string];
  const op = validator.operation(method, path);
  if (op === undefined) throw new Error(`${validator.name} has no ${operation}`);
  const root = validator.prepared.root;
  const query = new Map<string, VendorParameter>();
  for (const raw of Array.isArray(op['parameters']) ? op['parameters'] : []) {
    const p = deref(root, raw);
    if (p === undefined || p['in'] !== 'query' || typeof p['name'] !== 'string') continue;
    const schema = deref(root, p['schema']) ?? {};
    const list = schema['type'] === 'array';
    const itemSchema = list ? (deref(root, schema['items']) ?? {}) : schema;
    const values = Array.isArray(itemSchema['enum'])
      ? (itemSchema['enum'] as unknown[]).map(String)
      : undefined;
    query.set(p['name'], {
      name: p['name'],
      required: p['required'] === true,
      list,
      ...(values === undefined ? {} : { values }),
      ...(typeof schema['minimum'] === 'number' ? { minimum: schema['minimum'] } : {}),
      ...(typeof schema['maximum'] === 'number' ? { maximum: schema['maximum'] } : {}),
    });
  }
  return { method, path, query, dataKind: dataKindOf(root, op) };
}

function dataKindOf(root: JsonObject, op: JsonObject): 'tweet' | 'user' | undefined {
  const ok = deref(root, (op['responses'] as JsonObject | undefined)?.['200']);
  const media = (ok?.['content'] as JsonObject | undefined)?.['application/json'] as
    | JsonObject
    | undefined;
  const schema = deref(root, media?.['schema']);
  const data = (schema?.['properties'] as JsonObject | undefined)?.['data'] as
    | JsonObject
    | undefined;
  const item = data?.['type'] === 'array' ? data['items'] : data;
  const ref = isObject(item) ? item['$ref'] : undefined;
  if (ref === '#/components/schemas/Tweet') return 'tweet';
  if (ref === '#/components/schemas/User') return 'user';
  return undefined;
}

/**
 * How the query parameters of `operation` differ between two documents
 * (X 2.159 and 2.167): parameters only one has, and values of a shared
 * enumerated parameter only one accepts.
 */
export function parameterDifferences(
  from: OpenApiValidator,
  to: OpenApiValidator,
  operation: string,
): string[] {
  const a = vendorOperation(from, operation).query;
  const b = vendorOperation(to, operation).query;
  const out: string[] = [];
  for (const name of a.keys())
    if (!b.has(name)) out.push(`${operation}: ${name} only in ${from.name}`);
  for (const name of b.keys())
    if (!a.has(name)) out.push(`${operation}: ${name} only in ${to.name}`);
  for (const [name, p] of a) {
    const q = b.get(name);
    if (p.values === undefined || q?.values === undefined) continue;
    const gone = p.values.filter((v) => !q.values?.includes(v));
    const added = q.values.filter((v) => !p.values?.includes(v));
    if (gone.length > 0)
      out.push(`${operation}: ${name} values only in ${from.name}: ${gone.join(', ')}`);
    if (added.length > 0)
      out.push(`${operation}: ${name} values only in ${to.name}: ${added.join(', ')}`);
  }
  return out;
}
