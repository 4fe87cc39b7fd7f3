import { describe, expect, it } from 'vitest';
import { barChart, lineChart } from '../../bench/lib/svg-chart.js';

describe('bench charts', () => {
  it('draws one path per series on a log axis, with a legend entry each', () => {
    const svg = lineChart({
      title: 'Page time <by depth>',
      xLabel: 'depth',
      yLabel: 'ms',
      logY: true,
      series: [
        {
          name: 'keyset',
          points: [
            [0, 0.2],
            [50, 0.21],
            [99, 0.22],
          ],
        },
        {
          name: 'OFFSET',
          points: [
            [0, 0.2],
            [50, 10],
            [99, 20],
          ],
        },
      ],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('>keyset<');
    expect(svg).toContain('>OFFSET<');
    expect(svg).toContain('Page time &lt;by depth&gt;');
    // Log axis from 0.1 to 100: decade ticks, no NaN or Infinity anywhere.
    expect(svg).toContain('>0.1<');
    expect(svg).toContain('>100<');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('draws one bar per value with its figure and wraps long labels', () => {
    const svg = barChart({
      title: 'Crawl time',
      yLabel: 's',
      bars: [
        { label: 'zoom doc loop', value: 12.5 },
        { label: 'pagewise parallel (page numbers) with a long label', value: 1.2 },
      ],
      width: 400,
    });
    expect(svg.match(/<rect x=/g)).toHaveLength(2);
    expect(svg).toContain('>12.5<');
    expect(svg).toContain('>1.2<');
    expect(svg).not.toContain('>pagewise parallel (page numbers) with a long label<');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('draws a dashed reference line at its value, labelled, and scales the axis to reach it', () => {
    const svg = barChart({
      title: 'library ÷ hand-written',
      yLabel: 'ratio',
      bars: [{ label: 'sqlite first', value: 0.5 }],
      reference: { value: 1, label: 'goal 1.0' },
      height: 300,
    });
    const line = /<line [^>]*y1="([\d.]+)"[^>]*stroke-dasharray/.exec(svg);
    expect(line).not.toBeNull();
    const bar = /<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/.exec(svg);
    // The bar of 0.5 is half as tall as the line at 1.0 is high above the axis.
    const axis = Number(bar?.[1]) + Number(bar?.[2]);
    expect(axis - Number(line?.[1])).toBeCloseTo(2 * Number(bar?.[2]), 0);
    expect(svg).toContain('>goal 1.0<');
  });
});
