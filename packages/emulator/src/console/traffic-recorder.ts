import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiRequestNote } from '../http/api-request-note.js';

/** One request as the console's traffic view shows it. */
export interface TrafficRecord {
  /** Increasing number of the record in this process (1, 2, …). */
  readonly seq: number;
  /** When the answer went out, ms since 1970 (the emulator's clock). */
  readonly at: number;
  readonly method: string;
  /** The URL as received (page tokens are shortened when the record is shown). */
  readonly url: string;
  /** Method and route pattern, e.g. `GET /2/users/:id/tweets`; `(no route)` for a 404. */
  readonly route: string;
  /** Name of the API principal, when the bearer token resolved. */
  readonly principal: string | null;
  /** HTTP status; 0 when an injected fault reset the connection. */
  readonly status: number;
  /** Time to answer, ms. */
  readonly ms: number;
  /** The injected fault that produced the answer, if any. */
  readonly fault: 'error' | 'reset' | 'rate_limit' | null;
}

/** Options of {@link TrafficRecorder}. */
export interface TrafficRecorderOptions {
  /** Records kept (a ring: the oldest is overwritten). @default 500 */
  readonly capacity?: number;
  /** Seconds of per-endpoint request counts kept for the rate chart. @default 60 */
  readonly rateSeconds?: number;
  /** Clock, ms. @default Date.now */
  readonly now?: () => number;
}

/** Requests per second per endpoint over the last `seconds` seconds, oldest second first. */
export interface TrafficRates {
  /** The last second covered (whole seconds since 1970). */
  readonly endSecond: number;
  readonly seconds: number;
  /** Route → one count per second, oldest first. */
  readonly series: Readonly<Record<string, readonly number[]>>;
}

const NO_ROUTE = '(no route)';
/** Most routes tracked for the rate chart (the emulator has about twenty). */
const MAX_ROUTES = 64;

/**
 * Remembers the emulator's recent API traffic for the console, in bounded
 * memory: a ring of the last `capacity` requests and, per route, a ring of
 * per-second counts. Fed by one `onResponse` hook (and the reset fault,
 * which sends no response); the console's live stream reads it.
 * `/__admin` requests are not recorded (the console would fill it with its own).
 */
export class TrafficRecorder {
  readonly #ring: (TrafficRecord | undefined)[];
  readonly #seconds: number;
  readonly #now: () => number;
  #seq = 0;
  readonly #counts = new Map<string, Uint32Array>();
  /** Whole second of the newest slot of every count ring. */
  #headSecond = 0;
  readonly #names = new Map<string, string>();

  constructor(options: TrafficRecorderOptions = {}) {
    const capacity = options.capacity ?? 500;
    const seconds = options.rateSeconds ?? 60;
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`traffic capacity must be a positive integer, got ${capacity}`);
    }
    if (!Number.isInteger(seconds) || seconds < 1) {
      throw new RangeError(`traffic rateSeconds must be a positive integer, got ${seconds}`);
    }
    this.#ring = new Array(capacity);
    this.#seconds = seconds;
    this.#now = options.now ?? Date.now;
  }

  /** Number of the newest record (0 before the first). */
  get lastSeq(): number {
    return this.#seq;
  }

  /** The `onResponse` hook that records every non-admin request (bound; register it as is). */
  readonly onResponse = (
    request: FastifyRequest,
    reply: FastifyReply,
    done: (err?: Error) => void,
  ): void => {
    if (!request.url.startsWith('/__admin')) {
      this.#record(request, reply.statusCode, reply.elapsedTime);
    }
    done();
  };

  /**
   * Records a request whose connection an injected fault destroyed (no
   * response, so no hook), timed from the start of its admission.
   */
  recordReset(request: FastifyRequest): void {
    const note = apiRequestNote(request);
    this.#record(request, 0, note === undefined ? 0 : performance.now() - note.startedAt);
  }

  #record(request: FastifyRequest, status: number, elapsedMs: number): void {
    const note = apiRequestNote(request);
    const pattern = request.routeOptions.url;
    const route = pattern === undefined ? NO_ROUTE : `${request.method} ${pattern}`;
    const at = this.#now();
    if (note) this.#rememberName(note.principal.scope, note.principal.name);
    const record: TrafficRecord = {
      seq: ++this.#seq,
      at,
      method: request.method,
      url: request.url,
      route,
      principal: note?.principal.name ?? null,
      status,
      ms: Math.round(elapsedMs * 10) / 10,
      fault: note?.fault ?? null,
    };
    this.#ring[(record.seq - 1) % this.#ring.length] = record;
    this.#count(route, Math.floor(at / 1000));
  }

  /**
   * Records newer than `afterSeq`, oldest first, at most `max` (the newest
   * ones when more are waiting).
   */
  since(afterSeq: number, max: number): TrafficRecord[] {
    const first = Math.max(afterSeq + 1, this.#seq - this.#ring.length + 1, this.#seq - max + 1, 1);
    const out: TrafficRecord[] = [];
    for (let seq = first; seq <= this.#seq; seq++) {
      const r = this.#ring[(seq - 1) % this.#ring.length];
      if (r) out.push(r);
    }
    return out;
  }

  /** Requests per second per route, over the last `rateSeconds` seconds up to now. */
  rates(): TrafficRates {
    const endSecond = Math.floor(this.#now() / 1000);
    this.#advance(endSecond);
    const n = this.#seconds;
    const series: Record<string, number[]> = {};
    for (const [route, ring] of this.#counts) {
      const counts = new Array<number>(n);
      // Slot of second s is s % n; the newest slot is #headSecond's.
      for (let i = 0; i < n; i++) counts[i] = ring[(endSecond - n + 1 + i) % n] ?? 0;
      if (counts.some((c) => c > 0)) series[route] = counts;
    }
    return { endSecond, seconds: n, series };
  }

  /** The display name of a principal scope seen in the traffic (the rate-limit view shows names). */
  nameOf(scope: string): string | undefined {
    return this.#names.get(scope);
  }

  #rememberName(scope: string, name: string): void {
    if (this.#names.get(scope) === name) return;
    if (this.#names.size >= 1000) this.#names.clear();
    this.#names.set(scope, name);
  }

  #count(route: string, second: number): void {
    this.#advance(second);
    if (second <= this.#headSecond - this.#seconds) return; // older than the window (clock moved back)
    let ring = this.#counts.get(route);
    if (ring === undefined) {
      if (this.#counts.size >= MAX_ROUTES) return;
      ring = new Uint32Array(this.#seconds);
      this.#counts.set(route, ring);
    }
    const slot = second % this.#seconds;
    ring[slot] = (ring[slot] ?? 0) + 1;
  }

  /** Moves the head to `second`, zeroing the slots of the seconds skipped over. */
  #advance(second: number): void {
    if (second <= this.#headSecond) return;
    const n = this.#seconds;
    const steps = Math.min(second - this.#headSecond, n);
    for (const ring of this.#counts.values()) {
      for (let i = 1; i <= steps; i++) ring[(this.#headSecond + i) % n] = 0;
    }
    this.#headSecond = second;
  }
}
