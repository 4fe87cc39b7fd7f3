import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/client/index.js';

describe('systemClock.sleep', () => {
  it('resolves after the delay, and keeps one listener on a signal however many sleeps share it', async () => {
    const controller = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const sleeps = Array.from({ length: 25 }, (_, i) =>
        systemClock.sleep(1 + (i % 5), controller.signal),
      );
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
      await Promise.all(sleeps);
      // The last sleep to end takes the listener off.
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      await new Promise((r) => setImmediate(r));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('rejects every waiting sleep with the reason when the signal aborts, and at once when already aborted', async () => {
    const controller = new AbortController();
    const sleeps = Array.from({ length: 12 }, () => systemClock.sleep(60_000, controller.signal));
    const reason = new Error('stop');
    controller.abort(reason);
    const results = await Promise.allSettled(sleeps);
    expect(results.every((r) => r.status === 'rejected' && r.reason === reason)).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await expect(systemClock.sleep(10, controller.signal)).rejects.toBe(reason);
  });

  it('sleeps that end before the abort are not affected by it', async () => {
    const controller = new AbortController();
    await systemClock.sleep(1, controller.signal);
    const long = systemClock.sleep(60_000, controller.signal);
    controller.abort('later');
    await expect(long).rejects.toBe('later');
  });
});
