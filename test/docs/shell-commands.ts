/**
 * Just enough of the POSIX shell grammar to find the commands of a
 * documentation `sh` block: logical lines (backslash continuations
 * joined), words (quotes, `$VAR` expansion, `$(…)` substitutions), and the
 * operators that separate commands (`|`, `&&`, `||`, `;`, `&`, redirections).
 */

/** One logical line of a shell block. */
export interface ShellLine {
  /** 0-based line of the block where it starts. */
  readonly offset: number;
  /** The line, continuations joined with a space. */
  readonly text: string;
  /** The text of its trailing comment, without `#` (`''` when none). */
  readonly comment: string;
  /** Every simple command on it, substitutions included (in the order they close). */
  readonly commands: readonly ShellCommand[];
}

/** A simple command: its words after quote removal and expansion. */
export interface ShellCommand {
  /** The words, leading `NAME=value` assignments dropped. */
  readonly words: readonly string[];
  /** The `NAME=value` assignments before the command name. */
  readonly assignments: readonly string[];
}

/** The logical lines of a block (comment-only and empty lines are kept, with no commands). */
export function shellLines(code: string, env: Readonly<Record<string, string>> = {}): ShellLine[] {
  const raw = code.split('\n');
  const out: ShellLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    const offset = i;
    let text = raw[i] ?? '';
    while (/(^|[^\\])\\$/.test(text) && i + 1 < raw.length) {
      text = `${text.slice(0, -1)} ${(raw[++i] ?? '').trim()}`;
    }
    const parser = new Parser(text, env);
    const commands = parser.parseList(false);
    out.push({ offset, text, comment: parser.comment, commands });
  }
  return out;
}

class Parser {
  i = 0;
  comment = '';
  constructor(
    readonly s: string,
    readonly env: Readonly<Record<string, string>>,
  ) {}

  /** Parses commands until the end, or a `)` closing a substitution when `nested`. */
  parseList(nested: boolean): ShellCommand[] {
    const done: ShellCommand[] = [];
    let words: string[] = [];
    let skipNext = false;
    const finish = () => {
      const assignments: string[] = [];
      while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] ?? '')) {
        assignments.push(words.shift() ?? '');
      }
      if (words.length > 0 || assignments.length > 0) done.push({ words, assignments });
      words = [];
    };
    while (this.i < this.s.length) {
      const c = this.s[this.i] ?? '';
      if (c === ' ' || c === '\t') {
        this.i++;
        continue;
      }
      if (c === '#') {
        this.comment = this.s.slice(this.i + 1).trim();
        this.i = this.s.length;
        break;
      }
      if (c === ')') {
        this.i++;
        if (nested) break;
        finish();
        continue;
      }
      if ('|&;('.includes(c)) {
        this.i += this.s[this.i + 1] === c ? 2 : 1;
        finish();
        continue;
      }
      if (c === '>' || c === '<' || (/[0-9]/.test(c) && this.s[this.i + 1] === '>')) {
        const start = this.i;
        while (/[0-9<>&]/.test(this.s[this.i] ?? '')) this.i++;
        // `2>&1` names its target itself; `> file` takes the next word.
        skipNext = !/&[0-9]$/.test(this.s.slice(start, this.i));
        continue;
      }
      const word = this.word(done);
      if (skipNext) skipNext = false;
      else words.push(word);
    }
    finish();
    return done;
  }

  /** One word, starting at a non-blank, non-operator character. */
  word(done: ShellCommand[]): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i] ?? '';
      if (' \t|&;()<>'.includes(c)) break;
      if (c === "'") {
        const end = this.s.indexOf("'", this.i + 1);
        if (end < 0) throw new Error(`unterminated ' in: ${this.s}`);
        out += this.s.slice(this.i + 1, end);
        this.i = end + 1;
      } else if (c === '"') {
        this.i++;
        while (this.i < this.s.length && this.s[this.i] !== '"') {
          const d = this.s[this.i] ?? '';
          if (d === '\\' && '"\\$`'.includes(this.s[this.i + 1] ?? '')) {
            out += this.s[this.i + 1];
            this.i += 2;
          } else if (d === '$') out += this.dollar(done);
          else {
            out += d;
            this.i++;
          }
        }
        if (this.s[this.i] !== '"') throw new Error(`unterminated " in: ${this.s}`);
        this.i++;
      } else if (c === '\\') {
        out += this.s[this.i + 1] ?? '';
        this.i += 2;
      } else if (c === '$') out += this.dollar(done);
      else {
        out += c;
        this.i++;
      }
    }
    return out;
  }

  /** `$NAME`, `${NAME}`, `$(…)` at `this.i`. Substitutions add their commands to `done`. */
  dollar(done: ShellCommand[]): string {
    const rest = this.s.slice(this.i);
    if (rest.startsWith('$(')) {
      this.i += 2;
      done.push(...this.parseList(true));
      return '<substitution>';
    }
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(rest);
    if (!m) {
      this.i++;
      return '$';
    }
    this.i += m[0].length;
    const name = m[1] ?? m[2] ?? '';
    return this.env[name] ?? m[0];
  }
}
