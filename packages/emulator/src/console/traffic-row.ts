import { SECRET_QUERY_PARAMS } from '../http/redact-url.js';
import type { TrafficRecord } from './traffic-recorder.js';

/** A traffic record as the console receives it: tokens shortened, paging facts pulled out. */
export interface TrafficRow {
  readonly seq: number;
  readonly at: number;
  readonly method: string;
  /** Path and query, each page token cut to its first 6 characters (the clear key header) and its length. */
  readonly path: string;
  readonly route: string;
  readonly principal: string | null;
  readonly status: number;
  readonly ms: number;
  /** `page_size` (Zoom) or `max_results` (X) as sent, when it is a number. */
  readonly pageSize: number | null;
  /** True when the request carried a non-empty page token. */
  readonly tokenSent: boolean;
  readonly fault: TrafficRecord['fault'];
}

const TOKEN_PARAMS: readonly string[] = SECRET_QUERY_PARAMS;
const PAGE_SIZE_PARAMS = ['page_size', 'max_results'];
/** Characters of a token kept: version, key id length and the start of the key id, all sent in clear. */
const KEPT = 6;

/** The console's view of one record. */
export function trafficRow(record: TrafficRecord): TrafficRow {
  const { path, pageSize, tokenSent } = scanUrl(record.url);
  return {
    seq: record.seq,
    at: record.at,
    method: record.method,
    path,
    route: record.route,
    principal: record.principal,
    status: record.status,
    ms: record.ms,
    pageSize,
    tokenSent,
    fault: record.fault,
  };
}

/** `url` with every page token cut to its first 6 characters and its length: `abcdef…(86)`. */
export function shortenTokens(url: string): string {
  return scanUrl(url).path;
}

function scanUrl(url: string): { path: string; pageSize: number | null; tokenSent: boolean } {
  const q = url.indexOf('?');
  if (q < 0) return { path: url, pageSize: null, tokenSent: false };
  let pageSize: number | null = null;
  let tokenSent = false;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = safeDecode(pair.slice(0, eq));
      const value = pair.slice(eq + 1);
      if (TOKEN_PARAMS.includes(name)) {
        if (value === '') return pair;
        tokenSent = true;
        return value.length > KEPT + 2
          ? `${pair.slice(0, eq)}=${value.slice(0, KEPT)}…(${value.length})`
          : pair;
      }
      if (pageSize === null && PAGE_SIZE_PARAMS.includes(name) && /^\d{1,6}$/.test(value)) {
        pageSize = Number(value);
      }
      return pair;
    });
  return { path: `${url.slice(0, q)}?${parts.join('&')}`, pageSize, tokenSent };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
