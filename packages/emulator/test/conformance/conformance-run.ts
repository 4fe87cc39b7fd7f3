import type { EmulatorApp } from '../../src/index.js';
import type { Sample } from './endpoint-map.js';
import type { OpenApiValidator, ResponseVerdict } from './openapi-validator.js';
import type { VendorDocumentName } from './vendor-specs.js';

/** One request and its answer. */
export interface Exchange {
  readonly url: string;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/** One checked response. */
export interface CheckRecord {
  readonly endpoint: string;
  readonly label: string;
  readonly url: string;
  readonly status: number;
  readonly expectedStatus: number;
  readonly document: VendorDocumentName;
  readonly verdict: ResponseVerdict;
  /** Errors against the style's own error shape, where the document gives no schema. */
  readonly fallbackErrors: readonly string[];
  /** The same response against X 2.167 (X only; reported, not enforced). */
  readonly x2167?: ResponseVerdict;
}

/**
 * Media types the emulator sends where the vendor's document says another
 * one, with the evidence: the body is checked against the schema of
 * `validateAs`, and the suite checks that the deviation is still needed.
 */
export const MEDIA_TYPE_DEVIATIONS: readonly {
  readonly document: VendorDocumentName;
  readonly status: number;
  readonly sent: string;
  readonly validateAs: string;
  readonly why: string;
}[] = [
  {
    document: 'x',
    status: 400,
    sent: 'application/json',
    validateAs: 'application/problem+json',
    why: 'recorded 400 "Invalid Request" answers carry the problem body as application/json (WIRE.md §2.3); the document lists application/json with the v1.1 { code, message } Error schema',
  },
];

/** Zoom's error body (WIRE.md §1.4), for statuses Zoom's documents describe without a schema. */
function zoomErrorShape(body: unknown): string[] {
  const b = body as Record<string, unknown> | null;
  const errors: string[] = [];
  if (typeof b !== 'object' || b === null) return ['body is not a JSON object'];
  if (!Number.isInteger(b['code'])) errors.push('code is not an integer');
  if (typeof b['message'] !== 'string') errors.push('message is not a string');
  for (const key of Object.keys(b)) {
    if (!['code', 'message', 'errors'].includes(key)) errors.push(`unexpected key ${key}`);
  }
  return errors;
}

/** A Zoom UUID that begins with `/` or holds `//` is encoded twice (Zoom's rule); any other value once. */
export function encodePathValue(value: string): string {
  const once = encodeURIComponent(value);
  return value.startsWith('/') || value.includes('//') ? encodeURIComponent(once) : once;
}

/** Sends requests to one emulator (in-process) and checks the answers against the documents. */
export class ConformanceRun {
  readonly records: CheckRecord[] = [];
  readonly #app: EmulatorApp;
  readonly #token: string;
  readonly #validators: Readonly<Record<VendorDocumentName, OpenApiValidator>>;

  constructor(
    app: EmulatorApp,
    token: string,
    validators: Readonly<Record<VendorDocumentName, OpenApiValidator>>,
  ) {
    this.#app = app;
    this.#token = token;
    this.#validators = validators;
  }

  /** GETs `path` (with `{param}` placeholders) filled from `sample`, plus `query`. */
  async get(
    path: string,
    sample: Sample,
    query: Readonly<Record<string, string>> = {},
    authorization: string | null = `Bearer ${this.#token}`,
  ): Promise<Exchange> {
    const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const v = sample.params?.[name];
      if (v === undefined) throw new Error(`no value for {${name}} of ${path}`);
      return encodePathValue(v);
    });
    const search = new URLSearchParams({ ...sample.query, ...query }).toString();
    const url = search === '' ? filled : `${filled}?${search}`;
    const res = await this.#app.inject({
      method: 'GET',
      url,
      headers: authorization === null ? {} : { authorization },
    });
    const text = res.body;
    return {
      url,
      status: res.statusCode,
      contentType: res.headers['content-type'] as string | undefined,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  }

  /** Validates `exchange` against `document`'s `operation` (and X 2.167), records it. */
  check(
    endpoint: string,
    label: string,
    document: VendorDocumentName,
    operation: string,
    exchange: Exchange,
    expectedStatus: number,
  ): CheckRecord {
    const [method, path] = operation.split(' ') as [string, string];
    const validator = this.#validators[document];
    const mediaType = (exchange.contentType ?? '').split(';')[0]?.trim();
    const deviation = MEDIA_TYPE_DEVIATIONS.find(
      (d) => d.document === document && d.status === exchange.status && d.sent === mediaType,
    );
    const verdict = validator.validateResponse(
      method,
      path,
      exchange.status,
      exchange.contentType,
      exchange.body,
      deviation?.validateAs,
    );
    const fallbackErrors =
      verdict.outcome === 'validated' || document === 'x' ? [] : zoomErrorShape(exchange.body);
    const record: CheckRecord = {
      endpoint,
      label,
      url: exchange.url,
      status: exchange.status,
      expectedStatus,
      document,
      verdict,
      fallbackErrors,
      ...(document === 'x'
        ? {
            x2167: this.#validators.x2167.validateResponse(
              method,
              path,
              exchange.status,
              exchange.contentType,
              exchange.body,
              deviation?.validateAs,
            ),
          }
        : {}),
    };
    this.records.push(record);
    return record;
  }
}
