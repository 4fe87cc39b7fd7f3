/**
 * The Dashboard's `has_*` flags in the order Zoom sends them, one bit each
 * of a `features` column (bit 0 `has_pstn` … bit 9 `has_automated_captions`).
 * Meetings carry the first seven, webinars all ten.
 */
const FEATURE_FLAGS = [
  'has_pstn',
  'has_voip',
  'has_3rd_party_audio',
  'has_video',
  'has_screen_share',
  'has_recording',
  'has_sip',
  'has_archiving',
  'has_manual_captions',
  'has_automated_captions',
] as const;

/** How many flags a Dashboard meeting carries (a webinar carries them all). */
export const MEETING_FEATURE_FLAGS = 7;

/** Sets the first `count` Dashboard feature flags on `item`, in Zoom's order, from `features`' bits. */
export function setFeatureFlags(
  item: Record<string, unknown>,
  features: number,
  count: number = FEATURE_FLAGS.length,
): void {
  for (let i = 0; i < count; i++) item[FEATURE_FLAGS[i] as string] = (features & (1 << i)) !== 0;
}
