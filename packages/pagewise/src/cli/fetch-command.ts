import { Command, Option } from 'commander';
import { signalExitCode } from './exit-codes.js';
import {
  BEARER_ENV,
  DEFAULT_MAX_WAIT_SECONDS,
  normalizeFetchOptions,
  PRESET_NAMES,
  type RawFetchOptions,
} from './fetch-options.js';
import { buildResumeCommand } from './resume-command.js';
import { runFetch } from './run-fetch.js';

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** Examples printed at the end of `pagewise fetch --help` (and the top-level help). */
export const FETCH_EXAMPLES = `Examples:
  # Zoom: every user of the account, as JSON Lines
  $ export ${BEARER_ENV}=<zoom access token>
  $ pagewise fetch https://api.zoom.us/v2/users --preset zoom --page-size 300 -o users.jsonl

  # Zoom: a quarter of report meetings, in 4 parallel date windows, to CSV
  $ pagewise fetch https://api.zoom.us/v2/report/users/me/meetings --preset zoom \\
      --shard 2024-01-01..2024-03-31/4 -o meetings.csv

  # X: a user's timeline with creation times, waiting out rate limits up to 15 minutes
  $ pagewise fetch https://api.x.com/2/users/2244994945/tweets --preset x \\
      --param tweet.fields=created_at --page-size 100 --max-wait 900 -o tweets.jsonl

  # X: recent search piped to jq (progress stays on stderr)
  $ pagewise fetch 'https://api.x.com/2/tweets/search/recent?query=pagination' --preset x | jq .text

  # Continue an interrupted run (the exact command is printed when a run stops)
  $ pagewise fetch https://api.zoom.us/v2/users --preset zoom --page-size 300 -o users.jsonl --resume

  # Any API: token in meta.cursor sent back as ?after=
  $ pagewise fetch https://api.example.com/things --token-param after --next-path meta.cursor --items-path items`;

/** `pagewise fetch URL`: pages through an API to its end, streaming items out. */
export function fetchCommand(getArgs: () => readonly string[]): Command {
  return new Command('fetch')
    .description('read every page of a paginated API and stream the items as JSON Lines or CSV')
    .argument('<url>', 'first-page URL (query parameters kept on every page)')
    .addOption(
      new Option(
        '--preset <name>',
        'pagination conventions of a known API (default: detected from the first response)',
      ).choices([...PRESET_NAMES]),
    )
    .option(
      '--token-param <name>',
      'query parameter that carries the next-page token (e.g. next_page_token)',
    )
    .option(
      '--next-path <path>',
      'dotted path of the next-page token in the body (e.g. meta.next_token)',
    )
    .option(
      '--items-path <path>',
      "dotted path of the item array ('' = the body is the array; default: first array)",
    )
    .option(
      '--total-path <path>',
      'dotted path of the total item count, for the ETA (e.g. total_records)',
    )
    .option('--link', 'follow the Link: <…>; rel="next" response header (GitHub style)')
    .option(
      '--cursor-param <name>',
      'item-cursor pagination: parameter that takes the last item id (e.g. starting_after)',
    )
    .option(
      '--cursor-field <path>',
      'item-cursor pagination: the field of the last item to send (default: id)',
    )
    .option(
      '--has-more-path <path>',
      'item-cursor pagination: boolean saying more pages follow (default: has_more)',
    )
    .option('--page-size-param <name>', 'query parameter for the page size (set by presets)')
    .option('--page-size <n>', 'items per page to ask for')
    .option('-H, --header <header>', "request header 'Name: value' (repeatable)", collect)
    .option('--bearer <token>', `bearer token (better: set ${BEARER_ENV}); never printed`)
    .option(
      '-p, --param <key=value>',
      'query parameter added to every request (repeatable)',
      collect,
    )
    .option('--limit <n>', 'stop after n items')
    .option(
      '--concurrency <n>',
      'pages in flight for page-number walks (--preset zoom-pages); --shard walks all its windows at once',
      '1',
    )
    .option(
      '--shard <from..to/n>',
      'split a time window into n windows fetched separately (dates: inclusive days; date-times: [start, end))',
    )
    .option(
      '--shard-params <start,end>',
      'query parameters of the window (zoom: from,to; x: start_time,end_time)',
    )
    .option(
      '--max-wait <seconds>',
      'longest rate-limit wait to sit out before exiting with code 4',
      String(DEFAULT_MAX_WAIT_SECONDS),
    )
    .option('--retries <n>', 'retries of a 5xx or network error, with backoff', '3')
    .option(
      '-o, --output <file>',
      'write to a file (.jsonl or .csv); default: JSON Lines on stdout',
    )
    .addOption(
      new Option('--format <format>', 'output format (default: from the file extension)').choices([
        'jsonl',
        'csv',
      ]),
    )
    .option(
      '--resume',
      'continue from the checkpoint (same arguments); starts fresh when there is none, exits 0 when already complete',
    )
    .option('-q, --quiet', 'no progress on stderr')
    .option('--debug', 'print stack traces of errors')
    .addHelpText(
      'after',
      `
Checkpoints: after every page is written and fsynced, the position is saved to
<output>.pagewise-checkpoint.json (stdout runs: .pagewise/<hash>.checkpoint.json). --resume
truncates the output to the last saved page and continues: nothing lost, nothing repeated.
--resume is safe from the first attempt of a retry loop: with no checkpoint and no output it
starts fresh; after a finished run it exits 0 saying the output is complete (the checkpoint is
kept, marked complete); it never touches an output that no checkpoint of this fetch explains.
  until pagewise fetch URL --preset zoom -o users.jsonl --resume; do sleep 5; done

${FETCH_EXAMPLES}`,
    )
    .action(async (url: string, raw: RawFetchOptions) => {
      const plan = normalizeFetchOptions(url, raw);
      const controller = new AbortController();
      let signals = 0;
      // The abort reason names the signal, so the exit code can follow the usual 128 + n.
      const onSignal = (signal: NodeJS.Signals) => {
        signals++;
        // A second signal means "now": the last acknowledged page is already checkpointed.
        if (signals > 1) process.exit(signalExitCode(signal));
        controller.abort(signal);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await runFetch(plan, {
          signal: controller.signal,
          resumeCommand: buildResumeCommand(getArgs(), process.argv[1]),
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
