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
}
