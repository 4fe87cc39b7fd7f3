// @ts-check
/** Calls to the admin API with the bearer token kept in this tab's sessionStorage. */

const KEY = 'pagewise.console.adminToken';

/** Thrown when the admin token is missing or refused (401): the console asks for it again. */
export class Unauthorized extends Error {
  constructor() {
    super('The admin token was refused.');
    this.name = 'Unauthorized';
  }
}

/** The saved admin token, or null. */
export function savedToken() {
  return sessionStorage.getItem(KEY);
}

/** @param {string} token */
export function saveToken(token) {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}

/** Headers of every admin call. */
export function authHeaders() {
  return { authorization: `Bearer ${savedToken() ?? ''}` };
}

/**
 * Calls the admin API and returns its JSON.
 * @param {string} path e.g. `/__admin/faults`
 * @param {{ method?: string, body?: unknown }} [options]
 * @returns {Promise<any>}
 * @throws {Unauthorized} on a 401; Error with the API's message on other errors.
 */
export async function admin(path, options = {}) {
  /** @type {Record<string, string>} */
  const headers = { ...authHeaders() };
  /** @type {RequestInit} */
  const init = { method: options.method ?? 'GET', headers, cache: 'no-store' };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const res = await fetch(path, init);
  if (res.status === 401) throw new Unauthorized();
  const text = await res.text();
  /** @type {any} */
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { error: text };
  }
  if (!res.ok) {
    const error = new Error(body?.error ?? `${res.status} ${res.statusText}`);
    Object.assign(error, { status: res.status, body });
    throw error;
  }
  return body;
}
