import { type Expression, type SqlBool, sql } from 'kysely';
import { PagewiseError } from 'pagewise';

/** A parsed recent-search query. */
export type SearchNode =
  | { readonly type: 'term'; readonly text: string }
  | { readonly type: 'from'; readonly username: string }
  | { readonly type: 'not'; readonly node: SearchNode }
  | { readonly type: 'and'; readonly nodes: readonly SearchNode[] }
  | { readonly type: 'or'; readonly nodes: readonly SearchNode[] };

/** A query X would refuse, with X's wording and the 1-based position of the fault. */
export class SearchQueryError extends PagewiseError {
  constructor(message: string, position: number) {
    super(
      'invalid_search_query',
      `There were errors processing your request: ${message} (at position ${position})`,
    );
    this.name = 'SearchQueryError';
  }
}

/** The longest query recent search takes (WIRE.md §2.1). */
export const MAX_SEARCH_QUERY_LENGTH = 512;

type Tok = {
  kind: 'word' | 'phrase' | 'lparen' | 'rparen' | 'or' | 'neg';
  text: string;
  pos: number;
};

function tokenize(q: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i + 1;
    if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, pos });
      i++;
      continue;
    }
    if (c === '-' && i + 1 < q.length && !/\s/.test(q[i + 1] as string)) {
      out.push({ kind: 'neg', text: '-', pos });
      i++;
      continue;
    }
    if (c === '"') {
      const end = q.indexOf('"', i + 1);
      if (end < 0) throw new SearchQueryError('Unterminated quoted phrase.', pos);
      out.push({ kind: 'phrase', text: q.slice(i + 1, end), pos });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < q.length && !/[\s()"]/.test(q[j] as string)) j++;
    const word = q.slice(i, j);
    out.push({ kind: word === 'OR' ? 'or' : 'word', text: word, pos });
    i = j;
  }
  return out;
}

/**
 * Parses the supported subset of X's search language: keywords (also
 * `#hashtags` and `@mentions`), `"quoted phrases"`, `from:username`,
 * `-negation`, `OR` and parentheses. As on X, juxtaposition (AND) binds
 * tighter than `OR`. Any other `operator:value` is refused like X refuses
 * an operator outside the caller's product.
 *
 * @throws {SearchQueryError} with X's message shape.
 */
export function parseSearchQuery(query: string): SearchNode {
  const toks = tokenize(query);
  let k = 0;
  const peek = () => toks[k];

  function orExpr(): SearchNode {
    const nodes = [andExpr()];
    while (peek()?.kind === 'or') {
      const t = toks[k++] as Tok;
      if (!peek() || peek()?.kind === 'rparen' || peek()?.kind === 'or') {
        throw new SearchQueryError("Ambiguous use of 'OR'.", t.pos);
      }
      nodes.push(andExpr());
    }
    return nodes.length === 1 ? (nodes[0] as SearchNode) : { type: 'or', nodes };
  }
  function andExpr(): SearchNode {
    const nodes: SearchNode[] = [];
    while (peek() && peek()?.kind !== 'or' && peek()?.kind !== 'rparen') nodes.push(unary());
    if (nodes.length === 0)
      throw new SearchQueryError('Empty group or missing term.', peek()?.pos ?? query.length + 1);
    return nodes.length === 1 ? (nodes[0] as SearchNode) : { type: 'and', nodes };
  }
  function unary(): SearchNode {
    if (peek()?.kind === 'neg') {
      k++;
      return { type: 'not', node: atom() };
    }
    return atom();
  }
  function atom(): SearchNode {
    const t = toks[k++];
    if (!t) throw new SearchQueryError('Missing term.', query.length + 1);
    if (t.kind === 'lparen') {
      const inner = orExpr();
      if (toks[k++]?.kind !== 'rparen')
        throw new SearchQueryError('Missing closing parenthesis.', t.pos);
      return inner;
    }
    if (t.kind === 'phrase') {
      if (t.text.trim() === '') throw new SearchQueryError('Empty quoted phrase.', t.pos);
      return { type: 'term', text: t.text };
    }
    if (t.kind === 'word') {
      const op = /^([A-Za-z_]+):(.*)$/.exec(t.text);
      if (op) {
        const [, name, value] = op as unknown as [string, string, string];
        if (name.toLowerCase() === 'from' && /^@?\w{1,50}$/.test(value))
          return { type: 'from', username: value.replace(/^@/, '') };
        throw new SearchQueryError(
          `Reference to invalid operator '${name}'. Operator is not available in current product or product packaging. Please refer to complete available operator list at https://developer.x.com/en/docs/twitter-api/tweets/search/integrate/build-a-query#list.`,
          t.pos,
        );
      }
      return { type: 'term', text: t.text };
    }
    throw new SearchQueryError(`Unexpected '${t.text}'.`, t.pos);
  }

  const node = orExpr();
  if (k < toks.length)
    throw new SearchQueryError(`Unexpected '${toks[k]?.text}'.`, toks[k]?.pos ?? 1);
  if (!hasPositive(node))
    throw new SearchQueryError('Queries must contain at least one non-negated term.', 1);
  return node;
}

function hasPositive(n: SearchNode): boolean {
  switch (n.type) {
    case 'term':
    case 'from':
      return true;
    case 'not':
      return false;
    case 'and':
      return n.nodes.some(hasPositive);
    case 'or':
      return n.nodes.every(hasPositive);
  }
}

/**
 * Usernames the query names, lower-cased, to resolve to ids first: those of
 * `from:` operators and of `@username` terms (posts mentioning the user).
 */
export function fromUsernames(n: SearchNode, out = new Set<string>()): Set<string> {
  if (n.type === 'from') out.add(n.username.toLowerCase());
  else if (n.type === 'term') {
    const name = mentionTermUsername(n.text);
    if (name !== undefined) out.add(name);
  } else if (n.type === 'not') fromUsernames(n.node, out);
  else if (n.type === 'and' || n.type === 'or') for (const c of n.nodes) fromUsernames(c, out);
  return out;
}

/**
 * The SQL predicate of a parsed query over posts aliased `t`, matching
 * words as X does (see {@link tokenizePostText}): a keyword or a quoted
 * phrase matches when its tokens occur in the post's tokens, consecutively
 * and whole (`api` matches "the api." and "#api", not "rapid"); `#tag`
 * matches the hashtag exactly; `@username` matches posts that mention the
 * user (`x_mentions`); `from:` compares the author. `userIds` maps the
 * lower-cased usernames of {@link fromUsernames} to ids (unknown names
 * match nothing). The same tokens on SQLite and PostgreSQL: the text is
 * lower-cased and every separator turned into a space in SQL.
 */
export function searchPredicate(
  n: SearchNode,
  userIds: ReadonlyMap<string, bigint>,
  dialect: 'sqlite' | 'postgres' = 'sqlite',
): Expression<SqlBool> {
  switch (n.type) {
    case 'term':
      return termPredicate(n.text, userIds, dialect);
    case 'from': {
      const id = userIds.get(n.username.toLowerCase());
      return id === undefined ? sql<SqlBool>`(1 = 0)` : sql<SqlBool>`(t.author_id = ${id})`;
    }
    case 'not':
      return sql<SqlBool>`(not ${searchPredicate(n.node, userIds, dialect)})`;
    case 'and':
      return sql<SqlBool>`(${sql.join(
        n.nodes.map((c) => searchPredicate(c, userIds, dialect)),
        sql` and `,
      )})`;
    case 'or':
      return sql<SqlBool>`(${sql.join(
        n.nodes.map((c) => searchPredicate(c, userIds, dialect)),
        sql` or `,
      )})`;
  }
}

function termPredicate(
  text: string,
  userIds: ReadonlyMap<string, bigint>,
  dialect: 'sqlite' | 'postgres',
): Expression<SqlBool> {
  const mention = mentionTermUsername(text);
  if (mention !== undefined) {
    const id = userIds.get(mention);
    return id === undefined
      ? sql<SqlBool>`(1 = 0)`
      : sql<SqlBool>`exists (select 1 from x_mentions as xm where xm.tweet_id = t.id and xm.user_id = ${id})`;
  }
  const hashtag = /^#[^\s]+$/.test(text) ? tokenizePostText(text.slice(1)) : undefined;
  if (hashtag !== undefined) {
    // An exact hashtag: `#` then one token, in the text with `#` kept.
    if (hashtag.length !== 1) return sql<SqlBool>`(1 = 0)`;
    const tag = SEARCH_SEPARATORS.replace('#', '');
    if (dialect === 'postgres')
      return sql<SqlBool>`(t.text ~ ${wordsRegex([`#${hashtag[0]}`], tag)})`;
    return sqliteWholeToken(`#${hashtag[0]}`, tag);
  }
  const tokens = tokenizePostText(text);
  if (tokens.length === 0) return sql<SqlBool>`(1 = 0)`;
  if (dialect === 'postgres') {
    return sql<SqlBool>`(t.text ~ ${wordsRegex(tokens, SEARCH_SEPARATORS)})`;
  }
  if (tokens.length === 1) return sqliteWholeToken(tokens[0] as string, SEARCH_SEPARATORS);
  // A phrase: runs of separators become runs of spaces, collapsed.
  const collapsed = collapseSpaces(spacedTokens(SEARCH_SEPARATORS));
  const longest = tokens.reduce((x, y) => (y.length > x.length ? y : x));
  return prefiltered(longest, sql<SqlBool>`(${collapsed} like ${likeWords(tokens)} escape '\\')`);
}

/**
 * One whole token on SQLite, without the fifty nested `replace()` calls of
 * {@link spacedTokens}: the padded, lower-cased text GLOBs `*[S]token[S]*`,
 * where `[S]` is any one separator. A token occurs whole exactly when some
 * occurrence has a separator (or an end of the text, hence the padding) on
 * both sides, which is what the spaced form's `% token %` tests. GLOB is
 * case-sensitive and `lower()` folds ASCII letters only, as the tokenizer
 * does; a token holds no separator, so none of GLOB's `*?[` either. In the
 * set, `]` goes first and `-` last, where GLOB reads them as themselves.
 * Behind the same cheap substring test as {@link prefiltered}.
 */
function sqliteWholeToken(token: string, separators: string): Expression<SqlBool> {
  const set = `[${separators.includes(']') ? ']' : ''}${[...separators].filter((c) => c !== ']' && c !== '-').join('')}${separators.includes('-') ? '-' : ''}]`;
  const glob = `*${set}${token}${set}*`;
  return prefiltered(token, sql<SqlBool>`((' ' || lower(t.text) || ' ') glob ${glob})`);
}

/**
 * SQLite: `exact` (the whole-token match; for a phrase about fifty nested
 * `replace()` calls on the post's text) behind a plain substring test of
 * `needle`, which every exact match passes (a token holds no separator,
 * and both sides fold ASCII letters only): most rows are then refused by
 * one `lower()` and one LIKE, and the expensive test runs on the few that
 * contain the text. A CASE, not an AND, because SQLite does not promise to
 * evaluate the terms of a WHERE clause in order.
 */
function prefiltered(needle: string, exact: Expression<SqlBool>): Expression<SqlBool> {
  const contains = `%${needle.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return sql<SqlBool>`(case when lower(t.text) like ${contains} escape '\\' then ${exact} else (1 = 0) end)`;
}

/** The username of an `@username` term, lower-cased, or undefined. */
function mentionTermUsername(text: string): string | undefined {
  const m = /^@([A-Za-z0-9_]+)$/.exec(text);
  return m ? (m[1] as string).toLowerCase() : undefined;
}

/**
 * What splits a post into tokens (X: "punctuation, symbols, and Unicode
 * basic plane separator characters"): white space, every ASCII
 * punctuation and symbol character but `_` (part of usernames and
 * hashtags, so of their tokens), and the common typographic ones.
 */
export const SEARCH_SEPARATORS =
  ' \t\n\r!"#$%&\'()*+,-./:;<=>?@[\\]^`{|}~\u00a0\u00a1\u00ab\u00b7\u00bb\u00bf\u2013\u2014\u2018\u2019\u201c\u201d\u2026';

/** The tokens of a text as recent search sees them: lower-cased (ASCII letters), split on {@link SEARCH_SEPARATORS}. */
export function tokenizePostText(text: string, separators = SEARCH_SEPARATORS): string[] {
  let out = '';
  for (const c of text)
    out += separators.includes(c) ? ' ' : c >= 'A' && c <= 'Z' ? c.toLowerCase() : c;
  return out.split(' ').filter((w) => w !== '');
}

/** SQLite: `' ' || lower(t.text) || ' '` with every separator turned into a space. */
function spacedTokens(separators: string): Expression<string> {
  let e = sql<string>`lower(t.text)`;
  for (const c of separators) e = sql<string>`replace(${e}, ${c}, ' ')`;
  return sql<string>`(' ' || ${e} || ' ')`;
}

/**
 * PostgreSQL: a regular expression matching `tokens` as consecutive whole
 * tokens of a text split on `separators`, ASCII letters in either case
 * (the same rule as SQLite's LIKE over {@link spacedTokens}). A regular
 * expression, not `translate()`: PostgreSQL's `translate` compares every
 * character of the text with every separator (multi-byte ones among them),
 * about 35 µs a post, so a search over a few thousand posts took 0.4 s.
 */
function wordsRegex(tokens: readonly string[], separators: string): string {
  const cls = `[${[...separators].map((c) => ('\\]^-['.includes(c) ? `\\${c}` : c)).join('')}]`;
  const word = (token: string) =>
    [...token]
      .map((c) =>
        c >= 'a' && c <= 'z'
          ? `[${c}${c.toUpperCase()}]`
          : '\\^$.|?*+()[]{}'.includes(c)
            ? `\\${c}`
            : c,
      )
      .join('');
  return `(^|${cls})${tokens.map(word).join(`${cls}+`)}($|${cls})`;
}

/** Collapses runs of up to 16 spaces into one (enough for any run of separators in a post). */
function collapseSpaces(e: Expression<string>): Expression<string> {
  let out = e;
  for (let i = 0; i < 4; i++) out = sql<string>`replace(${out}, '  ', ' ')`;
  return out;
}

/** The LIKE pattern of consecutive whole tokens: `% a b %`, with `\`, `%` and `_` escaped. */
function likeWords(tokens: readonly string[]): string {
  return `% ${tokens.join(' ').replace(/[\\%_]/g, (m) => `\\${m}`)} %`;
}
