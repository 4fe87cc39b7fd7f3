import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as server from '../../src/server/index.js';
import {
  type RateLimitDecision,
  RateLimiterConfigError,
  type RateLimitRule,
} from '../../src/server/index.js';
import * as styles from '../../src/styles/index.js';
import {
  type PageParams,
  type PageReading,
  type StyleProblem,
  StyleProblemError,
  type StyleResponse,
  x,
  xEndpoints,
} from '../../src/styles/index.js';

// The style part's page documents StyleProblemError and its codes; the server part's page the
// adapters, the limiter and RateLimiterConfigError.
const stylesPage = readFileSync(new URL('../../../../docs/styles.md', import.meta.url), 'utf8');
const serverPage = readFileSync(new URL('../../../../docs/server.md', import.meta.url), 'utf8');

const PROBLEM_KINDS: StyleProblem['kind'][] = [
  'invalid_parameter',
  'invalid_token',
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
  'fault',
  'route_not_found',
  'internal',
];

describe('error catalogue', () => {
  it('documents every error code once per class, and the codes are unique', () => {
    const limiterCode = new RateLimiterConfigError('x').code;
    const routeCode = new server.RouteConfigError('x').code;
    const malformedCode = new styles.MalformedPageError('x').code;
    const codes = [...PROBLEM_KINDS, limiterCode, routeCode, malformedCode];
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of [...PROBLEM_KINDS, malformedCode]) {
      expect(stylesPage, code).toContain(`\`${code}\``);
    }
    for (const code of [limiterCode, routeCode]) expect(serverPage, code).toContain(`\`${code}\``);
    for (const kind of PROBLEM_KINDS) {
      const problem =
        kind === 'rate_limited'
          ? ({
              kind,
              state: {
                limit: 1,
                remaining: 0,
                used: 1,
                resetAt: 0,
                kind: 'window',
                limited: true,
                now: 0,
              },
            } as const)
          : ({ kind } as StyleProblem);
      expect(new StyleProblemError(problem).code).toBe(kind);
    }
  });

  it('documents every exported error class and exports its guard', () => {
    expect(stylesPage).toContain('StyleProblemError');
    expect(stylesPage).toContain('MalformedPageError');
    expect(serverPage).toContain('RateLimiterConfigError');
    expect(serverPage).toContain('RouteConfigError');
    expect(typeof styles.isStyleProblemError).toBe('function');
  });

  it('exports the public functions of the server and style parts', () => {
    for (const name of [
      'fastifyPageRoute',
      'fastifyStyleRoute',
      'fetchPageHandler',
      'createPageResponder',
      'createAdmission',
      'styleErrorHandler',
      'createRateLimiter',
    ]) {
      expect(typeof (server as Record<string, unknown>)[name], name).toBe('function');
      expect(serverPage, name).toContain(name);
    }
    // Each style owns its quotas and schemas: the rules are style exports, and every style has them.
    for (const name of ['zoomRateLimitRules', 'xRateLimitRules', 'linkRateLimitRules']) {
      expect(typeof (styles as Record<string, unknown>)[name], name).toBe('function');
      expect(stylesPage, name).toContain(name);
    }
    for (const style of [styles.zoom, styles.x, styles.link]) {
      for (const method of ['rateLimitRules', 'querySchema', 'responseSchemas', 'readPage']) {
        expect(typeof (style as unknown as Record<string, unknown>)[method], method).toBe(
          'function',
        );
      }
    }
    for (const name of ['zoom', 'x', 'link', 'problemFromError', 'parseLinkHeader']) {
      expect((styles as Record<string, unknown>)[name], name).toBeDefined();
    }
  });
});

describe('public types', () => {
  it('types the style functions', () => {
    expectTypeOf(x.parseRequest).returns.toEqualTypeOf<PageParams>();
    expectTypeOf(x.formatProblem).returns.toEqualTypeOf<StyleResponse>();
    expectTypeOf(x.readPage<{ id: string }>).returns.toEqualTypeOf<PageReading<{ id: string }>>();
    expectTypeOf(xEndpoints.userTweets.kind).toEqualTypeOf<'timeline' | 'search' | 'users'>();
    expectTypeOf(
      server.createRateLimiter().check,
    ).returns.resolves.toEqualTypeOf<RateLimitDecision>();
    expectTypeOf<RateLimitRule['kind']>().toEqualTypeOf<'qps' | 'daily' | 'window'>();
    expectTypeOf(server.fetchPageHandler).returns.toEqualTypeOf<
      (request: Request) => Promise<Response>
    >();
  });
});
