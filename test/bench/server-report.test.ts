import { describe, expect, it } from 'vitest';
import { serverCharts, serverHeadline } from '../../bench/lib/server-report.js';

const json = {
  goals: { library: 1, emulator: 0.8 },
  libraryVsHandWritten: {
    min: 0.84,
    byDb: { sqlite: { 'x-timeline': { first: 0.93, deep: 0.84 } } },
  },
  emulatorVsHandWritten: {
    min: 0.47,
    byDb: {
      sqlite: {
        'x-timeline': { first: 0.52, deep: 0.47 },
        'zoom-users': { first: 0.9, deep: 0.81 },
      },
      postgres: { 'x-search': { first: 0.6 } },
    },
  },
};

describe('bench:report server figures', () => {
  it('heads RESULTS.md with library ÷ hand-written and emulator ÷ hand-written against their goals', () => {
    const lines = serverHeadline(json);
    expect(lines[0]).toMatch(/library ÷ hand-written: 0\.84\*\*.*goal ≥ 1: not met/);
    expect(lines[1]).toMatch(/emulator ÷ hand-written: 0\.47\*\*.*goal ≥ 0\.8: not met/);
    expect(serverHeadline({})[0]).toMatch(/not measured/);
    // Without the sealed-token rows there is nothing more to say.
    expect(lines).toHaveLength(2);
  });

  it('adds the sealed-token bound beside the library ratio when it was measured', () => {
    const lines = serverHeadline({
      ...json,
      sealedVsHandWritten: { min: 0.81, byDb: { sqlite: { 'x-timeline': { deep: 0.81 } } } },
      libraryVsSealed: { min: 0.97, byDb: { sqlite: { 'x-timeline': { deep: 0.97 } } } },
    });
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/sealed tokens ÷ hand-written: 0\.81 .*bound of the first line/);
    expect(lines[3]).toMatch(/library ÷ hand-written with sealed tokens: 0\.97 /);
  });

  it('draws one bar per database, list and page, with the goal as a dashed line', () => {
    const { library, emulator } = serverCharts(json);
    expect(library.match(/<rect x=/g)).toHaveLength(2);
    expect(library).toContain('>goal ≥ 1<');
    expect(emulator.match(/<rect x=/g)).toHaveLength(5);
    expect(emulator).toContain('stroke-dasharray');
    expect(emulator).toContain('>0.47<');
    expect(`${library}${emulator}`).not.toMatch(/NaN|Infinity/);
  });
});
