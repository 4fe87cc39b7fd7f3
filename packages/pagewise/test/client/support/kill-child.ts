/**
 * Child process of the kill-and-resume test: walks a Zoom-style list into a
 * JSONL file with a file checkpoint, resuming after each SIGKILL. Exactly-once
 * recipe: the checkpoint note holds the output length covered by the
 * checkpoint; on start the output is cut back to it, so a page written but not
 * yet checkpointed is written again, not twice.
 */
import { open } from 'node:fs/promises';
import { paginate, readCheckpoint } from '../../../src/client/index.js';
import { FileCheckpointStore } from '../../../src/client/node/index.js';

const [url, dir, out] = process.argv.slice(2);
if (url === undefined || dir === undefined || out === undefined)
  throw new Error('usage: url dir out');
const store = new FileCheckpointStore(dir);
const saved = await readCheckpoint(store, 'walk');
let bytes = (saved?.note as { bytes?: number } | undefined)?.bytes ?? 0;
await (await open(out, 'a')).close();
const file = await open(out, 'r+');
await file.truncate(bytes);
await file.sync();
process.stdout.write('ready\n');
for await (const page of paginate<{ id: string }>(url, {
  preset: 'zoom',
  checkpoint: { store, key: 'walk', note: () => ({ bytes }) },
  resume: true,
  retry: { attempts: 10, baseDelayMs: 5, maxDelayMs: 20 },
}).pages()) {
  const text = page.items.map((item) => `${JSON.stringify(item)}\n`).join('');
  await file.write(text, bytes);
  bytes += Buffer.byteLength(text);
  // Durable before asking for the next page: that is what acknowledges this one.
  await file.sync();
}
await file.close();
process.stdout.write('done\n');
