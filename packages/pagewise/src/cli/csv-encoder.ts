import { csvField, flatten } from './flatten.js';
import type { PageEncoder } from './output-writer.js';

/** Name of the last CSV column, holding keys first seen after the header was written. */
export const EXTRA_COLUMN = '_extra';

/**
 * CSV with flattened columns (`a.b.c`) and a header row, streamed page by
 * page in constant memory.
 *
 * Columns are only known after seeing items, and a stream cannot go back to
 * rewrite its header. So the columns are those of the first non-empty page
 * (in order of first appearance), plus a last column `_extra`: a JSON object
 * with any flattened key an item has that the header lacks (empty otherwise).
 * Nothing is dropped and each row stays one line of the same width. The
 * column list is saved in the checkpoint so a resumed run keeps using it.
 *
 * @param columns - columns from a checkpoint, when resuming after the header was written
 */
export function csvEncoder(columns?: readonly string[] | null): PageEncoder {
  let header: readonly string[] | null = columns ?? null;
  return {
    encode(items) {
      if (items.length === 0) return '';
      const rows = items.map(flatten);
      let text = '';
      if (header === null) {
        const seen = new Set<string>();
        for (const row of rows) for (const key of row.keys()) seen.add(key);
        seen.delete(EXTRA_COLUMN);
        header = [...seen];
        text += `${[...header, EXTRA_COLUMN].map(csvField).join(',')}\n`;
      }
      const known = new Set(header);
      for (const row of rows) {
        const cells = header.map((column) => csvField(row.get(column) ?? ''));
        const extra: Record<string, string> = {};
        let hasExtra = false;
        for (const [key, value] of row) {
          if (!known.has(key)) {
            extra[key] = value;
            hasExtra = true;
          }
        }
        cells.push(hasExtra ? csvField(JSON.stringify(extra)) : '');
        text += `${cells.join(',')}\n`;
      }
      return text;
    },
    state() {
      return header;
    },
  };
}
