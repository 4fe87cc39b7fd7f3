// @ts-check
/** The dataset view: seed, sizes, counts, ids to try, and curl commands to copy. */
import { admin } from './api.js';
import { byId, copyButton, h, replace } from './dom.js';

/**
 * @typedef {{
 *   seed?: string, sizes?: Record<string, number>, anchor?: string, database: string,
 *   counts: Record<string, number>, churnedRows: Record<string, number>,
 *   owner: { zoomUserId: string, xUserId: string },
 *   samples: { zoomUserIds: string[], zoomMeetingIds: number[], zoomPastMeetingUuids: string[], xUserIds: string[], xTopAuthors: { id: string, tweets: number }[] },
 * }} Dataset
 */

export class DatasetView {
  #body = byId('dataset-body', HTMLElement);
  #loaded = false;
  /** @type {(err: unknown) => void} */
  #onError;

  /** @param {(err: unknown) => void} onError */
  constructor(onError) {
    this.#onError = onError;
    byId('dataset-refresh', HTMLButtonElement).addEventListener(
      'click',
      () => void this.load(true),
    );
  }

  /** Loads the facts (once, or again when asked). */
  async load(again = false) {
    if (this.#loaded && !again) return;
    try {
      /** @type {Dataset} */
      const d = await admin('/__admin/dataset');
      this.#loaded = true;
      this.#render(d);
    } catch (err) {
      replace(
        this.#body,
        h('p', { class: 'error' }, err instanceof Error ? err.message : String(err)),
      );
      this.#onError(err);
    }
  }

  /** @param {Dataset} d */
  #render(d) {
    const origin = location.origin;
    const api = (/** @type {string} */ path) =>
      `curl -H "Authorization: Bearer $PAGEWISE_API_TOKEN" "${origin}${path}"`;
    const adm = (/** @type {string} */ path, /** @type {string} */ extra = '') =>
      `curl${extra} -H "Authorization: Bearer $PAGEWISE_ADMIN_TOKEN" "${origin}${path}"`;
    const zoomUser = d.samples.zoomUserIds[1] ?? d.owner.zoomUserId;
    const uuid = d.samples.zoomPastMeetingUuids[0];
    const author = d.samples.xTopAuthors[0]?.id ?? d.owner.xUserId;
    const xUser = d.samples.xUserIds[1] ?? d.owner.xUserId;
    /** @type {[string, string][]} */
    const commands = [
      ['Zoom: all users, 300 per page', api('/v2/users?page_size=300')],
      [
        "Zoom: a user's past meetings",
        api(
          `/v2/users/${encodeURIComponent(zoomUser)}/meetings?page_size=30&type=previous_meetings`,
        ),
      ],
      ...(uuid
        ? /** @type {[string, string][]} */ ([
            // Zoom asks for meeting UUIDs to be encoded twice in paths.
            [
              'Zoom: participants of a past meeting',
              api(
                `/v2/past_meetings/${encodeURIComponent(encodeURIComponent(uuid))}/participants?page_size=30`,
              ),
            ],
          ])
        : []),
      [
        "X: the busiest author's posts",
        api(`/2/users/${author}/tweets?max_results=100&tweet.fields=created_at`),
      ],
      ["X: a user's followers", api(`/2/users/${xUser}/followers?max_results=100`)],
      ['X: recent search', api('/2/tweets/search/recent?query=api&max_results=100')],
      ['Admin: these dataset facts', adm('/__admin/dataset')],
      [
        'Admin: 10% of API requests fail with 503',
        `${adm('/__admin/faults', ' -X PUT')} -H "content-type: application/json" -d '{"errorRate":0.1}'`,
      ],
      [
        'Admin: clear faults',
        `${adm('/__admin/faults', ' -X PUT')} -H "content-type: application/json" -d '{}'`,
      ],
    ];
    const tables = Object.keys(d.counts);
    replace(
      this.#body,
      h(
        'dl',
        { class: 'facts wide' },
        h('dt', {}, 'Seed'),
        h('dd', {}, h('code', {}, d.seed ?? '?')),
        h('dt', {}, 'Anchor (the dataset’s “now”)'),
        h('dd', {}, d.anchor ?? '?'),
        h('dt', {}, 'Database'),
        h('dd', {}, d.database),
        h('dt', {}, 'Owner (the API token’s principal)'),
        h(
          'dd',
          {},
          'Zoom user ',
          h('code', {}, d.owner.zoomUserId),
          ', X user ',
          h('code', {}, d.owner.xUserId),
        ),
      ),
      h(
        'div',
        { class: 'two' },
        h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'data compact', id: 'dataset-counts' },
            h('caption', {}, 'Rows per table'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Table'),
                h('th', { scope: 'col', class: 'num' }, 'Rows'),
                h('th', { scope: 'col', class: 'num' }, 'Added by churn'),
              ),
            ),
            h(
              'tbody',
              {},
              ...tables.map((t) =>
                h(
                  'tr',
                  { 'data-table': t },
                  h('th', { scope: 'row' }, h('code', {}, t)),
                  h('td', { class: 'num' }, (d.counts[t] ?? 0).toLocaleString('en')),
                  h('td', { class: 'num' }, (d.churnedRows[t] ?? 0).toLocaleString('en')),
                ),
              ),
            ),
          ),
        ),
        h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'data compact' },
            h('caption', {}, 'Sizes asked for at seeding'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Size'),
                h('th', { scope: 'col', class: 'num' }, 'Value'),
              ),
            ),
            h(
              'tbody',
              {},
              ...Object.entries(d.sizes ?? {}).map(([k, v]) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, k),
                  h('td', { class: 'num' }, v.toLocaleString('en')),
                ),
              ),
            ),
          ),
        ),
      ),
      h('h3', {}, 'Ids to try'),
      h(
        'dl',
        { class: 'facts wide ids' },
        h('dt', {}, 'Zoom users'),
        h('dd', {}, ...codes(d.samples.zoomUserIds)),
        h('dt', {}, 'Zoom meetings'),
        h('dd', {}, ...codes(d.samples.zoomMeetingIds.map(String))),
        h('dt', {}, 'Past meeting UUIDs (most participants)'),
        h('dd', {}, ...codes(d.samples.zoomPastMeetingUuids)),
        h('dt', {}, 'X users'),
        h('dd', {}, ...codes(d.samples.xUserIds)),
        h('dt', {}, 'X authors with most posts'),
        h('dd', {}, ...codes(d.samples.xTopAuthors.map((a) => `${a.id} (${a.tweets} posts)`))),
      ),
      h('h3', {}, 'Commands'),
      h(
        'p',
        { class: 'muted' },
        'Set PAGEWISE_API_TOKEN and PAGEWISE_ADMIN_TOKEN in your shell to the tokens the emulator printed; the commands name the variables, not the tokens.',
      ),
      h(
        'ul',
        { class: 'commands' },
        ...commands.map(([label, command]) =>
          h(
            'li',
            {},
            h('p', {}, label),
            h(
              'div',
              { class: 'command' },
              h('code', {}, command),
              copyButton(command, `command: ${label}`),
            ),
          ),
        ),
      ),
    );
  }
}

/** @param {string[]} values */
function codes(values) {
  return values.flatMap((v, i) => (i === 0 ? [h('code', {}, v)] : [', ', h('code', {}, v)]));
}
