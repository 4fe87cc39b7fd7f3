import type { CursorValue } from '../token/types.js';
import type { ResolvedWindowDefinition } from './normalize-list-options.js';
import { PageRequestError } from './page-request-error.js';
import type { WindowBound } from './sort-key.js';
import { toCursorValue } from './to-cursor-value.js';

/** A request's window, resolved: the bounds to apply and the values a cursor carries. */
export interface ResolvedWindow {
  /** Active bounds, in definition order. */
  readonly bounds: readonly WindowBound[];
  /** One value per defined window, in definition order, `null` when unset. */
  readonly values: readonly CursorValue[];
  /** Canonical text of `values`, for token bindings and cache keys. */
  readonly fingerprint: string;
}

/** Canonical, type-tagged text of a cursor value (`b:12`, `t:2024-…`, `-` for null). */
export function fingerprintValue(value: CursorValue): string {
  if (value === null) return '-';
  switch (typeof value) {
    case 'bigint':
      return `b:${value}`;
    case 'number':
      return `n:${value}`;
    case 'string':
      return `s:${JSON.stringify(value)}`;
    case 'boolean':
      return `B:${value}`;
    default:
      return `t:${JSON.stringify(value.text)}`;
  }
}

/**
 * Checks a request's window values against the list's window definitions
 * and types them.
 *
 * @throws {PageRequestError} `invalid_window` for an unknown name or a value
 * of the wrong type.
 */
export function resolveWindow(
  definitions: readonly ResolvedWindowDefinition[],
  input: Readonly<Record<string, unknown>> | undefined,
): ResolvedWindow {
  if (input) {
    for (const name of Object.keys(input)) {
      if (input[name] !== undefined && !definitions.some((d) => d.name === name)) {
        throw new PageRequestError(
          'invalid_window',
          `unknown window "${name}"; this list accepts: ${definitions.map((d) => d.name).join(', ') || 'none'}`,
          { parameter: `window.${name}`, value: input[name] },
        );
      }
    }
  }
  const bounds: WindowBound[] = [];
  const values = definitions.map((d): CursorValue => {
    const raw = input?.[d.name];
    if (raw === undefined || raw === null) return null;
    const value = toCursorValue(raw, d.kind);
    if (value === undefined || value === null) {
      throw new PageRequestError(
        'invalid_window',
        `window "${d.name}" must be a ${d.kind} value, got ${JSON.stringify(String(raw))}`,
        { parameter: `window.${d.name}`, value: raw },
      );
    }
    bounds.push(
      Object.freeze({
        name: d.name,
        column: d.column,
        field: d.field,
        op: d.op,
        kind: d.kind,
        value,
      }),
    );
    return value;
  });
  return Object.freeze({
    bounds: Object.freeze(bounds),
    values: Object.freeze(values),
    fingerprint: values.map(fingerprintValue).join(','),
  });
}
