// @ts-check
/**
 * The console's live stream: Server-Sent Events read with fetch(), so the
 * admin token travels in the Authorization header (EventSource cannot send
 * headers, and a token in the URL would end up in logs and history).
 * Reconnects with a growing pause; stops for good on a 401.
 */

/**
 * @typedef {'connecting' | 'live' | 'reconnecting' | 'unauthorized' | 'closed'} LiveState
 * @typedef {{
 *   url: string,
 *   headers: () => Record<string, string>,
 *   onEvent: (name: string, data: any) => void,
 *   onState: (state: LiveState, detail?: string) => void,
 * }} LiveOptions
 */

/**
 * Opens the stream; returns a function that closes it.
 * @param {LiveOptions} options
 * @returns {() => void}
 */
export function connectLive(options) {
  const controller = new AbortController();
  let closed = false;
  let pause = 1000;

  const run = async () => {
    while (!closed) {
      options.onState('connecting');
      try {
        const res = await fetch(options.url, {
          headers: { ...options.headers(), accept: 'text/event-stream' },
          cache: 'no-store',
          signal: controller.signal,
        });
        if (res.status === 401) {
          options.onState('unauthorized');
          return;
        }
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        options.onState('live');
        pause = 1000;
        await readEvents(res.body, options.onEvent);
        if (!closed) options.onState('reconnecting', 'the stream ended');
      } catch (err) {
        if (closed) return;
        options.onState('reconnecting', err instanceof Error ? err.message : String(err));
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 10_000);
    }
  };
  void run();
  return () => {
    closed = true;
    controller.abort();
    options.onState('closed');
  };
}

/**
 * Reads `event:`/`data:` blocks until the body ends (comment lines, used as heartbeats, are skipped).
 * @param {ReadableStream<Uint8Array>} body
 * @param {(name: string, data: any) => void} onEvent
 */
async function readEvents(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      dispatch(block, onEvent);
      end = buffer.indexOf('\n\n');
    }
  }
}

/**
 * @param {string} block
 * @param {(name: string, data: any) => void} onEvent
 */
function dispatch(block, onEvent) {
  let name = 'message';
  /** @type {string[]} */
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return;
  onEvent(name, JSON.parse(data.join('\n')));
}
