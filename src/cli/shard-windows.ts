import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';

/** One time window of a sharded fetch: its label and the query values of its two bounds. */
export interface ShardWindow {
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * Parses `--shard FROM..TO/N` and splits the window into N adjacent windows.
 *
 * Two kinds of bounds, because the APIs disagree on what `to` means:
 * - dates (`2024-01-01..2024-03-31/4`, Zoom `from`/`to`): both ends are
 *   inclusive days, so windows are whole, non-overlapping day ranges;
 * - date-times (`2024-01-01T00:00:00Z..2024-02-01T00:00:00Z/4`, X
 *   `start_time`/`end_time`): start inclusive, end exclusive, so each window
 *   ends where the next begins. Bounds are written to the second, as X wants.
 *
 * @throws CliError (usage) for a malformed spec
 */
export function splitShards(spec: string): ShardWindow[] {
  const match = /^(.+)\.\.(.+)\/(\d+)$/.exec(spec);
  if (match === null) throw usage(`--shard must look like FROM..TO/N (got "${spec}")`);
  const [, fromText = '', toText = '', countText = ''] = match;
  const count = Number(countText);
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw usage(`--shard count must be between 1 and 1000 (got ${countText})`);
  }
  if (DATE.test(fromText) && DATE.test(toText)) return splitDays(fromText, toText, count);
  const from = Date.parse(fromText);
  const to = Date.parse(toText);
  if (Number.isNaN(from) || Number.isNaN(to)) {
    throw usage(
      `--shard bounds must be dates (YYYY-MM-DD) or ISO date-times (got "${fromText}", "${toText}")`,
    );
  }
  if (to <= from) throw usage('--shard: TO must be after FROM');
  const windows: ShardWindow[] = [];
  const step = Math.ceil((to - from) / count / 1000) * 1000;
  for (let start = from; start < to && windows.length < count; start += step) {
    const end = Math.min(to, start + step);
    const w = { from: iso(start), to: iso(end) };
    windows.push({ ...w, label: `${w.from}..${w.to}` });
  }
  return windows;
}

function splitDays(fromText: string, toText: string, count: number): ShardWindow[] {
  const from = Date.parse(`${fromText}T00:00:00Z`);
  const to = Date.parse(`${toText}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to))
    throw usage(`--shard: invalid date in "${fromText}..${toText}"`);
  if (to < from) throw usage('--shard: TO must not be before FROM');
  const days = (to - from) / DAY_MS + 1;
  const per = Math.ceil(days / Math.min(count, days));
  const windows: ShardWindow[] = [];
  for (let first = 0; first < days; first += per) {
    const last = Math.min(days - 1, first + per - 1);
    const w = { from: day(from + first * DAY_MS), to: day(from + last * DAY_MS) };
    windows.push({ ...w, label: `${w.from}..${w.to}` });
  }
  return windows;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function usage(message: string): CliError {
  return new CliError('cli_usage', message, ExitCode.usage);
}
