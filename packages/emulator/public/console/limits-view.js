// @ts-check
/** The rate-limit view: the limiter's last count per principal and rule, with live countdowns. */
import { byId, clock, duration, h, replace } from './dom.js';

/** How long a refused request keeps its row highlighted, ms. */
const RECENT_429_MS = 60_000;

/**
 * @typedef {{
 *   scope: string, principal: string, bucket: string, kind: 'qps' | 'daily' | 'window',
 *   category: string | null, limit: number, windowMs: number, used: number, remaining: number,
 *   resetAt: number, limited: boolean, limitedAt: number | null, at: number,
 * }} LimitRow
 * @typedef {{ now: number, mode: string, entries: LimitRow[] }} Limits
 */

const MODES = {
  off: 'Rate limits are off: nothing is counted (start the emulator with --rate-limit realistic or scaled).',
  realistic: 'Mode realistic: the real windows (1 s, 15 min, a UTC day) and limits.',
  scaled:
    'Mode scaled: the real limits with shorter windows (15 min becomes 15 s at the default scale), so resets can be watched.',
};

export class LimitsView {
  /** @type {Limits} */
  #limits = { now: 0, mode: 'off', entries: [] };
  /** Server clock minus this page's clock, ms. */
  #offset = 0;
  #body = byId('limits-table', HTMLTableElement).tBodies[0] ?? document.createElement('tbody');
  #mode = byId('limits-mode', HTMLElement);
  #empty = byId('limits-empty', HTMLElement);
  /** @type {ReturnType<typeof setInterval> | undefined} */
  #timer;

  /** @param {Limits} limits */
  update(limits) {
    this.#limits = limits;
    this.#offset = limits.now - Date.now();
    this.#render();
  }

  /**
   * Ticks the countdowns once a second while the view is visible.
   * @param {boolean} visible
   */
  visible(visible) {
    if (visible && this.#timer === undefined) this.#timer = setInterval(() => this.#render(), 1000);
    if (!visible && this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  #render() {
    const { mode, entries } = this.#limits;
    this.#mode.textContent = MODES[/** @type {keyof typeof MODES} */ (mode)] ?? `Mode ${mode}.`;
    this.#empty.hidden = entries.length > 0;
    const now = Date.now() + this.#offset;
    replace(this.#body, ...entries.map((e) => rowOf(e, now)));
  }
}

/**
 * @param {LimitRow} e
 * @param {number} now server time, ms
 */
function rowOf(e, now) {
  const ended = now >= e.resetAt;
  const used = ended ? 0 : e.used;
  const share = Math.min(1, used / Math.max(1, e.limit));
  // A 429 stays highlighted for a minute, so one in a one-second window can still be seen.
  const recent429 = e.limitedAt !== null && now - e.limitedAt < RECENT_429_MS;
  const refused = e.limitedAt === null ? '' : `429 at ${clock(e.limitedAt)}`;
  let state = 'ok';
  if (!ended && e.limited) state = `refusing (${refused})`;
  else if (recent429) state = refused;
  else if (ended) state = 'window ended';
  else if (e.remaining === 0) state = 'exhausted';
  const kind = e.kind === 'qps' ? 'per second' : e.kind === 'daily' ? 'per day' : 'per window';
  return h(
    'tr',
    {
      class: recent429 ? 'status-limited' : ended ? 'stale' : '',
      'data-bucket': e.bucket,
      'data-principal': e.principal,
    },
    h('td', {}, e.principal),
    h(
      'td',
      {},
      h('code', {}, e.bucket),
      e.category ? h('span', { class: 'muted' }, ` (${e.category})`) : null,
    ),
    h('td', {}, `${duration(e.windowMs)} (${kind})`),
    h(
      'td',
      { class: 'used' },
      h('meter', {
        min: 0,
        max: e.limit,
        value: used,
        'aria-label': `${used} of ${e.limit} used`,
        optimum: 0,
        high: e.limit * 0.8,
        low: e.limit * 0.5,
      }),
      ` ${used} / ${e.limit}`,
      h('span', { class: 'sr-only' }, ` (${Math.round(share * 100)}%)`),
    ),
    h('td', { class: 'num' }, ended ? e.limit : e.remaining),
    h('td', { class: 'resets' }, ended ? '—' : `in ${duration(e.resetAt - now)}`),
    h('td', { class: 'state' }, state),
  );
}
