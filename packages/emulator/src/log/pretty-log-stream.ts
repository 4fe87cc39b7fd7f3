/** Where pretty lines go: a TTY, or any stream with `write`. */
export interface LogDestination {
  write(text: string): unknown;
}

/** Options of {@link prettyLogStream}. */
export interface PrettyLogOptions {
  /** ANSI colours (status by class, dim time, red errors). @default false */
  readonly color?: boolean;
}

/** The fields of a pino record this formatter reads. */
interface LogRecord {
  readonly level?: number;
  readonly time?: number;
  readonly msg?: string;
  readonly req?: { readonly method?: string; readonly url?: string };
  readonly res?: { readonly statusCode?: number };
  readonly responseTime?: number;
  readonly rateLimitRemaining?: number;
  readonly err?: { readonly type?: string; readonly message?: string; readonly stack?: string };
}

const LEVELS: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/**
 * A pino destination that turns the JSON records into lines a person reads:
 * one per request,
 *
 * ```
 * 14:02:11  GET /v2/users?page_size=300&next_page_token=#3fa9c1  200  4.2 ms  58 left
 * ```
 *
 * (time, method, path with each page token shown as six hex digits of its
 * hash, status, milliseconds, rate-limit requests left when the response
 * said), and `time LEVEL message` for anything else, with the stack of an
 * error. It only formats what pino already serialized and redacted, so it
 * can show no secret that the JSON format would not.
 */
export function prettyLogStream(
  destination: LogDestination,
  options: PrettyLogOptions = {},
): LogDestination {
  const paint = options.color === true ? ansi : plain;
  return {
    write(chunk: string): void {
      let out = '';
      for (const line of chunk.split('\n')) {
        if (line === '') continue;
        let record: LogRecord;
        try {
          record = JSON.parse(line) as LogRecord;
        } catch {
          out += `${line}\n`;
          continue;
        }
        out += `${formatRecord(record, paint)}\n`;
      }
      if (out !== '') destination.write(out);
    },
  };
}

type Paint = (code: number, text: string) => string;
const ansi: Paint = (code, text) => `\u001b[${code}m${text}\u001b[0m`;
const plain: Paint = (_code, text) => text;

function formatRecord(r: LogRecord, paint: Paint): string {
  const time = paint(2, clock(r.time ?? Date.now()));
  const level = r.level ?? 30;
  if (r.req !== undefined && r.res !== undefined && r.responseTime !== undefined) {
    const status = r.res.statusCode ?? 0;
    const parts = [
      time,
      ` ${r.req.method ?? '?'} ${shortPath(r.req.url ?? '')}`,
      ` ${paint(statusColor(status), String(status))}`,
      ` ${milliseconds(r.responseTime)}`,
    ];
    if (r.rateLimitRemaining !== undefined) parts.push(` ${r.rateLimitRemaining} left`);
    const line = parts.join(' ');
    return level >= 50 ? `${line}\n${errorText(r, paint)}` : line;
  }
  const label = LEVELS[level] ?? String(level);
  const head = `${time}  ${level >= 50 ? paint(31, label) : level >= 40 ? paint(33, label) : label}  ${r.msg ?? ''}`;
  return r.err === undefined ? head : `${head}\n${errorText(r, paint)}`;
}

/** Page tokens arrive as `[REDACTED:3fa9c1]` (see redactUrl): shown as `#3fa9c1`. */
function shortPath(url: string): string {
  return url.replace(/\[REDACTED:([0-9a-f]+)\]/g, '#$1').replace(/\[REDACTED\]/g, '#');
}

function errorText(r: LogRecord, paint: Paint): string {
  const err = r.err;
  if (err === undefined) return '';
  const text = err.stack ?? `${err.type ?? 'Error'}: ${err.message ?? ''}`;
  return paint(31, text.replace(/^/gm, '    '));
}

function statusColor(status: number): number {
  if (status >= 500) return 31;
  if (status >= 400) return 33;
  if (status >= 300) return 36;
  return 32;
}

function milliseconds(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function clock(epochMs: number): string {
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
}
