import { shortUrl } from './cpu-profile.js';

/** A node of a V8 sampling heap profile (`HeapProfiler.stopSampling`). */
export interface HeapProfileNode {
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly selfSize: number;
  readonly children?: readonly HeapProfileNode[];
}

/** A V8 sampling heap profile. */
export interface HeapProfile {
  readonly head: HeapProfileNode;
}

/** Sampled bytes allocated, in all and by allocating function (most first). */
export function summarizeHeapProfile(
  profile: HeapProfile,
  topN = 12,
): { totalBytes: number; top: { name: string; where: string; bytes: number }[] } {
  const sites = new Map<string, { name: string; where: string; bytes: number }>();
  let total = 0;
  const stack: HeapProfileNode[] = [profile.head];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.selfSize > 0) {
      total += n.selfSize;
      const f = n.callFrame;
      const where = f.url === '' ? '(native)' : `${shortUrl(f.url)}:${f.lineNumber + 1}`;
      const key = `${f.functionName} ${where}`;
      const site = sites.get(key) ?? { name: f.functionName || '(anonymous)', where, bytes: 0 };
      site.bytes += n.selfSize;
      sites.set(key, site);
    }
    stack.push(...(n.children ?? []));
  }
  return {
    totalBytes: total,
    top: [...sites.values()].sort((a, b) => b.bytes - a.bytes).slice(0, topN),
  };
}
