import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The part of a twitter-api-v2 timeline paginator the walk uses. */
interface Paginator {
  readonly done: boolean;
  readonly tweets: readonly { readonly id?: unknown }[];
  fetchNext(): Promise<unknown>;
  fetchLast(count?: number): Promise<unknown>;
}

/** The part of twitter-api-v2's v2 client the walk uses. */
interface V2Client {
  setPrefix(prefix: string): void;
  get: (...args: unknown[]) => Promise<unknown>;
  userTimeline(userId: string, options: Record<string, unknown>): Promise<Paginator>;
}

type TwitterApiClass = new (
  token: string,
  settings?: { readonly httpAgent?: Agent },
) => { readonly v2: V2Client };

/** How one paginator walk went. */
export interface WalkOutcome {
  readonly method: 'fetchNext' | 'fetchLast';
  /** HTTP requests the paginator sent. */
  readonly requests: number;
  /** Items it holds at the end, and how many distinct ids among them. */
  readonly items: number;
  readonly distinct: number;
  /**
   * `ended` (the paginator says done, every post read), `ended early` (it
   * says done, but silently short of the posts the server holds), `stuck`
   * (bound reached, or a next_token came back twice) or `errored`.
   */
  readonly outcome: 'ended' | 'ended early' | 'stuck' | 'errored';
  readonly detail: string;
}

class BoundReached extends Error {}

/** Loads twitter-api-v2 from the scratch folder it was installed into. */
export function loadTwitterApi(peersDir: string): TwitterApiClass {
  const require = createRequire(join(peersDir, 'package.json'));
  return (require('twitter-api-v2') as { TwitterApi: TwitterApiClass }).TwitterApi;
}

/**
 * Walks `GET /2/users/:id/tweets` with a twitter-api-v2 paginator pointed at
 * `baseUrl` (its v2 prefix set to `${baseUrl}/2/`), with `max_results=100`:
 * `fetchNext` page by page until the paginator is done, or `fetchLast` (the
 * library's own loop). Bounded: at most `maxRequests` requests, and a
 * next_token seen twice counts as stuck (the client would loop forever).
 */
export async function walkTimeline(
  TwitterApi: TwitterApiClass,
  baseUrl: string,
  bearer: string,
  userId: string,
  method: 'fetchNext' | 'fetchLast',
  maxRequests: number,
  /** Posts the server holds for this user, when known (a walk that says done with fewer ended early). */
  expected?: number,
): Promise<WalkOutcome> {
  const agent = new Agent({ keepAlive: true });
  // twitter-api-v2 sends with https.request; an http Agent lets it speak plain HTTP to loopback.
  const v2 = new TwitterApi(bearer, { httpAgent: agent }).v2;
  v2.setPrefix(`${baseUrl}/2/`);
  let requests = 0;
  let repeated: string | undefined;
  const seen = new Set<string>();
  const get = v2.get.bind(v2);
  v2.get = async (...args: unknown[]) => {
    if (requests >= maxRequests) throw new BoundReached(`bound of ${maxRequests} requests reached`);
    requests++;
    const res = (await get(...args)) as { data?: { meta?: { next_token?: unknown } } };
    const token = res.data?.meta?.next_token;
    if (typeof token === 'string') {
      if (seen.has(token)) repeated ??= token;
      seen.add(token);
    }
    if (repeated !== undefined && method === 'fetchLast') {
      throw new BoundReached(`next_token ${JSON.stringify(repeated)} came back`);
    }
    return res;
  };
  let paginator: Paginator | undefined;
  const result = (outcome: WalkOutcome['outcome'], detail: string): WalkOutcome => {
    const tweets = paginator?.tweets ?? [];
    return {
      method,
      requests,
      items: tweets.length,
      distinct: new Set(tweets.map((t) => String(t.id))).size,
      outcome,
      detail,
    };
  };
  try {
    paginator = await v2.userTimeline(userId, { max_results: 100 });
    if (method === 'fetchLast') await paginator.fetchLast(1_000_000);
    else {
      while (!paginator.done && repeated === undefined) await paginator.fetchNext();
    }
    if (paginator.done) {
      const got = new Set(paginator.tweets.map((t) => String(t.id))).size;
      return expected !== undefined && got < expected
        ? result('ended early', `the paginator says done after ${got} of ${expected} posts`)
        : result('ended', 'the paginator says done');
    }
    if (repeated !== undefined) {
      return result('stuck', `next_token ${JSON.stringify(repeated)} came back`);
    }
    return result('stuck', 'fetchLast returned before the end');
  } catch (err) {
    if (err instanceof BoundReached) return result('stuck', err.message);
    const e = err as { message?: string; code?: number };
    return result('errored', `${e.message ?? String(err)}`.slice(0, 160));
  } finally {
    agent.destroy();
  }
}
