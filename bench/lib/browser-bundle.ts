import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..', '..');

/** An entry point bundled for browsers, or why it could not be. */
export type BrowserBundle =
  | {
      readonly ok: true;
      /** The minified ES module. */
      readonly code: string;
      /** Modules in the bundle, relative to the repository root. */
      readonly inputs: readonly string[];
      /** Imports left outside the bundle (a browser bundle must have none). */
      readonly externals: readonly string[];
      readonly minifiedBytes: number;
      readonly gzipBytes: number;
    }
  | {
      readonly ok: false;
      /** The imports esbuild could not resolve for the browser (e.g. `node:crypto`). */
      readonly unresolved: readonly string[];
    };

/**
 * Bundles `specifier` (e.g. `pagewise/client`) as a browser application
 * would: resolved by package name through the exports map of the built
 * package (`packages/pagewise/dist`, so build first), esbuild with
 * `platform: 'browser'`, ES module, minified. Node builtins do not resolve on
 * that platform, so an entry that reaches one comes back `ok: false`.
 * Gzip is level 9, as a static file server would precompress it.
 */
export async function bundleForBrowser(specifier: string): Promise<BrowserBundle> {
  try {
    const result = await build({
      stdin: { contents: `export * from '${specifier}';`, resolveDir: ROOT, loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      outfile: 'bundle.js',
      logLevel: 'silent',
    });
    const output = result.outputFiles[0];
    const meta = Object.values(result.metafile.outputs)[0];
    if (output === undefined || meta === undefined) throw new Error('esbuild wrote no output');
    const code = output.text;
    return {
      ok: true,
      code,
      inputs: Object.keys(meta.inputs).filter((i) => i !== '<stdin>'),
      externals: meta.imports.filter((i) => i.external).map((i) => i.path),
      minifiedBytes: Buffer.byteLength(code),
      gzipBytes: gzipSync(code, { level: 9 }).length,
    };
  } catch (error) {
    const errors = (error as { errors?: { text: string }[] }).errors;
    if (errors === undefined) throw error;
    const unresolved = errors.map((e) => /Could not resolve "([^"]+)"/.exec(e.text)?.[1]);
    if (unresolved.some((u) => u === undefined)) throw error;
    return { ok: false, unresolved: [...new Set(unresolved as string[])].sort() };
  }
}
