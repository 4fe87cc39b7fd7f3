/**
 * Turns an OpenAPI 3.0 document into JSON Schema that Ajv (draft-07)
 * validates with the document's meaning intact. What OpenAPI 3.0 says
 * differently from JSON Schema, and what is done about it:
 *
 * - `nullable: true` beside `type` adds `null` (Ajv's own `nullable`
 *   keyword does that, so it stays). Without `type` (2.167's `oneOf` metric
 *   values) OAS 3.0.3 gives it no effect, but the authors meant "or null":
 *   it becomes `anyOf: [{type: null}, …]`.
 * - `discriminator` picks the one schema a value is checked against. Ajv's
 *   own discriminator support has no `mapping`, so it becomes a dispatch:
 *   the property must hold a mapped (or implicit, a schema name) value, and
 *   `if property = value then $ref mapped schema`. Two forms occur:
 *   `oneOf` + discriminator (2.167's `Problem`), and the inheritance form,
 *   a base whose children `allOf` it (2.159's `Problem`, `Media`); there the
 *   children inherit a copy of the base without the discriminator
 *   (`<Name>__base`), so checking a child does not dispatch again.
 *   A `propertyName` that points outside the object (`../event_type`)
 *   cannot be expressed; those keep their `oneOf` (see `notes`).
 * - Siblings of `$ref` are ignored by OAS 3.0: dropped.
 * - Boolean `exclusiveMinimum`/`exclusiveMaximum` (draft-04 form) become numbers.
 * - `x-…` extensions are annotations: dropped. `example`, `xml` and
 *   `externalDocs` are registered as annotation keywords by the validator.
 */

/** A JSON object as read from a document. */
export type JsonObject = Record<string, unknown>;

/** A document ready for Ajv, with what could not be translated. */
export interface PreparedDocument {
  /** `{ components, paths }` of the document, transformed. */
  readonly root: JsonObject;
  /** One line per construct kept as it was (untranslatable discriminators). */
  readonly notes: readonly string[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const SCHEMA_PREFIX = '#/components/schemas/';

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Prepares a parsed OpenAPI 3.0 document (the input is not changed). */
export function prepareOpenApi(document: unknown): PreparedDocument {
  if (!isObject(document)) throw new TypeError('an OpenAPI document is a JSON object');
  const doc = structuredClone(document);
  const notes: string[] = [];
  const components = isObject(doc['components']) ? doc['components'] : {};
  const schemas = isObject(components['schemas']) ? components['schemas'] : {};
  components['schemas'] = schemas;
  inheritanceDiscriminators(schemas, notes);
  for (const [name, s] of Object.entries(schemas)) schemas[name] = visit(s, notes, name);
  for (const p of Object.values(isObject(components['parameters']) ? components['parameters'] : {}))
    if (isObject(p) && p['schema'] !== undefined) p['schema'] = visit(p['schema'], notes, 'param');
  for (const r of Object.values(isObject(components['responses']) ? components['responses'] : {}))
    visitContent(r, notes);
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      for (const p of Array.isArray(op['parameters']) ? op['parameters'] : [])
        if (isObject(p) && p['schema'] !== undefined)
          p['schema'] = visit(p['schema'], notes, 'param');
      visitContent(op['requestBody'], notes);
      for (const r of Object.values(isObject(op['responses']) ? op['responses'] : {}))
        visitContent(r, notes);
    }
  }
  return { root: { components, paths }, notes };
}

function visitContent(holder: unknown, notes: string[]): void {
  if (!isObject(holder) || !isObject(holder['content'])) return;
  for (const media of Object.values(holder['content']))
    if (isObject(media) && media['schema'] !== undefined)
      media['schema'] = visit(media['schema'], notes, 'content');
}

/** The inheritance form: base schemas with a discriminator and no `oneOf`/`anyOf`. */
function inheritanceDiscriminators(schemas: JsonObject, notes: string[]): void {
  for (const [name, base] of Object.entries(schemas)) {
    if (!isObject(base) || !isObject(base['discriminator'])) continue;
    if (base['oneOf'] !== undefined || base['anyOf'] !== undefined) continue;
    const { propertyName, mapping } = base['discriminator'] as {
      propertyName?: unknown;
      mapping?: Record<string, string>;
    };
    if (typeof propertyName !== 'string' || propertyName.includes('/')) {
      notes.push(`${name}: discriminator on "${String(propertyName)}" kept as an annotation`);
      delete base['discriminator'];
      continue;
    }
    const baseName = `${name}__base`;
    const baseCopy = { ...base };
    delete baseCopy['discriminator'];
    schemas[baseName] = baseCopy;
    // Children: every schema that allOf-references the base inherits the copy.
    const children: string[] = [];
    for (const [childName, child] of Object.entries(schemas)) {
      if (!isObject(child) || !Array.isArray(child['allOf'])) continue;
      for (const part of child['allOf'] as unknown[]) {
        if (isObject(part) && part['$ref'] === `${SCHEMA_PREFIX}${name}`) {
          part['$ref'] = `${SCHEMA_PREFIX}${baseName}`;
          children.push(childName);
        }
      }
    }
    const targets = dispatchTargets(mapping ?? {}, children);
    schemas[name] = {
      allOf: [{ $ref: `${SCHEMA_PREFIX}${baseName}` }, ...dispatch(propertyName, targets)],
    };
  }
}

/** Mapped values, then implicit ones (a child's schema name is its own value). */
function dispatchTargets(
  mapping: Readonly<Record<string, string>>,
  implicitNames: readonly string[],
): Map<string, string> {
  const targets = new Map<string, string>(Object.entries(mapping));
  const mapped = new Set(targets.values());
  for (const n of implicitNames) {
    const ref = `${SCHEMA_PREFIX}${n}`;
    if (!mapped.has(ref) && !targets.has(n)) targets.set(n, ref);
  }
  return targets;
}

/** `property` must hold one of the values; each value checks its schema. */
function dispatch(property: string, targets: ReadonlyMap<string, string>): JsonObject[] {
  return [
    {
      type: 'object',
      required: [property],
      properties: { [property]: { enum: [...targets.keys()] } },
    },
    ...[...targets].map(([value, ref]) => ({
      if: { required: [property], properties: { [property]: { const: value } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise.
      then: { $ref: ref },
    })),
  ];
}

/** Rewrites one schema (and everything below it); returns the replacement. */
function visit(schema: unknown, notes: string[], where: string): unknown {
  if (!isObject(schema)) return schema;
  if (typeof schema['$ref'] === 'string') return { $ref: schema['$ref'] };
  for (const key of Object.keys(schema)) if (key.startsWith('x-')) delete schema[key];
  for (const key of ['properties', 'patternProperties']) {
    const props = schema[key];
    if (isObject(props))
      for (const [name, s] of Object.entries(props)) props[name] = visit(s, notes, where);
  }
  for (const key of ['items', 'additionalProperties', 'not']) {
    if (isObject(schema[key])) schema[key] = visit(schema[key], notes, where);
  }
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const list = schema[key];
    if (Array.isArray(list)) schema[key] = list.map((s) => visit(s, notes, where));
  }
  for (const [bound, limit] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof schema[bound] === 'boolean') {
      if (schema[bound] === true && typeof schema[limit] === 'number') {
        schema[bound] = schema[limit];
        delete schema[limit];
      } else delete schema[bound];
    }
  }
  let out: JsonObject = schema;
  const d = schema['discriminator'];
  if (isObject(d)) {
    const branches = (schema['oneOf'] ?? schema['anyOf']) as unknown[] | undefined;
    const property = d['propertyName'];
    if (Array.isArray(branches) && typeof property === 'string' && !property.includes('/')) {
      const implicit = branches.flatMap((b) =>
        isObject(b) && typeof b['$ref'] === 'string' ? [b['$ref'].slice(SCHEMA_PREFIX.length)] : [],
      );
      const targets = dispatchTargets((d['mapping'] ?? {}) as Record<string, string>, implicit);
      const rest = { ...schema };
      delete rest['discriminator'];
      delete rest['oneOf'];
      delete rest['anyOf'];
      out = {
        ...rest,
        allOf: [...((rest['allOf'] as unknown[]) ?? []), ...dispatch(property, targets)],
      };
    } else {
      notes.push(`${where}: discriminator on "${String(property)}" kept as an annotation`);
      delete schema['discriminator'];
    }
  }
  if (out['nullable'] === false) delete out['nullable'];
  if (out['nullable'] === true && out['type'] === undefined) {
    const rest = { ...out };
    delete rest['nullable'];
    out = { anyOf: [{ type: 'null' }, rest] };
  }
  return out;
}
