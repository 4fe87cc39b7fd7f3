import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../test/helpers/parse-csv.js';
import { CliError } from '../../src/cli/cli-error.js';
import { csvEncoder } from '../../src/cli/csv-encoder.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { normalizeFetchOptions } from '../../src/cli/fetch-options.js';
import { formatError } from '../../src/cli/format-error.js';
import { createProgram } from '../../src/cli/program.js';
import { buildResumeCommand, shellQuote } from '../../src/cli/resume-command.js';
import { parseShardSpec } from '../../src/cli/shard-spec.js';

describe('resume command', () => {
  it('adds --resume, drops --bearer and redacts secret headers', () => {
    const { command, note } = buildResumeCommand(
      [
        'fetch',
        'https://api.x.com/2/tweets/search/recent?query=a b',
        '--preset',
        'x',
        '--bearer',
        'SECRET',
        '-H',
        'X-Api-Key: k123',
        '-H',
        'Accept: json',
      ],
      '/usr/bin/pagewise',
    );
    expect(command).toBe(
      "pagewise fetch 'https://api.x.com/2/tweets/search/recent?query=a b' --preset x -H 'X-Api-Key: <redacted>' -H 'Accept: json' --resume",
    );
    expect(command).not.toContain('SECRET');
    expect(note).toMatch(/PAGEWISE_BEARER.*<redacted>/);
  });

  it('does not add a second --resume', () => {
    expect(buildResumeCommand(['fetch', 'http://h/x', '--resume'], 'pagewise').command).toBe(
      'pagewise fetch http://h/x --resume',
    );
  });

  it('quotes for POSIX shells', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('plain-arg.jsonl')).toBe('plain-arg.jsonl');
    expect(shellQuote('')).toBe("''");
  });
});

describe('--shard', () => {
  it('splits dates into inclusive, adjacent day windows (Zoom from/to)', () => {
    expect(parseShardSpec('2024-01-01..2024-01-10/3', undefined)).toEqual([
      { from: '2024-01-01', to: '2024-01-03' },
      { from: '2024-01-04', to: '2024-01-06' },
      { from: '2024-01-07', to: '2024-01-10' },
    ]);
  });

  it('splits date-times into [start, end) windows to the second (X start_time/end_time)', () => {
    const shards = parseShardSpec('2024-01-01T00:00:00Z..2024-01-01T00:00:10Z/2', [
      'start_time',
      'end_time',
    ]);
    expect(shards).toEqual([
      { start_time: '2024-01-01T00:00:00Z', end_time: '2024-01-01T00:00:05Z' },
      { start_time: '2024-01-01T00:00:05Z', end_time: '2024-01-01T00:00:10Z' },
    ]);
  });

  it.each(['2024-01-01/3', '2024-01-02..2024-01-01/2', 'a..b/2', '2024-01-01..2024-01-02/0'])(
    'rejects %s as a usage error',
    (spec) => {
      expect(() => parseShardSpec(spec, undefined)).toThrow(CliError);
    },
  );
});

describe('fetch options', () => {
  it('puts --param and --page-size on the URL and the bearer in a header', () => {
    const plan = normalizeFetchOptions(
      'https://api.zoom.us/v2/users',
      { preset: 'zoom', param: ['status=inactive'], pageSize: '300' },
      { PAGEWISE_BEARER: 'tok' },
    );
    expect(plan.url.href).toBe('https://api.zoom.us/v2/users?status=inactive&page_size=300');
    expect(plan.headers['authorization']).toBe('Bearer tok');
    expect(plan.totalPath).toBe('total_records');
    expect(plan.format).toBe('jsonl');
  });

  it('picks CSV from the extension', () => {
    expect(normalizeFetchOptions('http://h/x', { output: 'a.CSV' }, {}).format).toBe('csv');
  });

  it.each([
    [{ preset: 'nope' }],
    [{ tokenParam: 'after' }],
    [{ limit: '0' }],
    [{ header: ['no colon'] }],
    [{ param: ['novalue'] }],
    [{ pageSize: '10' }],
  ])('rejects %j with exit 2', (raw) => {
    try {
      normalizeFetchOptions('http://h/x', raw, {});
      expect.unreachable();
    } catch (error) {
      expect((error as CliError).exitCode).toBe(ExitCode.usage);
    }
  });
});

describe('CSV encoder', () => {
  it('keeps the first page columns and the header when resumed with saved columns', () => {
    const first = csvEncoder();
    const text = first.encode([{ a: 1, b: { c: 'x,y' } }]);
    const resumed = csvEncoder(first.state() as string[]);
    const more = resumed.encode([{ a: 2, d: [1, 2] }]);
    expect(parseCsv(text + more)).toEqual([
      ['a', 'b.c', '_extra'],
      ['1', 'x,y', ''],
      ['2', '', '{"d":"[1,2]"}'],
    ]);
  });
});

describe('error lines', () => {
  it('maps client errors to exit codes by name, in command-line words', () => {
    const rate = Object.assign(
      new Error(
        'The rate limit is exhausted; the next request would wait 600 s, more than maxWait (5 s). Resume from error.cursor after the reset, or raise maxWait.',
      ),
      { name: 'RateLimitError', code: 'rate_limited' },
    );
    expect(formatError(rate)).toEqual({
      line: 'rate limited: the rate limit is exhausted; the next request would wait 600 s, more than --max-wait (5 s).',
      exitCode: ExitCode.rateLimited,
    });
    const http = Object.assign(new Error('x'), {
      name: 'HttpError',
      code: 'http_error',
      status: 403,
      url: 'https://h/v2/users?next_page_token=abc',
      body: '{"code":124,"message":"Invalid access token."}',
    });
    expect(formatError(http).exitCode).toBe(ExitCode.auth);
    expect(formatError(http).line).toBe(
      'authentication failed: HTTP 403 from GET https://h/v2/users: Invalid access token; check --bearer / PAGEWISE_BEARER or --header',
    );
    expect(formatError(new TypeError('boom')).exitCode).toBe(ExitCode.internal);
  });
});

describe('help', () => {
  it('gives every option of every command a description', () => {
    const program = createProgram(() => []);
    const commands = [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)];
    let options = 0;
    for (const command of commands) {
      for (const option of command.options) {
        options++;
        expect(option.description.length, `${command.name()} ${option.flags}`).toBeGreaterThan(10);
      }
    }
    // fetch and keys; serve's own options are the emulator's (its help test checks them).
    expect(options).toBeGreaterThanOrEqual(28);
  });
});
