// @ts-check
/** The walk view: step through a list page by page and open each page's token. */
import { admin } from './api.js';
import { byId, h, replace } from './dom.js';
import { tokenCard, tokenText } from './token-card.js';

/**
 * @typedef {{ name: string, value: string, help: string, inPath: boolean }} WalkParam
 * @typedef {{ id: string, label: string, style: string, path: string, params: WalkParam[], tokenParam: string, itemsField: string, idField: string, sortKeys: string[], windows: string[] }} WalkEndpoint
 * @typedef {import('./token-card.js').TokenView | import('./token-card.js').RefusedToken} AnyToken
 * @typedef {{
 *   request: string, status: number, ms: number, headers: Record<string, string>, body: any,
 *   itemCount: number, itemIds: string[], nextToken: string | null,
 *   binding: { principal: string, scope: string, query: string } | null,
 *   sent: AnyToken | null, next: AnyToken | null,
 *   cursorCheck: { itemId: string, rowKeys: string[] | null, matches: boolean } | null,
 * }} WalkStep
 */

/** Item fields worth a column, in order of preference (after the id). */
const SUMMARY_FIELDS = [
  'created_at',
  'start_time',
  'join_time',
  'username',
  'email',
  'topic',
  'name',
  'text',
];

export class WalkView {
  #select = byId('walk-endpoint', HTMLSelectElement);
  #params = byId('walk-params', HTMLElement);
  #form = byId('walk-form', HTMLFormElement);
  #next = byId('walk-next', HTMLButtonElement);
  #message = byId('walk-message', HTMLElement);
  #steps = byId('walk-steps', HTMLOListElement);
  /** @type {WalkEndpoint[]} */
  #catalog = [];
  /** @type {string | null} token for the next step */
  #token = null;
  #page = 0;
  /** @type {WalkStep['binding']} binding of the last step, to check pasted tokens against */
  #binding = null;
  #busy = false;
  /** @type {(err: unknown) => void} */
  #onError;

  /** @param {(err: unknown) => void} onError */
  constructor(onError) {
    this.#onError = onError;
    this.#select.addEventListener('change', () => {
      this.#renderParams();
      this.#clear();
    });
    this.#form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#clear();
      void this.#step();
    });
    this.#next.addEventListener('click', () => void this.#step());
    byId('walk-reset', HTMLButtonElement).addEventListener('click', () => this.#clear());
    byId('inspect-form', HTMLFormElement).addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#inspect();
    });
  }

  /** Loads the list catalog once (on first showing the view). */
  async load() {
    if (this.#catalog.length > 0) return;
    try {
      const { endpoints } = await admin('/__admin/console/walk-catalog');
      this.#catalog = endpoints;
      replace(this.#select, ...this.#catalog.map((e) => h('option', { value: e.id }, e.label)));
      this.#renderParams();
    } catch (err) {
      this.#message.textContent = err instanceof Error ? err.message : String(err);
      this.#onError(err);
    }
  }

  #endpoint() {
    return this.#catalog.find((e) => e.id === this.#select.value);
  }

  #renderParams() {
    const endpoint = this.#endpoint();
    if (!endpoint) return;
    replace(
      this.#params,
      ...endpoint.params.map((p) => {
        const id = `walk-param-${p.name.replace(/[^a-z0-9]/gi, '-')}`;
        return h(
          'div',
          { class: 'field' },
          h('label', { for: id }, p.inPath ? `${p.name} (in path)` : p.name),
          h('input', {
            id,
            name: p.name,
            value: p.value,
            'aria-describedby': `${id}-help`,
            spellcheck: 'false',
          }),
          h('p', { id: `${id}-help`, class: 'help' }, p.help),
        );
      }),
    );
  }

  #clear() {
    this.#token = null;
    this.#page = 0;
    this.#binding = null;
    this.#next.disabled = true;
    this.#steps.replaceChildren();
    this.#message.textContent = '';
  }

  /** @returns {Record<string, string>} */
  #paramValues() {
    /** @type {Record<string, string>} */
    const out = {};
    for (const input of this.#params.querySelectorAll('input'))
      out[input.name] = input.value.trim();
    return out;
  }

  async #step() {
    const endpoint = this.#endpoint();
    if (!endpoint || this.#busy) return;
    this.#busy = true;
    this.#next.disabled = true;
    const page = this.#page + 1;
    this.#message.textContent = `Loading page ${page}…`;
    try {
      /** @type {WalkStep} */
      const step = await admin('/__admin/console/walk', {
        method: 'POST',
        body: {
          endpoint: endpoint.id,
          params: this.#paramValues(),
          ...(this.#token ? { token: this.#token } : {}),
        },
      });
      for (const old of this.#steps.querySelectorAll('details.step-body'))
        old.removeAttribute('open');
      this.#steps.append(stepOf(step, page, endpoint));
      if (step.status === 200) {
        this.#page = page;
        this.#token = step.nextToken;
        this.#binding = step.binding;
        this.#message.textContent = `Page ${page}: ${step.itemCount} items${step.nextToken ? '' : ', the last page'}.`;
      } else {
        this.#message.textContent = `Page ${page} answered ${step.status}; Next page retries it with the same token.`;
      }
    } catch (err) {
      this.#message.textContent = err instanceof Error ? err.message : String(err);
      this.#onError(err);
    } finally {
      this.#busy = false;
      this.#next.disabled = this.#token === null;
    }
  }

  async #inspect() {
    const out = byId('inspect-result', HTMLElement);
    const token = byId('inspect-token', HTMLTextAreaElement).value.trim();
    if (token === '') {
      replace(out, h('p', { class: 'error' }, 'Paste a page token first.'));
      return;
    }
    const binding = this.#binding;
    try {
      const view = await admin('/__admin/console/inspect', {
        method: 'POST',
        body: {
          token,
          endpoint: this.#select.value,
          ...(binding ? { scope: binding.scope, query: binding.query } : {}),
        },
      });
      replace(
        out,
        tokenCard(view, {
          scopeLabel: `the principal ${binding?.principal ?? 'owner'}`,
          queryLabel: 'the last walked query',
        }),
      );
    } catch (err) {
      replace(out, h('p', { class: 'error' }, err instanceof Error ? err.message : String(err)));
      this.#onError(err);
    }
  }
}

/**
 * @param {WalkStep} step
 * @param {number} page
 * @param {WalkEndpoint} endpoint
 */
function stepOf(step, page, endpoint) {
  const ok = step.status === 200;
  const items = Array.isArray(step.body?.[endpoint.itemsField])
    ? step.body[endpoint.itemsField]
    : [];
  const labels = {
    scopeLabel: `the principal ${step.binding?.principal ?? 'owner'}`,
    queryLabel: 'this walk’s query',
  };
  return h(
    'li',
    { class: `step ${ok ? '' : 'failed'}`, 'data-page': page, 'data-status': step.status },
    h(
      'details',
      { class: 'step-body', open: true },
      h(
        'summary',
        {},
        h('strong', {}, `Page ${page}`),
        ` · ${step.status} · ${step.itemCount} items · ${step.ms.toFixed(1)} ms`,
        step.nextToken ? '' : ok ? ' · last page' : '',
      ),
      h('p', { class: 'request' }, h('code', {}, step.request)),
      ok ? null : h('pre', { class: 'body' }, JSON.stringify(step.body, null, 2)),
      step.sent
        ? h(
            'section',
            { class: 'sub', 'data-token': 'sent' },
            h('h4', {}, 'The token this request sent'),
            tokenCard(step.sent, labels),
          )
        : null,
      items.length > 0
        ? itemsTable(items, endpoint, step.cursorCheck?.matches ? step.cursorCheck.itemId : null)
        : null,
      step.nextToken
        ? h(
            'section',
            { class: 'sub', 'data-token': 'next' },
            h('h4', {}, endpoint.style === 'zoom' ? 'next_page_token' : 'meta.next_token'),
            tokenText(step.nextToken, `page ${page} next token`),
            step.next ? tokenCard(step.next, labels) : null,
            cursorCheckOf(step),
          )
        : null,
      Object.keys(step.headers).length > 0
        ? h(
            'p',
            { class: 'headers muted' },
            Object.entries(step.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join(' · '),
          )
        : null,
      step.binding
        ? h(
            'details',
            { class: 'binding' },
            h('summary', {}, 'Exact binding (scope and the engine’s query string)'),
            h('p', {}, 'Scope: ', h('code', {}, step.binding.scope)),
            h('p', {}, 'Query: ', h('code', {}, step.binding.query)),
          )
        : null,
    ),
  );
}

/** @param {WalkStep} step */
function cursorCheckOf(step) {
  const c = step.cursorCheck;
  if (!c) return null;
  return h(
    'p',
    {
      class: `check ${c.matches ? 'good' : 'bad'}`,
      'data-cursor-check': c.matches ? 'match' : 'mismatch',
    },
    c.matches
      ? `✓ The cursor holds the sort keys of the page’s last item (${c.itemId}) as stored in the database.`
      : `✗ The cursor does not match the last item (${c.itemId}) in the database: ${JSON.stringify(c.rowKeys)}.`,
  );
}

/**
 * @param {Record<string, unknown>[]} items
 * @param {WalkEndpoint} endpoint
 * @param {string | null} cursorId id of the item the next token's cursor points at, highlighted
 */
function itemsTable(items, endpoint, cursorId) {
  const first = items[0] ?? {};
  const columns = [
    endpoint.idField,
    ...SUMMARY_FIELDS.filter((f) => f !== endpoint.idField && f in first),
  ].slice(0, 4);
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'data compact items' },
      h(
        'caption',
        {},
        `${items.length} items`,
        cursorId === null
          ? ''
          : h('span', { class: 'muted' }, ' (highlighted: the row the next token continues after)'),
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', class: 'num' }, '#'),
          ...columns.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        ...items.map((item, i) =>
          h(
            'tr',
            {
              'data-id': String(item[endpoint.idField]),
              class: String(item[endpoint.idField]) === cursorId ? 'cursor-row' : null,
            },
            h('td', { class: 'num' }, i + 1),
            ...columns.map((c) => h('td', {}, String(item[c] ?? ''))),
          ),
        ),
      ),
    ),
  );
}
