import { basename, relative } from 'node:path';
import { BEARER_ENV } from './fetch-options.js';

/** A resume command, and whether the user must supply a secret that was left out of it. */
export interface ResumeCommand {
  readonly command: string;
  /** Why the command is not complete on its own (a secret was removed), if so. */
  readonly note: string | undefined;
}

const SECRET_HEADER = /authorization|cookie|token|key|secret|password/i;

/**
 * Builds the command that continues an interrupted `pagewise fetch`: the
 * same arguments plus `--resume`, minus secrets. A token given with
 * `--bearer` is dropped (never echoed: terminals and CI logs keep
 * scrollback), and the note says to put it in PAGEWISE_BEARER; secret-looking
 * `--header` values are replaced by `<redacted>`.
 *
 * @param args - the arguments after the program name, starting with `fetch`
 * @param argv1 - `process.argv[1]`, to print `pagewise` or `node path/to/main.js`
 */
export function buildResumeCommand(
  args: readonly string[],
  argv1: string | undefined,
): ResumeCommand {
  const out: string[] = [];
  let droppedBearer = false;
  let redacted = false;
  let hasResume = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--bearer') {
      i++;
      droppedBearer = true;
      continue;
    }
    if (arg.startsWith('--bearer=')) {
      droppedBearer = true;
      continue;
    }
    if (arg === '--resume') hasResume = true;
    if ((arg === '--header' || arg === '-H') && i + 1 < args.length) {
      const value = args[++i] ?? '';
      const safe = redactHeader(value);
      redacted ||= safe !== value;
      out.push(arg, safe);
      continue;
    }
    if (arg.startsWith('--header=')) {
      const value = arg.slice('--header='.length);
      const safe = redactHeader(value);
      redacted ||= safe !== value;
      out.push(`--header=${safe}`);
      continue;
    }
    out.push(arg);
  }
  if (!hasResume) out.push('--resume');
  const notes: string[] = [];
  if (droppedBearer) notes.push(`set ${BEARER_ENV} to your token first (it is not printed)`);
  if (redacted) notes.push('fill in the <redacted> header values');
  return {
    command: [...program(argv1), ...out].map(shellQuote).join(' '),
    note: notes.length === 0 ? undefined : notes.join('; '),
  };
}

function redactHeader(value: string): string {
  const colon = value.indexOf(':');
  if (colon <= 0) return value;
  const name = value.slice(0, colon);
  return SECRET_HEADER.test(name) ? `${name}: <redacted>` : value;
}

function program(argv1: string | undefined): string[] {
  if (argv1 === undefined || basename(argv1) === 'pagewise') return ['pagewise'];
  const rel = relative(process.cwd(), argv1);
  return ['node', rel.startsWith('..') ? argv1 : rel];
}

/** Quotes an argument for POSIX shells when it needs it. */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
