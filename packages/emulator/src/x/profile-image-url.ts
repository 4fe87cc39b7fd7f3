import { createHash } from 'node:crypto';
import { snowflake, snowflakeTime } from '../data/ids.js';

const DAY = 86_400_000;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A user's `profile_image_url` in X's pattern,
 * `https://pbs.twimg.com/profile_images/{id}/{name}_normal.{ext}`: `{id}`
 * a snowflake (the image's upload, within 30 days after the account's
 * creation), `{name}` 8 base-62 characters, `{ext}` `jpg` or (one in
 * eight) `png`, all drawn from a hash of the user id, so a user keeps one
 * URL and dropping `_normal` gives the full-size image's different URL,
 * as on X.
 */
export function profileImageUrl(userId: bigint | string | number): string {
  const id = BigInt(userId as bigint);
  const hash = createHash('sha256').update(`profile-image:${id}`).digest();
  const uploadedAt = snowflakeTime(id) + (hash.readUInt32BE(0) % (30 * DAY));
  const imageId = snowflake(uploadedAt, hash.readUInt16BE(4));
  let name = '';
  for (let i = 0; i < 8; i++) name += BASE62[(hash[6 + i] as number) % 62];
  const ext = ((hash[14] as number) & 7) === 0 ? 'png' : 'jpg';
  return `https://pbs.twimg.com/profile_images/${imageId}/${name}_normal.${ext}`;
}
