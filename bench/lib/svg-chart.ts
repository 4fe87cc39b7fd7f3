/**
 * Minimal SVG charts for bench/RESULTS.md: rendered by script from measured
 * figures, never drawn by hand. Two shapes cover every chart we publish:
 * lines over a numeric x axis (optionally log-scaled y) and grouped bars.
 */

export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [x: number, y: number]>;
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly logY?: boolean;
  readonly width?: number;
  readonly height?: number;
}

export interface BarChartOptions {
  readonly title: string;
  readonly yLabel: string;
  readonly bars: ReadonlyArray<{ readonly label: string; readonly value: number }>;
  readonly width?: number;
  readonly height?: number;
  /** A dashed horizontal line across the bars (a goal), labelled at its right end. */
  readonly reference?: { readonly value: number; readonly label: string };
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf'];
const MARGIN = { top: 40, right: 170, bottom: 50, left: 70 };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  if (a >= 1) return `${+v.toPrecision(3)}`;
  return `${+v.toPrecision(2)}`;
}

function frame(title: string, width: number, height: number, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}

/** Renders lines over a numeric x axis; `logY` uses a base-10 y axis. */
export function lineChart(o: LineChartOptions): string {
  // The legend sits right of the plot: make room for its longest name (~7 px a character).
  const right = Math.max(MARGIN.right, 40 + 7 * Math.max(0, ...o.series.map((s) => s.name.length)));
  const width = (o.width ?? 720) + right - MARGIN.right;
  const height = o.height ?? 380;
  const pw = width - MARGIN.left - right;
  const ph = height - MARGIN.top - MARGIN.bottom;
  const all = o.series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]).filter((y) => (o.logY ? y > 0 : Number.isFinite(y)));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  let yMin = o.logY ? 10 ** Math.floor(Math.log10(Math.min(...ys))) : 0;
  let yMax = o.logY ? 10 ** Math.ceil(Math.log10(Math.max(...ys))) : Math.max(...ys) * 1.1;
  if (!(yMax > yMin)) {
    yMin = o.logY ? yMin / 10 : 0;
    yMax = o.logY ? yMin * 100 : 1;
  }
  const sx = (x: number) =>
    MARGIN.left + (xMax === xMin ? pw / 2 : ((x - xMin) / (xMax - xMin)) * pw);
  const sy = (y: number) => {
    const t = o.logY
      ? (Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))
      : (y - yMin) / (yMax - yMin);
    return MARGIN.top + ph - t * ph;
  };
  const parts: string[] = [];
  const yTicks: number[] = [];
  if (o.logY) for (let v = yMin; v <= yMax * 1.0001; v *= 10) yTicks.push(v);
  else for (let i = 0; i <= 5; i++) yTicks.push(yMin + ((yMax - yMin) * i) / 5);
  for (const v of yTicks) {
    const y = sy(v);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + pw}" y1="${y}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end">${fmt(v)}</text>`,
    );
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    parts.push(
      `<text x="${sx(x)}" y="${MARGIN.top + ph + 18}" text-anchor="middle">${fmt(x)}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + ph}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + pw}" y1="${MARGIN.top + ph}" y2="${MARGIN.top + ph}" stroke="#333"/>`,
    `<text x="${MARGIN.left + pw / 2}" y="${height - 10}" text-anchor="middle">${esc(o.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}${o.logY ? ' (log)' : ''}</text>`,
  );
  o.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const pts = s.points.filter((p) => !o.logY || p[1] > 0);
    const d = pts.map(
      (p, j) => `${j === 0 ? 'M' : 'L'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`,
    );
    parts.push(`<path d="${d.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const p of pts) {
      parts.push(
        `<circle cx="${sx(p[0]).toFixed(1)}" cy="${sy(p[1]).toFixed(1)}" r="3" fill="${color}"/>`,
      );
    }
    const ly = MARGIN.top + 10 + i * 18;
    parts.push(
      `<rect x="${width - right + 12}" y="${ly - 9}" width="12" height="12" fill="${color}"/>`,
      `<text x="${width - right + 30}" y="${ly + 1}">${esc(s.name)}</text>`,
    );
  });
  return frame(o.title, width, height, parts.join('\n'));
}

/** Renders one bar per label, value printed above each bar. */
export function barChart(o: BarChartOptions): string {
  const width = o.width ?? 720;
  const height = o.height ?? 380;
  const pw = width - MARGIN.left - 30;
  const ph = height - MARGIN.top - MARGIN.bottom - 20;
  const max = Math.max(...o.bars.map((b) => b.value), o.reference?.value ?? 0, 0) * 1.15 || 1;
  const slot = pw / Math.max(o.bars.length, 1);
  const parts: string[] = [
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + ph}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + pw}" y1="${MARGIN.top + ph}" y2="${MARGIN.top + ph}" stroke="#333"/>`,
    `<text transform="translate(16 ${MARGIN.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`,
  ];
  if (o.reference !== undefined) {
    const y = (MARGIN.top + ph - (o.reference.value / max) * ph).toFixed(1);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + pw}" y1="${y}" y2="${y}" stroke="#d62728" stroke-dasharray="6 4"/>`,
      `<text x="${MARGIN.left + pw}" y="${Number(y) - 5}" text-anchor="end" fill="#d62728">${esc(o.reference.label)}</text>`,
    );
  }
  o.bars.forEach((b, i) => {
    const h = (b.value / max) * ph;
    const x = MARGIN.left + i * slot + slot * 0.15;
    const y = MARGIN.top + ph - h;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[i % PALETTE.length]}"/>`,
      `<text x="${(x + slot * 0.35).toFixed(1)}" y="${(y - 5).toFixed(1)}" text-anchor="middle">${fmt(b.value)}</text>`,
      ...wrap(b.label, Math.max(6, Math.floor(slot / 7))).map(
        (line, j) =>
          `<text x="${(x + slot * 0.35).toFixed(1)}" y="${MARGIN.top + ph + 16 + j * 14}" text-anchor="middle">${esc(line)}</text>`,
      ),
    );
  });
  return frame(o.title, width, height, parts.join('\n'));
}

/** Splits a label into lines of at most `width` characters, at spaces. */
function wrap(label: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
