import { randomFillSync } from 'node:crypto';

/** GCM nonce size: 96 bits, the size GCM is designed for. */
export const NONCE_SIZE = 12;

// One randomFillSync per 512 nonces instead of one per token: the CSPRNG
// call dominates otherwise. Every nonce is handed out once and copied into
// the token synchronously, before the pool can be refilled.
const pool = Buffer.allocUnsafe(NONCE_SIZE * 512);
let offset = pool.length;

/**
 * A fresh random 96-bit nonce (a view into the pool: copy it before the
 * next call).
 *
 * @internal
 */
export function nextNonce(): Buffer {
  if (offset + NONCE_SIZE > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const nonce = pool.subarray(offset, offset + NONCE_SIZE);
  offset += NONCE_SIZE;
  return nonce;
}
