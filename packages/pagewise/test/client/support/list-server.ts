import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, FetchLike } from '../../../src/client/index.js';

/** What a fake endpoint answers. */
export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** JSON-encoded unless a string. */
  readonly body?: unknown;
  /** Destroy the socket instead of answering (connection reset). */
  readonly reset?: boolean;
}

export type Handler = (url: URL, headers: Headers) => Reply | Promise<Reply>;

/** A real HTTP server on 127.0.0.1:0 answering through `handler`. */
export async function startListServer(handler: Handler): Promise<{
  url: string;
  requests: URL[];
  close: () => Promise<void>;
}> {
  const requests: URL[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    Promise.resolve(handler(url, headers)).then(
      (reply) => {
        if (reply.reset) {
          req.socket.destroy();
          return;
        }
        const body =
          typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
        res.writeHead(reply.status ?? 200, {
          'content-type': 'application/json',
          ...reply.headers,
        });
        res.end(body);
      },
      () => {
        res.writeHead(500);
        res.end('handler failed');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An injected `fetch` answering through `handler`, recording the URLs it saw. */
export function fakeFetch(handler: Handler): FetchLike & { calls: URL[] } {
  const calls: URL[] = [];
  const fn = async (input: string, init: { headers: Headers; signal: AbortSignal }) => {
    init.signal.throwIfAborted();
    const url = new URL(input);
    calls.push(url);
    const reply = await handler(url, init.headers);
    if (reply.reset) {
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    }
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
    return new Response(body, {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  };
  return Object.assign(fn, { calls });
}

/** A clock whose sleeps return at once and move time forward; records every sleep. */
export function manualClock(
  start = Date.UTC(2024, 0, 1),
): Clock & { sleeps: number[]; time: number } {
  const clock = {
    time: start,
    sleeps: [] as number[],
    now: () => clock.time,
    async sleep(ms: number, signal?: AbortSignal) {
      signal?.throwIfAborted();
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

/** Numbered items `{ id: "1" }…`. */
export function numbered(from: number, to: number): { id: string }[] {
  const out: { id: string }[] = [];
  for (let i = from; i <= to; i++) out.push({ id: String(i) });
  return out;
}
