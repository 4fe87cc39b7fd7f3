#!/usr/bin/env node
/**
 * The `pagewise-emulator` executable (`bin`, `npm start` at the repository root).
 *
 * @module
 */
import { runEmulatorCli } from './run-emulator-cli.js';

const code = await runEmulatorCli(process.argv);
// exitCode, not exit(): the server keeps the process alive until SIGINT/SIGTERM.
process.exitCode = code;
