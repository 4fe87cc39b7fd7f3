/**
 * Child of the concurrent-start test: waits until the `go` file exists (so
 * that every child reaches the secrets file at the same moment), then loads
 * or creates the secrets and prints a digest of them (never the secrets).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadOrCreateSecrets } from '../../src/emulator-secrets.js';

const [path, go] = process.argv.slice(2);
if (path === undefined || go === undefined) throw new Error('usage: secrets-path go-file');
process.stdout.write('ready\n');
for (let i = 0; i < 2000 && !existsSync(go); i++) await new Promise((r) => setTimeout(r, 5));
const secrets = loadOrCreateSecrets(path, () => {});
const digest = createHash('sha256')
  .update(`${secrets.tokenKeys}\n${secrets.apiToken}\n${secrets.adminToken}`)
  .digest('hex');
process.stdout.write(`digest ${digest}\n`);
