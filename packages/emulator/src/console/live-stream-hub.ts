import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { churnState } from '../admin/admin-routes.js';
import type { EmulatorContext } from '../emulator-context.js';
import { consoleLimits } from './console-limits.js';
import { trafficRow } from './traffic-row.js';

/** Options of {@link LiveStreamHub}. */
export interface LiveStreamHubOptions {
  /** How often new traffic is sent, ms (events are batched, never one per request). @default 250 */
  readonly flushMs?: number;
  /** Comment line sent this often so proxies keep the stream open, ms. @default 15000 */
  readonly heartbeatMs?: number;
  /** Streams open at once; more get a 503. @default 16 */
  readonly maxClients?: number;
  /** A client whose unsent output grows past this many bytes is dropped (it reconnects). @default 1 MiB */
  readonly maxBufferedBytes?: number;
}

interface Client {
  readonly raw: ServerResponse;
  lastSeq: number;
  limitsVersion: number;
  faults: string;
  churn: string;
}

/** Rows sent at most per event; the rest of a burst is counted in `skipped`. */
const MAX_ROWS = 200;
/** Rows of history in the first event. */
const HELLO_ROWS = 100;

/**
 * The console's live stream (`GET /__admin/console/stream`, Server-Sent
 * Events): one event with everything on connect, then batched updates
 * (`traffic` every flush with new rows, `limits` when the limiter changed,
 * `rates`, `faults` and `churn` every second when they changed). A timer
 * runs only while a stream is open; a stream is dropped when its client
 * goes, when it falls too far behind, and when the emulator closes.
 */
export class LiveStreamHub {
  readonly #ctx: EmulatorContext;
  readonly #clients = new Set<Client>();
  readonly #flushMs: number;
  readonly #heartbeatMs: number;
  readonly #maxClients: number;
  readonly #maxBuffered: number;
  #timer: NodeJS.Timeout | undefined;
  #ticks = 0;

  constructor(ctx: EmulatorContext, options: LiveStreamHubOptions = {}) {
    this.#ctx = ctx;
    this.#flushMs = options.flushMs ?? 250;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#maxClients = options.maxClients ?? 16;
    this.#maxBuffered = options.maxBufferedBytes ?? 1 << 20;
  }

  /** Streams open now. */
  get size(): number {
    return this.#clients.size;
  }

  /** Takes over the reply and streams to it until the client goes (the request is already authorized). */
  open(request: FastifyRequest, reply: FastifyReply): void {
    if (this.#clients.size >= this.#maxClients) {
      void reply.code(503).send({ error: 'Too many console streams are open; close one.' });
      return;
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // Tells buffering proxies (nginx) to pass events through at once.
      'x-accel-buffering': 'no',
    });
    const ctx = this.#ctx;
    const traffic = ctx.traffic;
    const limits = consoleLimits(ctx);
    const client: Client = {
      raw,
      lastSeq: traffic.lastSeq,
      limitsVersion: ctx.limiter.version,
      faults: JSON.stringify(ctx.faults.current),
      churn: JSON.stringify(churnState(ctx)),
    };
    this.#clients.add(client);
    const drop = (): void => this.#drop(client);
    request.raw.on('close', drop);
    raw.on('close', drop);
    raw.on('error', drop);
    this.#send(client, 'hello', {
      now: ctx.now(),
      rateLimitMode: ctx.limiter.mode,
      traffic: traffic.since(0, HELLO_ROWS).map(trafficRow),
      rates: traffic.rates(),
      limits,
      faults: ctx.faults.current,
      churn: churnState(ctx),
    });
    this.#timer ??= setInterval(() => this.#tick(), this.#flushMs);
  }

  /** Ends every stream (before the server closes, which would otherwise wait for them). */
  closeAll(): void {
    for (const client of [...this.#clients]) {
      client.raw.end();
      this.#drop(client);
    }
  }

  #drop(client: Client): void {
    if (!this.#clients.delete(client)) return;
    if (!client.raw.writableEnded) client.raw.destroy();
    if (this.#clients.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      this.#ticks = 0;
    }
  }

  #tick(): void {
    const ctx = this.#ctx;
    const tick = ++this.#ticks;
    const everySecond = tick % Math.max(1, Math.round(1000 / this.#flushMs)) === 0;
    const heartbeat = tick % Math.max(1, Math.round(this.#heartbeatMs / this.#flushMs)) === 0;
    const lastSeq = ctx.traffic.lastSeq;
    const rates = everySecond ? ctx.traffic.rates() : undefined;
    const faults = everySecond ? JSON.stringify(ctx.faults.current) : undefined;
    const churn = everySecond ? JSON.stringify(churnState(ctx)) : undefined;
    const limitsVersion = ctx.limiter.version;
    let limits: ReturnType<typeof consoleLimits> | undefined;
    for (const client of [...this.#clients]) {
      if (client.lastSeq < lastSeq) {
        const rows = ctx.traffic.since(client.lastSeq, MAX_ROWS);
        const skipped = lastSeq - client.lastSeq - rows.length;
        client.lastSeq = lastSeq;
        this.#send(client, 'traffic', { rows: rows.map(trafficRow), skipped });
      }
      if (client.limitsVersion !== limitsVersion) {
        client.limitsVersion = limitsVersion;
        limits ??= consoleLimits(ctx);
        this.#send(client, 'limits', limits);
      }
      if (rates) this.#send(client, 'rates', rates);
      if (faults !== undefined && faults !== client.faults) {
        client.faults = faults;
        this.#write(client, `event: faults\ndata: ${faults}\n\n`);
      }
      if (churn !== undefined && churn !== client.churn) {
        client.churn = churn;
        this.#write(client, `event: churn\ndata: ${churn}\n\n`);
      }
      if (heartbeat) this.#write(client, ': ping\n\n');
    }
  }

  #send(client: Client, event: string, data: unknown): void {
    this.#write(client, `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  #write(client: Client, text: string): void {
    if (!this.#clients.has(client)) return;
    if (client.raw.writableLength > this.#maxBuffered) {
      // A client that does not read: drop it rather than buffer without bound.
      this.#drop(client);
      return;
    }
    client.raw.write(text);
  }
}
