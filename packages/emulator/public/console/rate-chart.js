// @ts-check
/** Requests per second per endpoint as a small SVG line chart, drawn by hand. */
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 720;
const H = 180;
const PAD = { left: 40, right: 10, top: 10, bottom: 22 };
/** Distinct, readable on white (and told apart by the legend, not by colour alone). */
const COLORS = [
  '#1f6feb',
  '#d4380d',
  '#2f9e44',
  '#9c36b5',
  '#e67700',
  '#0b7285',
  '#c2255c',
  '#5c7cfa',
];
const MAX_LINES = COLORS.length;

/**
 * @typedef {{ endSecond: number, seconds: number, series: Record<string, number[]> }} Rates
 */

/**
 * @param {string} name
 * @param {Record<string, string | number>} attrs
 */
function svg(name, attrs) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The largest of 1, 2, 5 × 10^k at or above `n`, for a clean axis. */
function niceMax(/** @type {number} */ n) {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/**
 * Draws `rates` into `box` (the last point is the current second so far) and the legend into `legend`.
 * @param {HTMLElement} box
 * @param {HTMLElement} legend
 * @param {Rates} rates
 */
export function drawRates(box, legend, rates) {
  const n = rates.seconds;
  const routes = Object.entries(rates.series)
    .map(([route, counts]) => ({ route, counts: counts.slice(0, n) }))
    .map((s) => ({ ...s, total: s.counts.reduce((a, b) => a + b, 0) }))
    .filter((s) => s.total > 0)
    .sort((a, b) => b.total - a.total || a.route.localeCompare(b.route));
  const shown = routes.slice(0, MAX_LINES);
  if (routes.length > MAX_LINES) {
    const rest = routes.slice(MAX_LINES);
    const counts = new Array(n)
      .fill(0)
      .map((_, i) => rest.reduce((a, s) => a + (s.counts[i] ?? 0), 0));
    shown[MAX_LINES - 1] = { route: `${rest.length + 1} other endpoints`, counts, total: 0 };
  }
  const max = niceMax(Math.max(1, ...shown.flatMap((s) => s.counts)));
  const x = (/** @type {number} */ i) =>
    PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, n - 1);
  const y = (/** @type {number} */ v) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);

  const summary =
    shown.length === 0
      ? 'No API requests in the last minute.'
      : shown.map((s) => `${s.route}: ${s.counts.at(-1) ?? 0} per second now`).join('; ');
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    class: 'chart',
    preserveAspectRatio: 'none',
  });
  const title = svg('title', {});
  title.textContent = `Requests per second, last ${n} seconds. ${summary}`;
  root.append(title);
  for (const v of [0, max / 2, max]) {
    root.append(
      svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: 'grid' }),
    );
    const label = svg('text', {
      x: PAD.left - 6,
      y: y(v) + 4,
      class: 'axis',
      'text-anchor': 'end',
    });
    label.textContent = String(Math.round(v * 10) / 10);
    root.append(label);
  }
  for (const [i, text] of [
    [0, `-${n - 1} s`],
    [n - 1, 'now'],
  ]) {
    const label = svg('text', {
      x: x(Number(i)),
      y: H - 6,
      class: 'axis',
      'text-anchor': i === 0 ? 'start' : 'end',
    });
    label.textContent = String(text);
    root.append(label);
  }
  shown.forEach((s, k) => {
    const points = s.counts.map((c, i) => `${x(i).toFixed(1)},${y(c).toFixed(1)}`).join(' ');
    root.append(
      svg('polyline', {
        points,
        fill: 'none',
        stroke: COLORS[k] ?? '#555',
        'stroke-width': 2,
        'vector-effect': 'non-scaling-stroke',
      }),
    );
  });
  box.replaceChildren(root);
  legend.replaceChildren(
    ...shown.map((s, k) =>
      h(
        'li',
        {},
        h('span', { class: `swatch swatch-${k}`, 'aria-hidden': 'true' }),
        h('code', {}, s.route),
        h(
          'span',
          { class: 'muted' },
          ` ${s.counts.at(-1) ?? 0}/s, ${s.counts.reduce((a, b) => a + b, 0)} in ${n} s`,
        ),
      ),
    ),
  );
  if (shown.length === 0)
    legend.replaceChildren(h('li', { class: 'muted' }, 'No API requests in the last minute.'));
}
