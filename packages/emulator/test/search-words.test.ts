import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snowflake } from '../src/data/ids.js';
import { buildEmulator, type EmulatorApp } from '../src/index.js';
import { tokenizePostText } from '../src/x/search-query.js';
import { BACKENDS, createDb, type TestDb, testOptions } from './emulator-fixtures.js';

const DAY = 86_400_000;

/** Posts written for the word rules (X: tokens split on punctuation, symbols and separators). */
const TEXTS = {
  rapid: 'Building a rapid prototype',
  api: 'The API is down.',
  hashtag: 'new #api release',
  plural: '#apis are fun',
  cocaDash: 'I like coca-cola today',
  cocaSpace: 'coca cola classic',
  spaced: 'cursor,  token ... walk',
  underscore: 'mary_api42 says hi',
  quote: 'Ünïcode API’s test',
  mention: 'hello there',
} as const;
type Key = keyof typeof TEXTS;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`recent search matches words (${backend.name})`, () => {
    let app: EmulatorApp;
    let db: TestDb;
    const ids = new Map<string, Key>();
    let mentioned = '';

    beforeAll(async () => {
      db = await createDb(backend.name);
      // Every seeded post is older than the 7-day reach: only the posts below are searched.
      const anchor = new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10);
      app = await buildEmulator(testOptions(db, { anchor }));
      const kdb = app.emulator.context.handle.db;
      const users = await kdb.selectFrom('x_users').select(['id', 'username']).limit(2).execute();
      const [author, other] = users as [(typeof users)[0], (typeof users)[0]];
      mentioned = other.username;
      const at = Date.now() - 3_600_000;
      let seq = 0;
      for (const [key, text] of Object.entries(TEXTS) as [Key, string][]) {
        const id = snowflake(at + seq, 2 ** 21 + seq);
        seq++;
        ids.set(String(id), key);
        await kdb
          .insertInto('x_tweets')
          .values({
            id,
            author_id: author.id,
            created_at: at + seq,
            text: key === 'mention' ? `${text} @${other.username}` : text,
            kind: 0,
            in_reply_to_user_id: null,
            referenced_tweet_id: null,
            lang: 'en',
            like_count: 0,
            retweet_count: 0,
            reply_count: 0,
            quote_count: 0,
            origin: 1,
          })
          .execute();
        if (key === 'mention') {
          await kdb
            .insertInto('x_mentions')
            .values({ user_id: other.id, tweet_id: id, created_at: at + seq, origin: 1 })
            .execute();
        }
      }
    });
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    async function search(query: string): Promise<Key[]> {
      const res = await app.inject({
        url: `/2/tweets/search/recent?max_results=100&query=${encodeURIComponent(query)}`,
        headers: { authorization: 'Bearer test-api-token' },
      });
      expect(res.statusCode, query).toBe(200);
      const data = (res.json() as { data?: { id: string }[] }).data ?? [];
      return data.map((d) => ids.get(d.id) as Key).sort();
    }

    it('a keyword is a whole token: api is not rapid, #apis or mary_api42', async () => {
      expect(await search('api')).toEqual(['api', 'hashtag', 'quote']);
      expect(await search('API')).toEqual(['api', 'hashtag', 'quote']);
      expect(await search('rapid')).toEqual(['rapid']);
      expect(await search('apis')).toEqual(['plural']);
      expect(await search('mary_api42')).toEqual(['underscore']);
    });

    it('phrases and punctuated keywords match consecutive tokens, punctuation as white space', async () => {
      expect(await search('"coca cola"')).toEqual(['cocaDash', 'cocaSpace']);
      expect(await search('"coca-cola"')).toEqual(['cocaDash', 'cocaSpace']);
      expect(await search('coca-cola')).toEqual(['cocaDash', 'cocaSpace']);
      expect(await search('"cursor token walk"')).toEqual(['spaced']);
      expect(await search('"token cursor"')).toEqual([]);
      expect(await search('"like coca"')).toEqual(['cocaDash']);
    });

    it('#hashtag is exact, @username is a mention, and the operators still combine', async () => {
      expect(await search('#api')).toEqual(['hashtag']);
      expect(await search('#API')).toEqual(['hashtag']);
      expect(await search(`@${mentioned}`)).toEqual(['mention']);
      expect(await search('@nobody_here')).toEqual([]);
      expect(await search('api -release')).toEqual(['api', 'quote']);
      expect(await search('(rapid OR classic) OR "is down"')).toEqual([
        'api',
        'cocaSpace',
        'rapid',
      ]);
      expect(await search('api -#api')).toEqual(['api', 'quote']);
    });
  });
}

describe('the tokenizer of recent search', () => {
  it('splits on punctuation, symbols and white space, keeps _ and folds ASCII case', () => {
    expect(tokenizePostText('RT @ann_b: The API’s "best" #api-day, ok?')).toEqual([
      'rt',
      'ann_b',
      'the',
      'api',
      's',
      'best',
      'api',
      'day',
      'ok',
    ]);
    expect(tokenizePostText('Ünïcode')).toEqual(['Ünïcode']);
  });
});
