// @ts-check
/** The faults and churn view: current settings as forms, applied with the existing admin endpoints. */
import { admin } from './api.js';
import { byId, h, replace } from './dom.js';

/**
 * @typedef {{ name: string, label: string, help: string, def: number | string | undefined, min?: number, max?: number, step?: string, text?: boolean }} Field
 */

/** @type {Field[]} */
const FAULTS = [
  {
    name: 'errorRate',
    label: 'Error rate',
    help: 'Share of API requests answered with the error status below (0 to 1).',
    def: 0,
    min: 0,
    max: 1,
    step: '0.01',
  },
  {
    name: 'errorStatus',
    label: 'Error status',
    help: 'HTTP status of those injected errors, in the style’s error body.',
    def: 503,
    min: 400,
    max: 599,
    step: '1',
  },
  {
    name: 'latencyMs',
    label: 'Latency (ms)',
    help: 'Delay added to every API request.',
    def: 0,
    min: 0,
    max: 60000,
    step: '1',
  },
  {
    name: 'jitterMs',
    label: 'Jitter (ms)',
    help: 'Random extra delay, up to this much.',
    def: 0,
    min: 0,
    max: 60000,
    step: '1',
  },
  {
    name: 'resetRate',
    label: 'Reset rate',
    help: 'Share of API requests whose connection is dropped without an answer (0 to 1).',
    def: 0,
    min: 0,
    max: 1,
    step: '0.01',
  },
  {
    name: 'rateLimitBurst',
    label: '429 burst',
    help: 'The next N API requests get a 429, whatever the counters say.',
    def: 0,
    min: 0,
    max: 1000000,
    step: '1',
  },
  {
    name: 'tokenTtlSeconds',
    label: 'Token lifetime (s)',
    help: 'Lifetime of new page tokens; empty keeps the emulator’s (e.g. 1 to test expiry).',
    def: undefined,
    min: 1,
    max: 31536000,
    step: '1',
  },
  {
    name: 'pathPrefix',
    label: 'Path prefix',
    help: 'Only requests whose path starts with this are affected (e.g. /2/); empty for all.',
    def: '',
    text: true,
  },
];

/** @type {Field[]} */
const CHURN = [
  {
    name: 'insertsPerSec',
    label: 'Inserts per second',
    help: 'New rows, anywhere in each list’s order, across the five tables.',
    def: 0,
    min: 0,
    max: 10000,
    step: '0.1',
  },
  {
    name: 'deletesPerSec',
    label: 'Deletes per second',
    help: 'Rows removed; only rows churn inserted, never seeded ones.',
    def: 0,
    min: 0,
    max: 10000,
    step: '0.1',
  },
  {
    name: 'updatesPerSec',
    label: 'Updates per second',
    help: 'Non-key columns changed, so no row moves in any order.',
    def: 0,
    min: 0,
    max: 10000,
    step: '0.1',
  },
];

/**
 * A labelled input with its one-line description.
 * @param {string} prefix
 * @param {Field} f
 */
function fieldOf(prefix, f) {
  const id = `${prefix}-${f.name}`;
  const input = h('input', {
    id,
    name: f.name,
    type: f.text ? 'text' : 'number',
    min: f.min,
    max: f.max,
    step: f.step,
    'aria-describedby': `${id}-help`,
    inputmode: f.text ? undefined : 'decimal',
  });
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, f.label),
    input,
    h('p', { id: `${id}-help`, class: 'help' }, f.help),
  );
}

/**
 * The form's values that differ from the defaults, typed.
 * @param {HTMLFormElement} form
 * @param {Field[]} fields
 */
function valuesOf(form, fields) {
  /** @type {Record<string, number | string>} */
  const out = {};
  for (const f of fields) {
    const input = form.elements.namedItem(f.name);
    if (!(input instanceof HTMLInputElement)) continue;
    const raw = input.value.trim();
    if (raw === '') continue;
    const value = f.text ? raw : Number(raw);
    if (value !== f.def) out[f.name] = value;
  }
  return out;
}

/**
 * Fills the form from the server's state, unless the user is editing it.
 * @param {HTMLFormElement} form
 * @param {Field[]} fields
 * @param {Record<string, unknown>} state
 */
function fill(form, fields, state) {
  if (form.dataset['dirty'] === 'true') return;
  for (const f of fields) {
    const input = form.elements.namedItem(f.name);
    if (!(input instanceof HTMLInputElement)) continue;
    const v = state[f.name];
    input.value = v === undefined || v === null ? '' : String(v);
  }
}

export class FaultsView {
  #faultsForm = byId('faults-form', HTMLFormElement);
  #churnForm = byId('churn-form', HTMLFormElement);
  #faultsSummary = byId('faults-summary', HTMLElement);
  #churnSummary = byId('churn-summary', HTMLElement);
  #faultsMessage = byId('faults-message', HTMLElement);
  #churnMessage = byId('churn-message', HTMLElement);
  #churnBody = byId('churn-table', HTMLTableElement).tBodies[0] ?? document.createElement('tbody');
  /** @type {(err: unknown) => void} */
  #onError;

  /** @param {(err: unknown) => void} onError called with a failed call's error (401 handling) */
  constructor(onError) {
    this.#onError = onError;
    byId('faults-fields', HTMLElement).replaceChildren(...FAULTS.map((f) => fieldOf('fault', f)));
    byId('churn-fields', HTMLElement).replaceChildren(...CHURN.map((f) => fieldOf('churn', f)));
    for (const form of [this.#faultsForm, this.#churnForm]) {
      form.addEventListener('input', () => {
        form.dataset['dirty'] = 'true';
      });
    }
    this.#faultsForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#put('faults', valuesOf(this.#faultsForm, FAULTS));
    });
    byId('faults-clear', HTMLButtonElement).addEventListener(
      'click',
      () => void this.#put('faults', {}),
    );
    this.#churnForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#put('churn', valuesOf(this.#churnForm, CHURN));
    });
    byId('churn-stop', HTMLButtonElement).addEventListener(
      'click',
      () => void this.#put('churn', {}),
    );
  }

  /** @param {Record<string, unknown>} faults as `GET /__admin/faults` answers */
  faults(faults) {
    fill(this.#faultsForm, FAULTS, faults);
    const active = FAULTS.filter(
      (f) => faults[f.name] !== undefined && faults[f.name] !== f.def && f.name !== 'errorStatus',
    );
    const left = Number(faults['rateLimitBurstLeft'] ?? 0);
    this.#faultsSummary.textContent =
      active.length === 0
        ? 'No faults: every API request is answered normally.'
        : `Active: ${active.map((f) => `${f.label.toLowerCase()} ${String(faults[f.name])}`).join(', ')}` +
          (Number(faults['errorRate']) > 0 ? ` (status ${String(faults['errorStatus'])})` : '') +
          (left > 0 ? `; ${left} forced 429s still to come` : '') +
          '.';
    this.#faultsSummary.classList.toggle('active', active.length > 0);
  }

  /** @param {{ rates: Record<string, number>, stats: Record<string, { inserted: number, deleted: number, updated: number }>, lastError: string | null }} churn */
  churn(churn) {
    fill(this.#churnForm, CHURN, churn.rates);
    const on = CHURN.some((f) => Number(churn.rates[f.name] ?? 0) > 0);
    this.#churnSummary.textContent = on
      ? `Running: ${CHURN.map((f) => `${churn.rates[f.name] ?? 0} ${f.label.toLowerCase()}`).join(', ')}.`
      : 'Stopped: rows change only through the API.';
    this.#churnSummary.classList.toggle('active', on);
    replace(
      this.#churnBody,
      ...Object.entries(churn.stats).map(([table, s]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('code', {}, table)),
          h('td', { class: 'num' }, s.inserted),
          h('td', { class: 'num' }, s.deleted),
          h('td', { class: 'num' }, s.updated),
        ),
      ),
    );
    if (churn.lastError) this.#churnMessage.textContent = `Last churn error: ${churn.lastError}`;
  }

  /**
   * @param {'faults' | 'churn'} what
   * @param {Record<string, unknown>} body
   */
  async #put(what, body) {
    const message = what === 'faults' ? this.#faultsMessage : this.#churnMessage;
    const form = what === 'faults' ? this.#faultsForm : this.#churnForm;
    message.classList.remove('error');
    try {
      const state = await admin(`/__admin/${what}`, { method: 'PUT', body });
      form.dataset['dirty'] = 'false';
      if (what === 'faults') this.faults(state);
      else this.churn(state);
      message.textContent =
        Object.keys(body).length === 0
          ? `${what === 'faults' ? 'Faults cleared' : 'Churn stopped'}.`
          : 'Applied.';
    } catch (err) {
      message.classList.add('error');
      message.textContent = err instanceof Error ? err.message : String(err);
      this.#onError(err);
    }
  }
}
