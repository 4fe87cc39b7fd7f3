import { type QueryInput, StyleProblemError } from 'pagewise/styles';

/** A query as routes read it: `URLSearchParams`, or Fastify's parsed object. */
export type RawQuery = QueryInput;

/** Throws the style-neutral "bad parameter" problem. */
export function badParam(
  param: string,
  value: string | readonly string[] | undefined,
  message?: string,
  fault: 'invalid' | 'missing' = 'invalid',
): never {
  const values = value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
  throw new StyleProblemError({
    kind: 'invalid_parameter',
    param,
    values,
    fault,
    ...(message === undefined ? {} : { message }),
  });
}
