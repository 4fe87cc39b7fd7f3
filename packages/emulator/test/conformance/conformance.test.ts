import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorOpenApiText } from '../../scripts/build-openapi.js';
import { buildEmulator, type EmulatorApp } from '../../src/index.js';
import { BACKENDS, createDb, type TestDb, testOptions } from '../emulator-fixtures.js';
import { checkEndpoint } from './check-endpoint.js';
import { type ConformanceFixture, loadConformanceFixture } from './conformance-fixture.js';
import { type CheckRecord, ConformanceRun, MEDIA_TYPE_DEVIATIONS } from './conformance-run.js';
import { ENDPOINT_MAP } from './endpoint-map.js';
import { FieldObserver } from './field-observer.js';
import { KEPT_UNDOCUMENTED, X_2167_DIFFERENCES } from './known-differences.js';
import { OpenApiValidator } from './openapi-validator.js';
import { parameterDifferences, vendorOperation } from './vendor-operation.js';
import {
  REPO_ROOT,
  readVendorDocument,
  VENDOR_DOCUMENTS,
  type VendorDocumentName,
} from './vendor-specs.js';

/** The emulator's own route table: every `METHOD path` of its /openapi.json. */
const emulatorDoc = JSON.parse(await emulatorOpenApiText()) as {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
};
const served = new Map<string, Set<string>>();
for (const [path, item] of Object.entries(emulatorDoc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    served.set(`${method.toUpperCase()} ${path}`, new Set(query));
  }
}

let validatorCache: Record<VendorDocumentName, OpenApiValidator> | undefined;
function validators(): Record<VendorDocumentName, OpenApiValidator> {
  validatorCache ??= Object.fromEntries(
    (Object.keys(VENDOR_DOCUMENTS) as VendorDocumentName[]).map((n) => [
      n,
      new OpenApiValidator(n, readVendorDocument(n)),
    ]),
  ) as Record<VendorDocumentName, OpenApiValidator>;
  return validatorCache;
}

/**
 * What is wrong with a set of checked responses: one line per endpoint and
 * problem, with how many requests showed it and the first of them.
 */
function failures(records: readonly CheckRecord[]): string[] {
  const found = new Map<string, { count: number; first: string }>();
  const add = (r: CheckRecord, problem: string) => {
    const key = `${r.endpoint}: ${problem}`;
    const seen = found.get(key);
    if (seen) seen.count++;
    else found.set(key, { count: 1, first: `[${r.label}] ${r.url}` });
  };
  for (const r of records) {
    if (r.status !== r.expectedStatus) add(r, `status ${r.status}, expected ${r.expectedStatus}`);
    if (r.verdict.outcome === 'no-media-type') add(r, 'media type not described');
    for (const e of r.verdict.errors) add(r, e);
    for (const e of r.fallbackErrors) add(r, e);
    for (const f of r.verdict.undocumented) {
      if (!KEPT_UNDOCUMENTED.some((k) => k.document === r.document && k.field === f)) {
        add(r, `undocumented field ${f}`);
      }
    }
  }
  return [...found].map(([key, { count, first }]) => `${key} (${count}×, first: ${first})`);
}

describe('endpoint mapping (emulator path → vendor operation)', () => {
  it('maps every endpoint the emulator serves (add a line to endpoint-map.ts for a new one)', () => {
    const mapped = new Set(ENDPOINT_MAP.map((m) => m.emulator));
    expect([...served.keys()].filter((route) => !mapped.has(route))).toEqual([]);
  });

  it('points every mapping, served or coming, at an operation of its vendor document', () => {
    const missing = ENDPOINT_MAP.filter((m) => {
      try {
        vendorOperation(validators()[m.vendor.document], m.vendor.operation);
        return false;
      } catch {
        return true;
      }
    }).map((m) => `${m.emulator} → ${m.vendor.document} ${m.vendor.operation}`);
    expect(missing).toEqual([]);
    expect(new Set(ENDPOINT_MAP.map((m) => m.emulator)).size).toBe(ENDPOINT_MAP.length);
  });
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(
    `responses conform to the vendors' documents (${backend.name})`,
    () => {
      let db: TestDb;
      let app: EmulatorApp;
      let fixture: ConformanceFixture;
      let run: ConformanceRun;
      let clockOffset = 0;
      const fields = new FieldObserver();
      const problems: string[] = [];

      beforeAll(async () => {
        db = await createDb(backend.name);
        app = await buildEmulator(testOptions(db, { now: () => Date.now() + clockOffset }));
        const token = app.emulator.context.options.apiToken;
        fixture = await loadConformanceFixture(app, token);
        run = new ConformanceRun(app, token, validators());
      });
      afterAll(async () => {
        if (run) writeReport(backend.name, run.records, ignoredParameters());
        await app?.close();
        await db?.drop();
      });

      for (const mapping of ENDPOINT_MAP) {
        const params = served.get(mapping.emulator);
        const title = `${mapping.emulator} ↔ ${VENDOR_DOCUMENTS[mapping.vendor.document]} ${mapping.vendor.operation}`;
        it.skipIf(params === undefined)(
          params === undefined ? `${title} (route not served yet: skipped)` : title,
          async () => {
            const records = await checkEndpoint(
              {
                app,
                run,
                fixture,
                vendor: vendorOperation(
                  validators()[mapping.vendor.document],
                  mapping.vendor.operation,
                ),
                emulatorParams: params ?? new Set(),
                fields,
                advanceClock: (ms) => {
                  clockOffset += ms;
                },
                problems,
              },
              mapping,
            );
            expect(records.length).toBeGreaterThan(5);
            expect([
              ...failures(records),
              ...problems.filter((p) => p.startsWith(mapping.emulator)),
            ]).toEqual([]);
          },
        );
      }

      it("answers the router's own errors (unknown route, over-long or malformed path) in each vendor's shape", async () => {
        // No vendor operation applies: X's bodies are checked against 2.159's Problem, Zoom's against its { code, message }.
        // A refused path is X's invalid-request 400 for `path`, sent as application/json like every X 400.
        const cases: [string, number, string][] = [
          ['/no/such/route', 404, 'application/problem+json'],
          [`/users/${'1'.repeat(150)}`, 400, 'application/json; charset=utf-8'],
          ['/users/%E0%A4%A', 400, 'application/json; charset=utf-8'],
        ];
        for (const [suffix, status, contentType] of cases) {
          const x = await run.get(`/2${suffix}`, {});
          expect([x.status, x.contentType]).toEqual([status, contentType]);
          const problem = validators().x.validateSchema('Problem', x.body);
          expect(problem.errors).toEqual([]);
          expect(problem.undocumented).toEqual([]);
          const z = await run.get(`/v2${suffix}`, {});
          expect(z.status).toBe(status);
          // Zoom: 404's { code, message }; a refused path is Zoom's validation body (code 300) for `path`.
          expect(z.body).toEqual(
            status === 404
              ? { code: 404, message: expect.any(String) }
              : {
                  code: 300,
                  message: 'Validation Failed.',
                  errors: [{ field: 'path', message: expect.any(String) }],
                },
          );
        }
      });

      it('sends every X field and expansion as field-presence.ts lists it', () => {
        expect(fields.problems).toEqual([]);
        expect(fields.unseen()).toEqual([]);
      });

      it('still needs each media-type deviation it lists', () => {
        for (const d of MEDIA_TYPE_DEVIATIONS) {
          const seen = run.records.filter(
            (r) =>
              r.document === d.document &&
              r.status === d.status &&
              r.verdict.mediaType === d.validateAs,
          );
          expect(seen.length).toBeGreaterThan(0);
        }
      });

      it('differs from X 2.167 as known-differences.ts lists (reported, not enforced on the wire)', () => {
        const observed = x2167Differences(run.records);
        expect(observed.size).toBeGreaterThan(0);
        // A listed difference that no longer occurs is stale: update the list and docs/decisions.md.
        const stale = X_2167_DIFFERENCES.filter(
          (d) => ![...observed.keys()].some((o) => d.match.test(o)),
        );
        expect(stale.map((d) => d.sent)).toEqual([]);
        const unlisted = [...observed].filter(
          ([o]) => !X_2167_DIFFERENCES.some((d) => d.match.test(o)),
        );
        const requests = ENDPOINT_MAP.filter(
          (m) => m.vendor.document === 'x' && served.has(m.emulator),
        ).flatMap((m) =>
          parameterDifferences(validators().x, validators().x2167, m.vendor.operation),
        );
        writeFileSync(
          join(reportDir(), `x-2.167-${backend.name}.json`),
          `${JSON.stringify({ responses: Object.fromEntries(observed), unlisted: Object.fromEntries(unlisted), requests: [...new Set(requests)] }, null, 2)}\n`,
        );
        if (unlisted.length > 0) {
          console.warn(
            `X 2.167: ${unlisted.length} difference(s) not in known-differences.ts (see .tmp/conformance/)`,
          );
        }
      });
    },
  );
}

/** Each 2.167 difference (error or undocumented field, array indexes as `*`) and one endpoint showing it. */
function x2167Differences(records: readonly CheckRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) {
    if (r.x2167 === undefined) continue;
    for (const e of r.x2167.errors) if (!out.has(e)) out.set(e, `${r.endpoint} [${r.label}]`);
    for (const f of r.x2167.undocumented) {
      const key = `undocumented ${f}`;
      if (!out.has(key)) out.set(key, `${r.endpoint} [${r.label}]`);
    }
  }
  return out;
}

function reportDir(): string {
  const dir = join(REPO_ROOT, '.tmp', 'conformance');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Query parameters a vendor operation documents that the emulator's route does not list. */
function ignoredParameters(): string[] {
  return ENDPOINT_MAP.flatMap((m) => {
    const params = served.get(m.emulator);
    if (params === undefined) return [];
    const vendor = vendorOperation(validators()[m.vendor.document], m.vendor.operation);
    return [...vendor.query.keys()]
      .filter((name) => !params.has(name))
      .map((name) => `${m.emulator}: ${name}`);
  });
}

/**
 * Counts per document and outcome, the statuses the documents do not
 * describe, and the documented parameters the emulator does not list,
 * written to .tmp/conformance/<backend>.json.
 */
function writeReport(
  backend: string,
  records: readonly CheckRecord[],
  ignored: readonly string[],
): void {
  const counts: Record<string, number> = {};
  const notDescribed = new Set<string>();
  for (const r of records) {
    const key = `${r.document} ${r.verdict.outcome}`;
    counts[key] = (counts[key] ?? 0) + 1;
    if (r.x2167) counts['x2167 validated'] = (counts['x2167 validated'] ?? 0) + 1;
    if (r.verdict.outcome !== 'validated') {
      notDescribed.add(`${r.document} ${r.endpoint} ${r.status}: ${r.verdict.outcome}`);
    }
  }
  writeFileSync(
    join(reportDir(), `${backend}.json`),
    `${JSON.stringify({ responses: records.length, counts, notDescribed: [...notDescribed].sort(), ignoredParameters: ignored }, null, 2)}\n`,
  );
}
