import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorOpenApiText } from '../scripts/build-openapi.js';

describe('openapi.json', () => {
  it('is the document the emulator generates from its route schemas (else run `npm run openapi`)', async () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'openapi.json'), 'utf8');
    expect(committed).toBe(await emulatorOpenApiText());
  });

  it('documents every paginated Zoom and X endpoint with its paging parameters', async () => {
    const doc = JSON.parse(await emulatorOpenApiText()) as {
      openapi: string;
      paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const params = (path: string) => (doc.paths[path]?.get?.parameters ?? []).map((p) => p.name);
    expect(params('/v2/users')).toEqual(
      expect.arrayContaining(['page_size', 'next_page_token', 'page_number']),
    );
    expect(params('/2/users/{id}/tweets')).toEqual(
      expect.arrayContaining([
        'max_results',
        'pagination_token',
        'since_id',
        'until_id',
        'start_time',
        'end_time',
      ]),
    );
    expect(params('/2/tweets/search/recent')).toEqual(
      expect.arrayContaining(['query', 'next_token']),
    );
    expect(params('/v2/metrics/webinars')).toEqual(
      expect.arrayContaining(['page_size', 'next_page_token', 'type', 'from', 'to', 'group_id']),
    );
    for (const path of [
      '/v2/metrics/meetings/{meetingId}/participants',
      '/v2/metrics/webinars/{webinarId}/participants',
    ]) {
      expect(params(path)).toEqual(
        expect.arrayContaining(['page_size', 'next_page_token', 'type', 'include_fields']),
      );
      expect(params(path)).not.toContain('page_number');
    }
  });
});
