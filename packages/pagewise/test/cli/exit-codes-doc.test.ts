import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_HELP, ExitCode } from '../../src/cli/exit-codes.js';

const page = readFileSync(new URL('../../../../docs/cli.md', import.meta.url), 'utf8');

describe('exit codes', () => {
  it('are the rows of the exit-code table in docs/cli.md and the lines of --help, no more', () => {
    const codes = Object.values(ExitCode).sort((a, b) => a - b);
    const section = page.slice(page.indexOf('## Exit codes'));
    const rows = [...section.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(rows).toEqual(codes);
    const help = [...EXIT_CODE_HELP.matchAll(/^ {2}(\d+) /gm)].map((m) => Number(m[1]));
    expect(help).toEqual(codes);
  });
});
