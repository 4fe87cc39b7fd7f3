import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmulator, type EmulatorApp } from '../src/index.js';

// Paths the router refuses before any route matches: answered in the style of their API, never
// with Fastify's own body.
let app: EmulatorApp;
beforeAll(async () => {
  app = await buildEmulator({
    database: ':memory:',
    sizes: { zoomUsers: 5, zoomMeetings: 5, xUsers: 5, xTweets: 20, xFollows: 5 },
    logger: false,
    print: () => {},
    apiToken: 'api',
    adminToken: 'admin',
    rateLimit: 'off',
  });
});
afterAll(async () => {
  await app.close();
});

const auth = { authorization: 'Bearer api' };

describe('paths the router refuses', () => {
  it("a path id longer than the router allows: X's invalid-request 400 under /2/", async () => {
    const res = await app.inject({ url: `/2/users/${'1'.repeat(150)}/tweets`, headers: auth });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json() as { title: string; errors: { parameters: { path: string[] } }[] };
    expect(body.title).toBe('Invalid Request');
    expect(body.errors[0]?.parameters.path[0]).toMatch(/^\/2\/users\/1+\.\.\.$/);
    expect(res.body).not.toContain('FST_ERR');
  });

  it("a badly encoded path: Zoom's validation 400 under /v2/", async () => {
    const res = await app.inject({ url: '/v2/users/%ZZ/meetings', headers: auth });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 300,
      message: 'Validation Failed.',
      errors: [
        { field: 'path', message: 'The request path is not valid: it is not a well-encoded URL.' },
      ],
    });
  });

  it('a long Zoom user id: 400, not 414', async () => {
    const res = await app.inject({ url: `/v2/users/${'u'.repeat(150)}/meetings`, headers: auth });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { code: number }).code).toBe(300);
  });
});
