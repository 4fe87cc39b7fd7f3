// @ts-check
/** Renders an opened page token: its cursor, lifetime and binding. */
import { copyButton, duration, h } from './dom.js';

/**
 * @typedef {{ name: string, type: string, value: string | number | boolean | null, time?: string }} CursorValue
 * @typedef {{
 *   keyId: string, issuedAt: string, expiresAt: string, ttlSeconds: number, expiresInSeconds: number,
 *   expired: boolean, scope: 'match' | 'mismatch' | 'unchecked', query: 'match' | 'mismatch' | 'unchecked',
 *   refusal: string | null, boundPrincipal: string | null, direction: 'after' | 'before',
 *   keys: CursorValue[], window: CursorValue[],
 * }} TokenView
 * @typedef {{ refused: { code: string, message: string } }} RefusedToken
 */

const CHECK = {
  match: '✓ yes',
  mismatch: '✗ no',
  unchecked: 'not checked',
};

/**
 * @param {TokenView | RefusedToken} view
 * @param {{ scopeLabel: string, queryLabel: string }} labels what the scope and query were checked against
 */
export function tokenCard(view, labels) {
  if ('refused' in view) {
    return h(
      'div',
      { class: 'token-card refused', 'data-refused': view.refused.code },
      h('p', {}, h('strong', {}, `Refused: ${view.refused.code}. `), view.refused.message),
    );
  }
  const windowSet = view.window.filter((w) => w.value !== null);
  return h(
    'div',
    { class: 'token-card', 'data-direction': view.direction },
    h(
      'table',
      { class: 'data compact cursor' },
      h('caption', {}, `Cursor: rows ${view.direction} these sort keys`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Key'),
          h('th', { scope: 'col' }, 'Type'),
          h('th', { scope: 'col' }, 'Value'),
        ),
      ),
      h(
        'tbody',
        {},
        ...view.keys.map((k, i) =>
          h(
            'tr',
            { 'data-key': i, 'data-value': String(k.value) },
            h('th', { scope: 'row' }, k.name),
            h('td', {}, k.type),
            h(
              'td',
              {},
              h('code', {}, String(k.value)),
              k.time ? h('span', { class: 'muted' }, ` ${k.time}`) : null,
            ),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'window' },
      'Window bounds fixed for the walk: ',
      windowSet.length === 0
        ? h(
            'span',
            { class: 'muted' },
            `none (${view.window.map((w) => w.name).join(', ') || 'this list has none'})`,
          )
        : windowSet
            .map((w) => `${w.name} = ${String(w.value)}${w.time ? ` (${w.time})` : ''}`)
            .join(', '),
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Sealed with key'),
      h('dd', {}, h('code', {}, view.keyId)),
      h('dt', {}, 'Issued'),
      h('dd', {}, view.issuedAt),
      h('dt', {}, 'Expires'),
      h(
        'dd',
        { class: view.expired ? 'bad' : '' },
        `${view.expiresAt} (${view.expired ? 'expired' : `in ${duration(view.expiresInSeconds * 1000)}`}; lifetime ${duration(view.ttlSeconds * 1000)})`,
      ),
      h('dt', {}, `Bound to ${labels.scopeLabel}`),
      h(
        'dd',
        {
          class: view.scope === 'mismatch' ? 'bad' : view.scope === 'match' ? 'good' : '',
          'data-check': 'scope',
          'data-result': view.scope,
        },
        CHECK[view.scope],
      ),
      h('dt', {}, `Bound to ${labels.queryLabel}`),
      h(
        'dd',
        {
          class: view.query === 'mismatch' ? 'bad' : view.query === 'match' ? 'good' : '',
          'data-check': 'query',
          'data-result': view.query,
        },
        CHECK[view.query],
      ),
      h('dt', {}, 'The API would'),
      h(
        'dd',
        { class: view.refusal ? 'bad' : 'good' },
        view.refusal ? `refuse it: ${view.refusal}` : 'accept it',
      ),
    ),
  );
}

/**
 * A token in full, with a copy button.
 * @param {string} token
 * @param {string} label
 */
export function tokenText(token, label) {
  return h('div', { class: 'token-text' }, h('code', {}, token), copyButton(token, label));
}
