/**
 * Browser bundle size of `pagewise/client`: what a front end adds when it
 * imports the client, bundled by esbuild for `platform: 'browser'` as an ES
 * module, minified, and gzipped at level 9. The budget is 15 KB
 * (15,000 bytes) gzipped. For context, the library's other pure subpaths are
 * bundled the same way; those that reach a Node builtin (the token codec
 * uses node:crypto) are listed as Node-only, with the builtins they need.
 *
 * Run: `npm run bench:bundle` (a few seconds; builds the library first).
 * The last line printed is one JSON object with the figures.
 */
import { bundleForBrowser } from './lib/browser-bundle.js';

/** Gzipped bytes `pagewise/client` may weigh in a browser bundle. */
const BUDGET_GZIP_BYTES = 15_000;

const ENTRIES = [
  'pagewise/client',
  'pagewise/styles',
  'pagewise/memory',
  'pagewise/engine',
  'pagewise/token',
] as const;

interface Row {
  readonly entry: string;
  readonly browser: boolean;
  readonly minifiedBytes: number | null;
  readonly gzipBytes: number | null;
  readonly nodeBuiltins: readonly string[];
}

const rows: Row[] = [];
for (const entry of ENTRIES) {
  const bundle = await bundleForBrowser(entry);
  rows.push(
    bundle.ok
      ? {
          entry,
          browser: true,
          minifiedBytes: bundle.minifiedBytes,
          gzipBytes: bundle.gzipBytes,
          nodeBuiltins: [],
        }
      : {
          entry,
          browser: false,
          minifiedBytes: null,
          gzipBytes: null,
          nodeBuiltins: bundle.unresolved,
        },
  );
}

const kb = (bytes: number | null) => (bytes === null ? '-' : `${(bytes / 1000).toFixed(1)} KB`);
console.log('esbuild, platform browser, ESM, minified; gzip -9\n');
console.log(`${'entry'.padEnd(18)}${'minified'.padStart(10)}${'gzipped'.padStart(10)}  note`);
for (const row of rows) {
  const note = row.browser
    ? row.entry === 'pagewise/client'
      ? `budget ${kb(BUDGET_GZIP_BYTES)} gzipped: ${row.gzipBytes! <= BUDGET_GZIP_BYTES ? 'within' : 'OVER'}`
      : ''
    : `Node-only (${row.nodeBuiltins.join(', ')})`;
  console.log(
    `${row.entry.padEnd(18)}${kb(row.minifiedBytes).padStart(10)}${kb(row.gzipBytes).padStart(10)}  ${note}`,
  );
}
const client = rows[0]!;
const withinBudget = client.browser && client.gzipBytes! <= BUDGET_GZIP_BYTES;
console.log(
  JSON.stringify({ bench: 'bundle', budgetGzipBytes: BUDGET_GZIP_BYTES, withinBudget, rows }),
);
if (!withinBudget) process.exitCode = 1;
