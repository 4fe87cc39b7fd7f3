import {
  EXPANSION_PRESENCE,
  type Presence,
  TWEET_FIELD_PRESENCE,
  USER_FIELD_PRESENCE,
} from './field-presence.js';

type Item = Record<string, unknown>;

/**
 * Checks each X answer against {@link TWEET_FIELD_PRESENCE},
 * {@link USER_FIELD_PRESENCE} and {@link EXPANSION_PRESENCE}, and collects
 * which `sometimes` fields and expansions the run has seen.
 */
export class FieldObserver {
  readonly problems: string[] = [];
  readonly seen = new Set<string>();

  /** Looks at one 200 answer to a request with these field parameters. */
  observe(
    label: string,
    dataKind: 'tweet' | 'user' | undefined,
    query: Readonly<Record<string, string>>,
    body: unknown,
  ): void {
    const b = (body ?? {}) as Item;
    const list = (v: unknown): Item[] =>
      Array.isArray(v) ? (v as Item[]) : v && typeof v === 'object' ? [v as Item] : [];
    const includes = (b['includes'] ?? {}) as Item;
    const tweets = [...(dataKind === 'tweet' ? list(b['data']) : []), ...list(includes['tweets'])];
    const users = [...(dataKind === 'user' ? list(b['data']) : []), ...list(includes['users'])];
    const split = (name: string) => (query[name] ?? '').split(',').filter((v) => v !== '');
    this.#fields(label, 'tweet', split('tweet.fields'), tweets, TWEET_FIELD_PRESENCE);
    this.#fields(label, 'user', split('user.fields'), users, USER_FIELD_PRESENCE);
    for (const expansion of split('expansions')) {
      const rule = EXPANSION_PRESENCE[expansion];
      if (rule === undefined) {
        this.problems.push(`${label}: expansion ${expansion} has no presence rule`);
        continue;
      }
      const filled = list(includes[rule.includes]).length > 0;
      if (filled && rule.presence !== 'never') this.seen.add(`expansion ${expansion}`);
    }
    for (const key of Object.keys(includes)) {
      const mayFill = split('expansions').some(
        (e) =>
          EXPANSION_PRESENCE[e]?.includes === key && EXPANSION_PRESENCE[e]?.presence !== 'never',
      );
      if (!mayFill)
        this.problems.push(`${label}: includes.${key} without an expansion that fills it`);
    }
  }

  #fields(
    label: string,
    kind: 'tweet' | 'user',
    requested: readonly string[],
    items: readonly Item[],
    rules: Readonly<Record<string, Presence>>,
  ): void {
    for (const field of requested) {
      const rule = rules[field];
      if (rule === undefined) {
        this.problems.push(`${label}: ${kind} field ${field} has no presence rule`);
        continue;
      }
      const having = items.filter((i) => field in i).length;
      if (rule === 'never' && having > 0) {
        this.problems.push(`${label}: ${kind} field ${field} is listed as never sent, yet sent`);
      }
      if (rule === 'always' && having < items.length) {
        this.problems.push(
          `${label}: ${kind} field ${field} is missing on ${items.length - having} of ${items.length} ${kind}s`,
        );
      }
      if (rule !== 'never' && having > 0) this.seen.add(`${kind} field ${field}`);
    }
  }

  /** The `sometimes` and `always` fields and expansions the run never saw. */
  unseen(): string[] {
    const expected = [
      ...Object.entries(TWEET_FIELD_PRESENCE)
        .filter(([, p]) => p !== 'never')
        .map(([f]) => `tweet field ${f}`),
      ...Object.entries(USER_FIELD_PRESENCE)
        .filter(([, p]) => p !== 'never')
        .map(([f]) => `user field ${f}`),
      ...Object.entries(EXPANSION_PRESENCE)
        .filter(([, r]) => r.presence !== 'never')
        .map(([e]) => `expansion ${e}`),
    ];
    return expected.filter((e) => !this.seen.has(e));
  }
}
