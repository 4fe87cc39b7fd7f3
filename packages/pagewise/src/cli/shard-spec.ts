import { timeShards } from '../client/index.js';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses `--shard FROM..TO/N` into query-parameter sets for the client's
 * sharded walk (`timeShards`). The form of the bounds picks the window rule,
 * because the APIs disagree on what the end means:
 * - dates (`2024-01-01..2024-03-31/4`, Zoom `from`/`to`): both ends are
 *   inclusive days, split on whole days;
 * - date-times (`2024-01-01T00:00:00Z..2024-02-01T00:00:00Z/4`, X
 *   `start_time`/`end_time`): start inclusive, end exclusive, to the second.
 *
 * @param params - names of the start and end parameters (default: `from,to` for dates, `start_time,end_time` otherwise)
 * @throws CliError (usage) for a malformed spec
 */
export function parseShardSpec(
  spec: string,
  params: readonly [string, string] | undefined,
): Readonly<Record<string, string>>[] {
  const match = /^(.+)\.\.(.+)\/(\d+)$/.exec(spec);
  if (match === null) throw usage(`--shard must look like FROM..TO/N (got "${spec}")`);
  const [, from = '', to = '', countText = ''] = match;
  const count = Number(countText);
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw usage(`--shard count must be between 1 and 1000 (got ${countText})`);
  }
  const days = DATE.test(from) && DATE.test(to);
  const fromMs = Date.parse(days ? `${from}T00:00:00Z` : from);
  const toMs = Date.parse(days ? `${to}T00:00:00Z` : to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    throw usage(
      `--shard bounds must be dates (YYYY-MM-DD) or ISO date-times (got "${from}", "${to}")`,
    );
  }
  if (days ? toMs < fromMs : toMs <= fromMs) throw usage('--shard: TO must come after FROM');
  return timeShards({
    from: fromMs,
    to: toMs,
    count,
    style: days ? 'zoom' : 'x',
    ...(params === undefined ? {} : { startParam: params[0], endParam: params[1] }),
  });
}

function usage(message: string): CliError {
  return new CliError('cli_usage', message, ExitCode.usage);
}
