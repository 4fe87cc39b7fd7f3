import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_REQUEST_ERROR_CODES, PageRequestError } from '../../src/engine/index.js';
import {
  link,
  linkEndpoints,
  problemFromError,
  type StyleProblem,
  StyleProblemError,
  type WireStyle,
  x,
  xEndpoints,
  zoom,
  zoomEndpoints,
} from '../../src/styles/index.js';
import { TOKEN_ERROR_CODES, TokenError } from '../../src/token/index.js';

const styles = [
  ['zoom', zoom as WireStyle<never>, Object.values(zoomEndpoints)],
  ['x', x as WireStyle<never>, Object.values(xEndpoints)],
  ['link', link as WireStyle<never>, Object.values(linkEndpoints)],
] as const;

const state = {
  limit: 1,
  remaining: 0,
  used: 1,
  resetAt: 2000,
  kind: 'window' as const,
  limited: true,
  now: 1000,
};

const callerProblems: StyleProblem[] = [
  { kind: 'invalid_parameter', param: 'p', values: ['v'], fault: 'out_of_range', min: 1, max: 2 },
  { kind: 'invalid_parameter', param: 'p', values: ['v'], fault: 'not_a_number' },
  { kind: 'invalid_parameter', param: 'p', values: ['a', 'b'], fault: 'repeated' },
  { kind: 'invalid_parameter', param: 'p', values: ['v'], fault: 'unknown', allowed: ['a'] },
  { kind: 'invalid_parameter', param: 'p', values: [], fault: 'missing' },
  { kind: 'invalid_parameter', param: 'p', values: ['v'], fault: 'conflict' },
  { kind: 'invalid_parameter', param: 'p', values: ['v'], fault: 'invalid' },
  { kind: 'invalid_token', param: 't', value: 'v', reason: 'expired' },
  { kind: 'unauthorized', reason: 'missing' },
  { kind: 'unauthorized', reason: 'invalid' },
  { kind: 'unauthorized', reason: 'expired' },
  { kind: 'forbidden' },
  { kind: 'forbidden', unsupportedAuth: 'app' },
  { kind: 'forbidden', unsupportedAuth: 'user' },
  { kind: 'not_found', resource: 'user', id: '1' },
  { kind: 'not_found', resource: 'meeting', id: '1' },
  { kind: 'not_found', resource: 'thing', id: '1' },
  { kind: 'rate_limited', state: { ...state, kind: 'qps' } },
  { kind: 'rate_limited', state: { ...state, kind: 'daily' } },
  { kind: 'rate_limited', state },
];

describe('error catalogue of every style', () => {
  it.each(styles)(
    '%s answers every caller problem below 500, with a JSON content type',
    (_name, style) => {
      for (const problem of callerProblems) {
        const response = style.formatProblem(problem);
        expect(response.status, JSON.stringify(problem)).toBeLessThan(500);
        expect(response.headers['content-type']).toMatch(/json/);
        expect(() => JSON.stringify(response.body)).not.toThrow();
      }
      expect(style.formatProblem({ kind: 'internal' }).status).toBe(500);
    },
  );

  it.each(styles)('%s answers 429 with its rate-limit headers', (_name, style) => {
    const response = style.formatProblem({ kind: 'rate_limited', state });
    expect(response.status).toBe(429);
    for (const [name, value] of Object.entries(style.rateLimitHeaders(state))) {
      expect(response.headers[name]).toBe(value);
    }
  });
});

describe('problemFromError', () => {
  const context = { pageSizeParam: 'max_results', pageSize: xEndpoints.userTweets.pageSize };

  it('knows every code of the token codec, also on an error that is not a TokenError by name', () => {
    for (const code of TOKEN_ERROR_CODES) {
      const foreign = Object.assign(new Error('bad'), { code });
      expect(
        problemFromError(foreign, { ...context, tokenParam: 'next_token', token: 't' }),
      ).toEqual({ kind: 'invalid_token', param: 'next_token', value: 't', reason: code });
    }
  });

  it.each([...TOKEN_ERROR_CODES])(
    'maps TokenError %s to invalid_token on the parameter used',
    (code) => {
      const error = new TokenError(code as never, 'bad');
      const problem = problemFromError(error, {
        ...context,
        tokenParam: 'next_token',
        token: 'tok',
      });
      expect(problem).toEqual({
        kind: 'invalid_token',
        param: 'next_token',
        value: 'tok',
        reason: code,
      });
    },
  );

  it.each(PAGE_REQUEST_ERROR_CODES)('maps PageRequestError %s to a 400 in every style', (code) => {
    const parameter =
      code === 'invalid_window'
        ? 'window.since_id'
        : code.includes('page_size')
          ? 'pageSize'
          : 'pageNumber';
    const error = new PageRequestError(code, 'message', { parameter, value: 7, min: 5, max: 100 });
    const problem = problemFromError(error, context);
    expect(problem.kind).toBe('invalid_parameter');
    if (problem.kind === 'invalid_parameter') {
      expect(problem.param).toBe(
        code === 'invalid_window'
          ? 'since_id'
          : code.includes('page_size')
            ? 'max_results'
            : 'page_number',
      );
      expect(problem.values).toEqual(['7']);
    }
    for (const [, style] of styles) expect(style.formatProblem(problem).status).toBe(400);
  });

  it('keeps the problem of a StyleProblemError and calls anything else internal', () => {
    const problem: StyleProblem = { kind: 'not_found', resource: 'user', id: 'u' };
    expect(problemFromError(new StyleProblemError(problem), context)).toBe(problem);
    expect(problemFromError(new Error('boom'), context)).toEqual({ kind: 'internal' });
    expect(problemFromError('string', context)).toEqual({ kind: 'internal' });
    expect(
      problemFromError(Object.assign(new Error('x'), { code: 'ECONNRESET' }), context),
    ).toEqual({
      kind: 'internal',
    });
  });
});

describe('parseRequest on arbitrary queries', () => {
  const queryArb = fc.array(
    fc.tuple(
      fc.constantFrom(
        'page_size',
        'max_results',
        'per_page',
        'page',
        'page_number',
        'next_page_token',
        'pagination_token',
        'next_token',
        'cursor',
        'other',
      ),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.integer({ min: -5, max: 2000 }).map(String),
        fc.constantFrom('', '1e3', '0x10', '99999999999999999999999', ' 7', '+5', '-0'),
      ),
    ),
    { maxLength: 5 },
  );

  it.each(styles)(
    '%s returns a page size within limits or throws a StyleProblemError written below 500',
    (_name, style, endpoints) => {
      fc.assert(
        fc.property(queryArb, fc.constantFrom(...endpoints), (pairs, endpoint) => {
          const query = new URLSearchParams(pairs);
          try {
            const params = style.parseRequest(query, endpoint as never);
            const limits = (endpoint as { pageSize: { min: number; max: number } }).pageSize;
            expect(Number.isSafeInteger(params.pageSize)).toBe(true);
            expect(params.pageSize).toBeGreaterThanOrEqual(limits.min);
            expect(params.pageSize).toBeLessThanOrEqual(limits.max);
            if (params.token !== undefined) expect(params.token).not.toBe('');
          } catch (error) {
            expect(error).toBeInstanceOf(StyleProblemError);
            const response = style.formatProblem((error as StyleProblemError).problem);
            expect(response.status).toBe(400);
            expect(JSON.stringify(response.body).length).toBeLessThan(2000);
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});
