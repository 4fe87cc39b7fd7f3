/**
 * A standalone emulator process for the two-replica test: options from
 * PAGEWISE_TEST_* variables, `READY <url>` on stdout when listening, graceful
 * exit on SIGTERM.
 */
import { startEmulator } from '../src/index.js';

const env = process.env;
const emu = await startEmulator({
  database: env['PAGEWISE_TEST_DB'] ?? ':memory:',
  port: 0,
  host: '127.0.0.1',
  logger: false,
  print: () => {},
  sizes: JSON.parse(env['PAGEWISE_TEST_SIZES'] ?? '{}'),
  rateLimit: 'off',
  handleSignals: true,
});
process.stdout.write(`READY ${emu.url}\n`);
