/**
 * What an X bearer token stands for: an app (an app-only Bearer token) or a
 * user (an OAuth 2.0 user token). X decides with it which endpoints answer
 * (the home timeline takes user tokens only, full-archive search app tokens
 * only), which rate limits count, and what `x-access-level` says.
 */
export type XAuth = 'app' | 'user';

/**
 * An API caller: who a bearer token stands for. Page tokens are bound to
 * `scope`, so one principal's page token is useless to another.
 */
export interface Principal {
  /** Token-binding scope, e.g. `owner` or `p:3f9a…`. */
  readonly scope: string;
  /** Display name, for logs and the admin API. */
  readonly name: string;
  /** The Zoom user `me` stands for. */
  readonly zoomUserId: string;
  /** The X user `users/me` stands for. */
  readonly xUserId: bigint;
  /**
   * Whether the token is an X app token or a user token acting as
   * `xUserId`. The default API token is the app's (`app`); principals
   * created through the admin API are users unless asked otherwise.
   */
  readonly xAuth: XAuth;
}
