import { describe, expect, it } from 'vitest';
import { emulatorCommand, emulatorOptionsFromFlags } from '../src/cli/emulator-command.js';
import { EmulatorUsageError } from '../src/cli/emulator-usage-error.js';

describe('pagewise-emulator command line', () => {
  it('gives every option a description', () => {
    const command = emulatorCommand('pagewise-emulator');
    for (const option of command.options) {
      expect(option.description.length, option.flags).toBeGreaterThan(10);
    }
    // The 13 flags of startEmulator's options (port … token TTL, log).
    expect(command.options.length).toBeGreaterThanOrEqual(13);
  });

  it('maps flags onto startEmulator options, leaving out what was not given', () => {
    expect(emulatorOptionsFromFlags({})).toEqual({});
    expect(
      emulatorOptionsFromFlags({
        port: '0',
        db: ':memory:',
        sizes: 'xTweets=500',
        faults: 'errorRate=0.1,pathPrefix=/2/',
        log: false,
      }),
    ).toEqual({
      port: 0,
      database: ':memory:',
      sizes: { xTweets: 500 },
      faults: { errorRate: 0.1, pathPrefix: '/2/' },
      logger: false,
    });
  });

  it('rejects a bad value with a usage error that names the flag', () => {
    expect(() => emulatorOptionsFromFlags({ port: 'eighty' })).toThrow(EmulatorUsageError);
    expect(() => emulatorOptionsFromFlags({ port: 'eighty' })).toThrow(/--port/);
    expect(() => emulatorOptionsFromFlags({ sizes: 'xTweets=many' })).toThrow(
      /--sizes: xTweets must be a number/,
    );
  });
});
