import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { type JsonObject, type PreparedDocument, prepareOpenApi } from './prepare-openapi.js';
import { undocumentedFields } from './undocumented-fields.js';

/** What a response was checked against, and what was wrong. */
export interface ResponseVerdict {
  /**
   * `validated`: a body schema was found and applied; `no-schema`: the
   * document describes the status but gives its body no schema;
   * `not-described`: the document does not describe the status;
   * `no-media-type`: it describes the status, not for this content type.
   */
  readonly outcome: 'validated' | 'no-schema' | 'not-described' | 'no-media-type';
  /** The document's response key used (`200`, `4XX`, `default`). */
  readonly responseKey?: string;
  /** The media type whose schema was applied. */
  readonly mediaType?: string;
  /** Schema violations, as `instancePath keyword message`. */
  readonly errors: readonly string[];
  /** Fields the body holds that no schema along the way declares (`data[].foo`). */
  readonly undocumented: readonly string[];
}

/**
 * Formats the vendors' documents use beyond ajv-formats: what each means.
 * `long`/`integer` on numbers are 64-bit integers; `url` is a URI;
 * `data-time` is a typo for date-time; `string` and `Hex color code` carry
 * no constraint; a format that is a regular expression is that pattern.
 */
const EXTRA_FORMATS: Readonly<
  Record<string, RegExp | true | { type: 'number'; validate: (n: number) => boolean }>
> = {
  long: { type: 'number', validate: Number.isInteger },
  integer: { type: 'number', validate: Number.isInteger },
  string: true,
  'Hex color code': true,
  '^[0-9]{1,19}$': /^[0-9]{1,19}$/,
};
const ALIASED_FORMATS: Readonly<Record<string, string>> = { url: 'uri', 'data-time': 'date-time' };
/**
 * Annotation keywords JSON Schema draft-07 does not know: OpenAPI's own, and
 * Zoom's `extensions` (it wraps `x-enum-descriptions` beside an `enum`).
 */
const ANNOTATIONS = ['example', 'xml', 'externalDocs', 'discriminator', 'extensions'];

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** JSON pointer escaping of one segment. */
const escapePointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Validates response bodies against one vendor's OpenAPI 3.0 document with
 * Ajv 8 (all errors, formats checked, `$ref`s into `components` resolved),
 * after {@link prepareOpenApi} has translated OpenAPI's own keywords.
 */
export class OpenApiValidator {
  readonly name: string;
  readonly prepared: PreparedDocument;
  readonly #ajv: Ajv;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(name: string, document: unknown) {
    this.name = name;
    this.prepared = prepareOpenApi(document);
    this.#ajv = new Ajv({
      strict: true,
      // OpenAPI schemas often leave `type` implicit and list `required` in a sibling of `allOf`.
      strictTypes: false,
      strictRequired: false,
      strictTuples: false,
      allowUnionTypes: true,
      allErrors: true,
      validateFormats: true,
      addUsedSchema: false,
    });
    addFormats.default(this.#ajv);
    for (const [format, def] of Object.entries(EXTRA_FORMATS)) this.#ajv.addFormat(format, def);
    for (const [format, target] of Object.entries(ALIASED_FORMATS)) {
      const known = this.#ajv.formats[target];
      if (known !== undefined) this.#ajv.addFormat(format, known);
    }
    for (const keyword of ANNOTATIONS) this.#ajv.addKeyword({ keyword, schemaType: [] });
    this.#ajv.addKeyword({ keyword: 'paths', schemaType: 'object' });
    this.#ajv.addKeyword({ keyword: 'components', schemaType: 'object' });
    this.#ajv.addSchema(this.prepared.root, name);
  }

  /** The operation object of `method path`, or undefined. */
  operation(method: string, path: string): JsonObject | undefined {
    const item = (this.prepared.root['paths'] as JsonObject)[path] as JsonObject | undefined;
    const op = item?.[method.toLowerCase()];
    return typeof op === 'object' && op !== null ? (op as JsonObject) : undefined;
  }

  /** Validates a response of `method path` (a path of the document) by status and content type. */
  validateResponse(
    method: string,
    path: string,
    status: number,
    contentType: string | undefined,
    body: unknown,
    mediaTypeOverride?: string,
  ): ResponseVerdict {
    const m = method.toLowerCase();
    if (!HTTP_METHODS.has(m)) throw new RangeError(`not an HTTP method: ${method}`);
    const op = this.operation(m, path);
    if (op === undefined) throw new RangeError(`${this.name} has no ${method} ${path}`);
    const responses = (op['responses'] ?? {}) as JsonObject;
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
    if (key === undefined) return { outcome: 'not-described', errors: [], undocumented: [] };
    const response = responses[key] as JsonObject;
    const content = response['content'] as JsonObject | undefined;
    if (content === undefined || Object.keys(content).length === 0) {
      return { outcome: 'no-schema', responseKey: key, errors: [], undocumented: [] };
    }
    const base = (mediaTypeOverride ?? contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const mediaType =
      base in content
        ? base
        : Object.keys(content).find((t) => t === '*/*' || t === `${base.split('/')[0]}/*`);
    if (mediaType === undefined) {
      return { outcome: 'no-media-type', responseKey: key, errors: [], undocumented: [] };
    }
    if ((content[mediaType] as JsonObject)['schema'] === undefined) {
      return { outcome: 'no-schema', responseKey: key, mediaType, errors: [], undocumented: [] };
    }
    const pointer = ['paths', path, m, 'responses', key, 'content', mediaType, 'schema']
      .map(escapePointer)
      .join('/');
    return { ...this.#check(pointer, body), responseKey: key, mediaType };
  }

  /** Validates `value` against a schema of `components.schemas`. */
  validateSchema(schemaName: string, value: unknown): ResponseVerdict {
    return this.#check(['components', 'schemas', schemaName].map(escapePointer).join('/'), value);
  }

  #check(pointer: string, value: unknown): ResponseVerdict {
    let validate = this.#compiled.get(pointer);
    if (validate === undefined) {
      validate = this.#ajv.compile({ $ref: `${this.name}#/${pointer}` });
      this.#compiled.set(pointer, validate);
    }
    const ok = validate(value);
    return {
      outcome: 'validated',
      errors: ok ? [] : dedupe((validate.errors ?? []).map(describeError)),
      undocumented: undocumentedFields(
        this.prepared.root,
        resolvePointer(this.prepared.root, pointer),
        value,
      ),
    };
  }
}

/** One error as `path keyword: message`; array indexes read `*`, so items share a line. */
function describeError(e: ErrorObject): string {
  const params = e.keyword === 'enum' ? ` ${JSON.stringify(e.params)}` : '';
  const path = e.instancePath.replace(/\/\d+(?=\/|$)/g, '/*') || '/';
  return `${path} ${e.keyword}: ${e.message ?? ''}${params}`;
}

function dedupe(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}

/** The value at a JSON pointer (without `#/`) of `root`. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/')) {
    if (raw === '') continue;
    const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = (node as JsonObject | undefined)?.[seg];
  }
  return node;
}
