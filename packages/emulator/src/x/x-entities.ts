import { LINKS } from '../data/vocabulary.js';

/** A range of the text: `start` inclusive, `end` exclusive, in code points. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/** X's `entities` of a post text or a profile description (2.159 `FullTextEntities`). */
export interface TextEntities {
  cashtags?: (Span & { tag: string })[];
  hashtags?: (Span & { tag: string })[];
  mentions?: (Span & { username: string; id?: string })[];
  urls?: (Span & { url: string; expanded_url: string; display_url: string })[];
}

const MAY_HOLD_ENTITY = /[@#$]|https?:\/\//;
const SURROGATE = /[\uD800-\uDFFF]/;
const URL_RE = /https?:\/\/[^\s]+/g;
const MENTION_RE = /(?<![A-Za-z0-9_@])@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_@])/g;
const HASHTAG_RE = /(?<![\p{L}\p{N}_&#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const CASHTAG_RE = /(?<![\p{L}\p{N}_$])\$([A-Za-z]{1,6}(?:[._][A-Za-z]{1,2})?)(?![\p{L}\p{N}_])/gu;
const LINK_BY_URL = new Map<string, (typeof LINKS)[number]>(
  LINKS.map((l) => [`https://t.co/${l.slug}`, l]),
);

/**
 * Code-point index of each UTF-16 index of `text`. X counts entity offsets
 * in code points: in a recorded post ("… @ManUtd 🙌🏼🔴 #mufc https://t.co/…",
 * takke/twitter4j-v2#20) `#mufc` starts at 45, three astral characters
 * after the mention that ends at 40, where UTF-16 would say 48.
 */
function codePointIndex(text: string): Uint32Array {
  const at = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    at[i] = cp;
    const c = text.charCodeAt(i);
    // A high surrogate and its low surrogate are one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        at[++i] = cp;
      }
    }
    cp++;
  }
  at[text.length] = cp;
  return at;
}

/** Length of `text` in code points, as X counts it. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * The entities X reports for `text`: `mentions`, `hashtags`, `cashtags` and
 * `urls`, each sorted by `start`, with code-point offsets. Kinds with
 * nothing are left out; no entity at all is `undefined` (X omits the
 * field). `resolve` gives the id of a mentioned username, when it exists
 * (X adds `id` to mentions of existing accounts).
 */
export function textEntities(
  text: string,
  resolve?: (username: string) => string | undefined,
): TextEntities | undefined {
  // Most texts hold no entity; most of the rest no astral character (code points = UTF-16 units).
  if (!MAY_HOLD_ENTITY.test(text)) return undefined;
  const cp = SURROGATE.test(text) ? codePointIndex(text) : undefined;
  const at = (i: number) => (cp === undefined ? i : (cp[i] ?? i));
  const span = (m: RegExpExecArray): Span => ({
    start: at(m.index),
    end: at(m.index + m[0].length),
  });
  const out: TextEntities = {};
  const urlRanges: [number, number][] = [];
  const urls: NonNullable<TextEntities['urls']> = [];
  for (const m of text.matchAll(URL_RE)) {
    urlRanges.push([m.index, m.index + m[0].length]);
    const link = LINK_BY_URL.get(m[0]);
    urls.push({
      ...span(m),
      url: m[0],
      expanded_url: link?.expanded ?? m[0],
      display_url: link?.display ?? m[0].replace(/^https?:\/\//, ''),
    });
  }
  const outsideUrls = (m: RegExpExecArray) =>
    !urlRanges.some(([a, b]) => m.index < b && m.index + m[0].length > a);
  const mentions: NonNullable<TextEntities['mentions']> = [];
  for (const m of text.matchAll(MENTION_RE)) {
    if (!outsideUrls(m)) continue;
    const username = m[1] as string;
    const id = resolve?.(username);
    mentions.push({ ...span(m), username, ...(id === undefined ? {} : { id }) });
  }
  const tags = (re: RegExp) =>
    [...text.matchAll(re)].filter(outsideUrls).map((m) => ({ ...span(m), tag: m[1] as string }));
  const cashtags = tags(CASHTAG_RE);
  const hashtags = tags(HASHTAG_RE);
  if (cashtags.length > 0) out.cashtags = cashtags;
  if (hashtags.length > 0) out.hashtags = hashtags;
  if (mentions.length > 0) out.mentions = mentions;
  if (urls.length > 0) out.urls = urls;
  return Object.keys(out).length === 0 ? undefined : out;
}
