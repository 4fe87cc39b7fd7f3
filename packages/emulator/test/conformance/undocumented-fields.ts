import type { JsonObject } from './prepare-openapi.js';

/**
 * The fields of `value` that its schema does not declare, as paths
 * (`users[].pmi`, `includes.users[].foo`). The vendors' documents rarely say
 * `additionalProperties: false`, so a validator passes fields they do not
 * know; this walk finds them. A property is declared when any schema that
 * applies to the object lists it: its own `properties`, those of its
 * `allOf` parts, of every `oneOf`/`anyOf` branch, and of the dispatch
 * `then` whose `if` holds (the translated discriminators). An object schema
 * with `additionalProperties`, or with no `properties` anywhere (a free-form
 * object), declares everything.
 */
export function undocumentedFields(root: JsonObject, schema: unknown, value: unknown): string[] {
  const found = new Set<string>();
  walk(root, [schema], value, '', found, 0);
  return [...found];
}

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows `$ref`s (local to `root`) to the schema object. */
function deref(root: JsonObject, schema: unknown): JsonObject | undefined {
  let s = schema;
  for (let hops = 0; isObject(s) && typeof s['$ref'] === 'string' && hops < 32; hops++) {
    const ref = s['$ref'];
    if (!ref.startsWith('#/')) return undefined;
    let node: unknown = root;
    for (const raw of ref.slice(2).split('/')) {
      node = isObject(node) ? node[raw.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
    }
    s = node;
  }
  return isObject(s) ? s : undefined;
}

/** Every schema that applies to `value` through allOf / oneOf / anyOf / if-then. */
function expand(root: JsonObject, schemas: readonly unknown[], value: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  const seen = new Set<JsonObject>();
  const queue = [...schemas];
  while (queue.length > 0) {
    const s = deref(root, queue.shift());
    if (s === undefined || seen.has(s)) continue;
    seen.add(s);
    out.push(s);
    for (const key of ['allOf', 'oneOf', 'anyOf']) {
      const list = s[key];
      if (Array.isArray(list)) queue.push(...list);
    }
    if (isObject(s['if']) && s['then'] !== undefined && ifHolds(s['if'], value)) {
      queue.push(s['then']);
    }
  }
  return out;
}

/** The dispatch conditions are `{ required: [p], properties: { p: { const: v } } }`. */
function ifHolds(condition: JsonObject, value: unknown): boolean {
  if (!isObject(value)) return false;
  const props = condition['properties'];
  if (!isObject(props)) return true;
  return Object.entries(props).every(
    ([name, s]) => !isObject(s) || !('const' in s) || value[name] === s['const'],
  );
}

function walk(
  root: JsonObject,
  schemas: readonly unknown[],
  value: unknown,
  path: string,
  found: Set<string>,
  depth: number,
): void {
  if (depth > 32) return;
  const applied = expand(root, schemas, value);
  if (Array.isArray(value)) {
    const items = applied.flatMap((s) => (s['items'] === undefined ? [] : [s['items']]));
    if (items.length === 0) return;
    for (const v of value) walk(root, items, v, `${path}[]`, found, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  const declared = new Map<string, unknown[]>();
  let open = false;
  let anyProperties = false;
  for (const s of applied) {
    const extra = s['additionalProperties'];
    if (extra === true || isObject(extra)) open = true;
    const props = s['properties'];
    if (isObject(props)) {
      anyProperties = true;
      for (const [name, sub] of Object.entries(props)) {
        const list = declared.get(name) ?? [];
        list.push(sub);
        declared.set(name, list);
      }
    }
  }
  if (!anyProperties) return;
  for (const [key, v] of Object.entries(value)) {
    const next = path === '' ? key : `${path}.${key}`;
    const subs = declared.get(key);
    if (subs === undefined) {
      if (!open) found.add(next);
      continue;
    }
    walk(root, subs, v, next, found, depth + 1);
  }
}
