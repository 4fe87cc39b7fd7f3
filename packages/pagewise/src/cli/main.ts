#!/usr/bin/env node
/**
 * The `pagewise` executable (`bin.pagewise`, `npm start`).
 *
 * @module
 */
import { runCli } from './run-cli.js';

const code = await runCli(process.argv);
// exitCode, not exit(): let stdout drain when it is a pipe.
process.exitCode = code;
