// @ts-check
/** The live traffic view: a table of the last requests and the per-endpoint rate chart. */
import { byId, clock, h, replace } from './dom.js';
import { drawRates } from './rate-chart.js';

/**
 * @typedef {{
 *   seq: number, at: number, method: string, path: string, route: string,
 *   principal: string | null, status: number, ms: number, pageSize: number | null,
 *   tokenSent: boolean, fault: 'error' | 'reset' | 'rate_limit' | null,
 * }} TrafficRow
 */

/** Rows kept in the page (the server keeps 500). */
const KEEP = 200;

export class TrafficView {
  /** @type {TrafficRow[]} newest first */
  #rows = [];
  #paused = false;
  /** @type {TrafficRow[]} arrived while paused */
  #held = [];
  #skipped = 0;
  #body = byId('traffic-table', HTMLTableElement).tBodies[0] ?? document.createElement('tbody');
  #filter = byId('traffic-filter', HTMLInputElement);
  #count = byId('traffic-count', HTMLElement);
  #pause = byId('traffic-pause', HTMLButtonElement);
  #chart = byId('rate-chart', HTMLElement);
  #legend = byId('rate-legend', HTMLElement);

  constructor() {
    this.#filter.addEventListener('input', () => this.#render());
    this.#pause.addEventListener('click', () => {
      this.#paused = !this.#paused;
      this.#pause.setAttribute('aria-pressed', String(this.#paused));
      this.#pause.textContent = this.#paused ? 'Resume' : 'Pause';
      if (!this.#paused) {
        this.#add(this.#held);
        this.#held = [];
      }
      this.#render();
    });
  }

  /**
   * Replaces everything (first event of a stream).
   * @param {TrafficRow[]} rows oldest first
   */
  reset(rows) {
    this.#rows = [];
    this.#held = [];
    this.#add(rows);
    this.#render();
  }

  /**
   * New rows, oldest first.
   * @param {TrafficRow[]} rows
   * @param {number} skipped rows the server did not send (a burst over its batch size)
   */
  push(rows, skipped) {
    this.#skipped += skipped;
    if (this.#paused) {
      this.#held.push(...rows);
      this.#held = this.#held.slice(-KEEP);
    } else {
      this.#add(rows);
    }
    this.#render();
  }

  /** @param {import('./rate-chart.js').Rates} rates */
  rates(rates) {
    drawRates(this.#chart, this.#legend, rates);
  }

  /** @param {TrafficRow[]} rows oldest first */
  #add(rows) {
    for (const r of rows) this.#rows.unshift(r);
    if (this.#rows.length > KEEP) this.#rows.length = KEEP;
  }

  #render() {
    const needle = this.#filter.value.trim().toLowerCase();
    const rows = needle
      ? this.#rows.filter((r) =>
          `${r.method} ${r.path} ${r.status} ${r.principal ?? ''}`.toLowerCase().includes(needle),
        )
      : this.#rows;
    replace(this.#body, ...rows.map(rowOf));
    const held = this.#held.length > 0 ? `, ${this.#held.length} waiting (paused)` : '';
    const skipped = this.#skipped > 0 ? `, ${this.#skipped} skipped in bursts` : '';
    this.#count.textContent = `${rows.length} shown${held}${skipped}`;
  }
}

/** @param {TrafficRow} r */
function rowOf(r) {
  const kind =
    r.status === 0
      ? 'reset'
      : r.status === 429
        ? 'limited'
        : r.status >= 500
          ? 'error'
          : r.status >= 400
            ? 'warn'
            : 'ok';
  const fault =
    r.fault === null
      ? null
      : h('span', { class: 'badge' }, `injected ${r.fault.replace('_', ' ')}`);
  return h(
    'tr',
    { class: `status-${kind}`, 'data-status': r.status, 'data-seq': r.seq },
    h('td', { class: 'time' }, clock(r.at)),
    h('td', {}, r.method),
    h('td', { class: 'path' }, h('code', { title: r.route }, r.path)),
    h('td', {}, r.principal ?? '—'),
    h('td', { class: 'status' }, r.status === 0 ? 'reset' : r.status, ' ', fault),
    h('td', { class: 'num' }, r.ms.toFixed(1)),
    h('td', { class: 'num' }, r.pageSize ?? '—'),
    h('td', {}, r.tokenSent ? 'yes' : 'no'),
  );
}
