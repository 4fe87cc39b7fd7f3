/** How the next page is asked for. */
export type Strategy =
  | {
      /** A token from the body goes back in a query parameter (Zoom, X, Slack). */
      readonly kind: 'token';
      readonly tokenParam: string;
      readonly nextPath: string;
    }
  | {
      /** The `Link: <…>; rel="next"` header gives the next URL (GitHub). */
      readonly kind: 'link';
    }
  | {
      /** The last item's id goes back in a parameter while a flag says more remain (Stripe). */
      readonly kind: 'item-cursor';
      readonly cursorParam: string;
      readonly cursorField: string;
      readonly hasMorePath: string;
    };

/** Everything a preset decides; explicit flags override each field. */
export interface Preset {
  readonly strategy: Strategy;
  /** Path of the item array; `null` = the first top-level array (Zoom, Slack: the key varies per endpoint). */
  readonly itemsPath: string | null;
  /** Path of the total item count, if the API sends one. */
  readonly totalPath: string | null;
  /** Query parameter for the page size. */
  readonly pageSizeParam: string;
  /** Query parameters of a time window, for `--shard`. */
  readonly shardParams: readonly [string, string] | null;
}

/** Names accepted by `--preset`. */
export const PRESET_NAMES = ['zoom', 'x', 'github', 'stripe', 'slack'] as const;
/** One of {@link PRESET_NAMES}. */
export type PresetName = (typeof PRESET_NAMES)[number];

/**
 * The wire conventions of each preset (see WIRE.md). X is the one API whose
 * request parameter depends on the endpoint: search sends `next_token`,
 * timelines and user lists send `pagination_token` (a `next_token` sent to
 * followers is a 400), so the URL decides.
 */
export function presetFor(name: PresetName, url: URL): Preset {
  switch (name) {
    case 'zoom':
      return {
        strategy: { kind: 'token', tokenParam: 'next_page_token', nextPath: 'next_page_token' },
        itemsPath: null,
        totalPath: 'total_records',
        pageSizeParam: 'page_size',
        shardParams: ['from', 'to'],
      };
    case 'x':
      return {
        strategy: {
          kind: 'token',
          tokenParam: /\/search\/(recent|all)$/.test(url.pathname)
            ? 'next_token'
            : 'pagination_token',
          nextPath: 'meta.next_token',
        },
        itemsPath: 'data',
        totalPath: null,
        pageSizeParam: 'max_results',
        shardParams: ['start_time', 'end_time'],
      };
    case 'github':
      return {
        strategy: { kind: 'link' },
        itemsPath: '',
        totalPath: null,
        pageSizeParam: 'per_page',
        shardParams: null,
      };
    case 'stripe':
      return {
        strategy: {
          kind: 'item-cursor',
          cursorParam: 'starting_after',
          cursorField: 'id',
          hasMorePath: 'has_more',
        },
        itemsPath: 'data',
        totalPath: null,
        pageSizeParam: 'limit',
        shardParams: null,
      };
    case 'slack':
      return {
        strategy: {
          kind: 'token',
          tokenParam: 'cursor',
          nextPath: 'response_metadata.next_cursor',
        },
        itemsPath: null,
        totalPath: null,
        pageSizeParam: 'limit',
        shardParams: null,
      };
  }
}
