import type { TokenShape } from './walk-pages.js';

/** The ids a list URL needs, read from the emulator's `/__admin/dataset`. */
export interface DatasetIds {
  readonly xUserId: string;
}

/** Servers measured by bench:server, in table order. */
export const SERVERS = [
  'hand-written keyset',
  'hand-written, sealed tokens',
  'library',
  'emulator',
  'hand-written offset',
  'serialize-only',
  'ceiling',
] as const;
export type ServerName = (typeof SERVERS)[number];

/** One list measured on every server that serves it. */
export interface BenchList {
  /** Key in the JSON figures. */
  readonly key: string;
  /** Label in the table. */
  readonly label: string;
  /** Path and query of the first page (the same on every server). */
  readonly first: (ids: DatasetIds) => string;
  readonly token: TokenShape;
  /** The deep page: this page index when the list has it (X timeline: rows 3000–3099), else this fraction. */
  readonly deep: { readonly fraction: number; readonly index?: number };
  /** Also served by the library route, the hand-written route with sealed tokens and the hand-written OFFSET route. */
  readonly library: boolean;
}

const xNext = (b: Record<string, unknown>) =>
  (b['meta'] as { next_token?: string } | undefined)?.next_token;
const zoomNext = (b: Record<string, unknown>) => (b['next_page_token'] as string) || undefined;

/** The word recent search looks for: in about one post in eight. */
export const SEARCH_WORD = 'pagination';

/** The lists of `npm run bench:server`. */
export const BENCH_LISTS: readonly BenchList[] = [
  {
    key: 'x-timeline',
    label: 'X timeline, 100',
    first: (ids) => `/2/users/${ids.xUserId}/tweets?max_results=100`,
    token: { next: xNext, param: 'pagination_token' },
    deep: { fraction: 0.99, index: 30 },
    library: true,
  },
  {
    key: 'x-followers',
    label: 'X followers, 100',
    first: (ids) => `/2/users/${ids.xUserId}/followers?max_results=100`,
    token: { next: xNext, param: 'pagination_token' },
    deep: { fraction: 0.99 },
    library: false,
  },
  {
    key: 'x-search',
    label: `X recent search "${SEARCH_WORD}", 100`,
    first: () => `/2/tweets/search/recent?query=${SEARCH_WORD}&max_results=100`,
    token: { next: xNext, param: 'next_token' },
    deep: { fraction: 0.99 },
    library: false,
  },
  {
    key: 'zoom-users',
    label: 'Zoom users, 300',
    first: () => '/v2/users?page_size=300',
    token: { next: zoomNext, param: 'next_page_token' },
    deep: { fraction: 0.99 },
    library: false,
  },
  {
    key: 'zoom-dashboard',
    label: 'Zoom dashboard meetings, 300',
    first: () => '/v2/metrics/meetings?type=past&from=2025-06-01&to=2026-02-01&page_size=300',
    token: { next: zoomNext, param: 'next_page_token' },
    deep: { fraction: 0.99 },
    library: false,
  },
];
