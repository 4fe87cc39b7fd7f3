import type { StyleProblem } from '../../styles/index.js';

interface ValidationIssue {
  readonly instancePath?: string;
  readonly keyword?: string;
  readonly params?: Record<string, unknown>;
  readonly message?: string;
}

/**
 * Maps a Fastify schema-validation error (ajv issues) on the query string
 * or path to the style-neutral `invalid_parameter` problem, so it is written
 * in the style's own 400 body. `undefined` for any other error.
 */
export function problemFromValidation(error: unknown, query: unknown): StyleProblem | undefined {
  const validation = (error as { validation?: readonly ValidationIssue[] }).validation;
  if (!Array.isArray(validation) || validation.length === 0) return undefined;
  const issue = validation[0] as ValidationIssue;
  const missing =
    issue.keyword === 'required' ? String(issue.params?.['missingProperty'] ?? '') : undefined;
  const param = missing ?? (issue.instancePath ?? '').replace(/^\//, '').split('/')[0] ?? '';
  const raw =
    param && typeof query === 'object' && query !== null
      ? (query as Record<string, unknown>)[param]
      : undefined;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
  if (missing !== undefined) {
    return { kind: 'invalid_parameter', param, values: [], fault: 'missing' };
  }
  const allowed = issue.params?.['allowedValues'];
  return {
    kind: 'invalid_parameter',
    param,
    values,
    fault: values.length > 1 ? 'repeated' : 'invalid',
    ...(Array.isArray(allowed) ? { allowed: allowed.map(String) } : {}),
  };
}
