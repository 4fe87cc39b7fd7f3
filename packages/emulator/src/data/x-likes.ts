import { snowflake } from './ids.js';
import { Prng } from './prng.js';
import type { XLikeTable, XUserTable } from './schema.js';
import type { XPostGraph } from './x-post-graph.js';

/**
 * The likes of the post graph: for each post, exactly `likeCounts[k]`
 * distinct users, each like between the post's creation and the anchor
 * (most soon after posting). Likers are skewed: users are ranked by a
 * seeded shuffle and small like lists draw from that ranking with the
 * same 1/√x skew as authors, so a few users like a great deal; lists
 * longer than an eighth of the users are a uniform sample.
 */
export function* xLikeRows(
  seed: string,
  graph: XPostGraph,
  users: readonly Pick<XUserTable, 'id'>[],
  anchorMs: number,
): Generator<XLikeTable> {
  const r = new Prng(`${seed}/x_likes`);
  const n = users.length;
  if (n === 0) return;
  const ranking = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) swap(ranking, i, r.int(i + 1));
  const pool = ranking.slice();
  const stamp = new Int32Array(n);
  const picked: number[] = [];
  for (let k = 0; k < graph.likeCounts.length; k++) {
    const want = Math.min(n, graph.likeCounts[k] as number);
    if (want === 0) continue;
    picked.length = 0;
    if (want * 8 <= n) {
      while (picked.length < want) {
        const x = r.next();
        const u = ranking[Math.min(n - 1, Math.floor(n * x * x))] as number;
        if (stamp[u] === k + 1) continue;
        stamp[u] = k + 1;
        picked.push(u);
      }
    } else {
      for (let i = 0; i < want; i++) {
        swap(pool, i, i + r.int(n - i));
        picked.push(pool[i] as number);
      }
    }
    const postTime = graph.times[k] as number;
    const postId = snowflake(postTime, k);
    const span = Math.max(1, anchorMs - 1 - postTime);
    for (const u of picked) {
      const x = r.next();
      yield {
        user_id: (users[u] as Pick<XUserTable, 'id'>).id,
        tweet_id: postId,
        created_at: postTime + Math.floor(span * x * x * x),
        origin: 0,
      };
    }
  }
}

function swap(a: number[], i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}
