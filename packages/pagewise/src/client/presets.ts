import { X_TOKEN_PARAMS } from '../styles/x/x-endpoints.js';
import { readXPage } from '../styles/x/x-read-page.js';
import { ZOOM_PAGE_NUMBER_PARAM } from '../styles/zoom/zoom-endpoints.js';
import { ZOOM_INVALID_TOKEN_CODE } from '../styles/zoom/zoom-problems.js';
import { readZoomPage } from '../styles/zoom/zoom-read-page.js';
import { type ItemsReader, itemsAt, soleArray } from './items-reader.js';
import { getPath, isObject } from './json-path.js';
import { bodyCursor } from './strategies/body-cursor.js';
import { linkHeader } from './strategies/link-header.js';
import { pageNumber } from './strategies/page-number.js';
import { xToken } from './strategies/x-token.js';
import { zoomToken } from './strategies/zoom-token.js';
import type { Strategy } from './strategy.js';

/** An API error reported inside a 2xx body (Slack's `{"ok": false}`). */
export interface BodyError {
  readonly message: string;
  /** The error is about the cursor (invalid or expired). */
  readonly invalidToken: boolean;
}

/**
 * Restart after an invalid or expired token by narrowing an id window:
 * X timelines and search are newest-first, so "everything older than the
 * oldest id seen" (`until_id`, exclusive) continues with no duplicates.
 */
export interface IdWindowRecovery {
  /** Query parameter taking the exclusive upper id bound. */
  readonly param: string;
  /** Path of the id in an item. Ids are decimal strings compared as BigInt. */
  readonly idPath: string;
}

/**
 * Everything an API style needs on the client side, as data: the strategy,
 * where the items are, how to key an item, and how the API reports a bad
 * page token. `paginate({ preset })` takes a name or one of these.
 */
export interface Preset {
  readonly name: string;
  readonly strategy: Strategy;
  readonly items: ItemsReader;
  /** Path of an item's unique key (cycle and de-dup guards). */
  readonly itemKey: string;
  /** Recognises an "invalid or expired page token" error response. */
  readonly isInvalidToken?: (status: number, body: unknown) => boolean;
  /** Reads an error reported in a 2xx body. */
  readonly bodyError?: (body: unknown) => BodyError | undefined;
  /** Automatic recovery from an expired token, where the API has id windows. */
  readonly recovery?: IdWindowRecovery;
}

/** Zoom: `next_page_token` (empty string ends); items are the envelope's array. */
export const zoomPreset: Preset = /* @__PURE__ */ Object.freeze({
  name: 'zoom',
  // Read by the Zoom wire style's strict reader, so both sides agree on every name.
  strategy: zoomToken(),
  items: (body: unknown) => readZoomPage({ status: 200, headers: {}, body }).items,
  itemKey: 'id',
  isInvalidToken: (status: number, body: unknown) => {
    if (status < 400 || status >= 500) return false;
    // The Zoom style reads the `{ code, message }` error body.
    const error = readZoomPage({ status, headers: {}, body }).error;
    return error?.code === ZOOM_INVALID_TOKEN_CODE && /token/i.test(error.message);
  },
});

/** Zoom legacy page numbers (`page_number`/`page_count`/`total_records`). */
export const zoomPagesPreset: Preset = /* @__PURE__ */ Object.freeze({
  ...zoomPreset,
  name: 'zoom-pages',
  strategy: pageNumber({ pageParam: ZOOM_PAGE_NUMBER_PARAM }),
});

/**
 * X API v2: `meta.next_token` → `pagination_token` (`next_token` on search);
 * `data` is absent on an empty result; expired tokens recover by `until_id`.
 */
export const xPreset: Preset = /* @__PURE__ */ Object.freeze({
  name: 'x',
  strategy: xToken(),
  // X omits `data` when there is nothing: `{"meta":{"result_count":0}}` (WIRE.md 2.2).
  items: (body: unknown) => readXPage({ status: 200, headers: {}, body }).items,
  itemKey: 'id',
  isInvalidToken: (status: number, body: unknown) => {
    if (status !== 400 || !isObject(body)) return false;
    // X names the token parameter in its `errors` (WIRE.md 2.3).
    const text = JSON.stringify(body['errors'] ?? '');
    return X_TOKEN_PARAMS.some((param) => text.includes(param));
  },
  recovery: { param: 'until_id', idPath: 'id' },
});

/** GitHub REST: `Link: rel="next"`; the body is the array. */
export const githubPreset: Preset = /* @__PURE__ */ Object.freeze({
  name: 'github',
  strategy: linkHeader(),
  items: itemsAt(''),
  itemKey: 'id',
});

/** Stripe: `has_more` + `starting_after` = id of the last item; items in `data`. */
export const stripePreset: Preset = /* @__PURE__ */ Object.freeze({
  name: 'stripe',
  strategy: bodyCursor({ param: 'starting_after', lastItemPath: 'id', hasMorePath: 'has_more' }),
  items: itemsAt('data'),
  itemKey: 'id',
  isInvalidToken: (status: number, body: unknown) =>
    status === 400 && /starting_after/.test(JSON.stringify(getPath(body, 'error') ?? '')),
});

/** Slack Web API: `response_metadata.next_cursor` → `cursor`; `{"ok": false}` is an error. */
export const slackPreset: Preset = /* @__PURE__ */ Object.freeze({
  name: 'slack',
  strategy: bodyCursor({ param: 'cursor', nextPath: 'response_metadata.next_cursor' }),
  items: soleArray(['warnings']),
  itemKey: 'id',
  bodyError: (body: unknown) => {
    if (!isObject(body) || body['ok'] !== false) return undefined;
    const error = String(body['error'] ?? 'unknown_error');
    return { message: error, invalidToken: error === 'invalid_cursor' };
  },
});

/** The presets by name. */
export const presets = /* @__PURE__ */ Object.freeze({
  zoom: zoomPreset,
  'zoom-pages': zoomPagesPreset,
  x: xPreset,
  github: githubPreset,
  stripe: stripePreset,
  slack: slackPreset,
});

/** Name of a built-in preset. */
export type PresetName = keyof typeof presets;
