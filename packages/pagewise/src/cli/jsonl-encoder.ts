import type { PageEncoder } from './output-writer.js';

/** JSON Lines: one item per line, exactly as the API returned it. */
export function jsonlEncoder(): PageEncoder {
  return {
    encode(items) {
      let text = '';
      for (const item of items) text += `${JSON.stringify(item)}\n`;
      return text;
    },
    state() {
      return null;
    },
  };
}
