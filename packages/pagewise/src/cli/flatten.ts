/**
 * Flattens one item into CSV cells: nested objects become dotted column
 * names (`a.b.c`), arrays and other non-scalar leaves become their JSON text,
 * `null` and `undefined` become an empty cell.
 *
 * Arrays are kept whole (not `tags.0`, `tags.1`) because their length varies
 * from item to item and would make the column set unbounded.
 */
export function flatten(item: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    out.set('value', cell(item));
    return out;
  }
  walk(item as Record<string, unknown>, '', out);
  return out;
}

function walk(object: Record<string, unknown>, prefix: string, out: Map<string, string>): void {
  for (const [key, value] of Object.entries(object)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length > 0
    ) {
      walk(value as Record<string, unknown>, name, out);
    } else {
      out.set(name, cell(value));
    }
  }
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

/** Quotes one CSV field per RFC 4180 (quotes doubled; quoted when it holds `,`, `"`, CR or LF). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
