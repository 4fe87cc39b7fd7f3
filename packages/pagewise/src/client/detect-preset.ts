import { readLinkRels } from '../styles/link/link-read-page.js';
import { ZOOM_PAGE_NUMBER_PARAM, ZOOM_TOKEN_PARAM } from '../styles/zoom/zoom-endpoints.js';
import { getPath, isObject } from './json-path.js';
import {
  githubPreset,
  type Preset,
  slackPreset,
  stripePreset,
  xPreset,
  zoomPagesPreset,
  zoomPreset,
} from './presets.js';

/**
 * Suggests a preset from the shape of a first response. Only used when the
 * caller chose neither a preset nor a strategy; an explicit choice always wins.
 * Returns `undefined` when nothing matches.
 */
export function detectPreset(body: unknown, headers: Headers): Preset | undefined {
  if (Array.isArray(body)) return githubPreset;
  if (readLinkRels(headers).nextUrl !== undefined) return githubPreset;
  if (!isObject(body)) return undefined;
  if (typeof body[ZOOM_TOKEN_PARAM] === 'string') return zoomPreset;
  if (typeof body['page_count'] === 'number' && ZOOM_PAGE_NUMBER_PARAM in body) {
    return zoomPagesPreset;
  }
  if (isObject(body['meta']) && ('result_count' in body['meta'] || 'next_token' in body['meta'])) {
    return xPreset;
  }
  if (typeof body['has_more'] === 'boolean' && Array.isArray(body['data'])) return stripePreset;
  if (getPath(body, 'response_metadata') !== undefined || typeof body['ok'] === 'boolean') {
    return slackPreset;
  }
  return undefined;
}
