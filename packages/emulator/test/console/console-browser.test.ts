import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/index.js';
import { createDb, getJson, type TestDb, testOptions } from '../emulator-fixtures.js';
import { launchChromium, skipBrowserTests } from './chromium.js';

/** Screenshots of every view at both widths (gitignored; look at them after a change). */
const SHOTS = join(import.meta.dirname, '..', '..', '..', '..', '.tmp', 'console-screenshots');
const ADMIN = 'test-admin-token';
const API = 'test-api-token';
const WAIT = { timeout: 15_000 };
/**
 * The focused element and whether its outline shows (run in the page; a string, as this
 * file is compiled without the DOM library).
 */
const FOCUS = `(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    name: el.tagName + ':' + (el.id || el.textContent.trim()),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
})()`;

describe.skipIf(skipBrowserTests)('the console in a real browser (Chromium)', () => {
  let emu: RunningEmulator;
  let db: TestDb;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const problems: string[] = [];

  const api = (path: string) => getJson(`${emu.url}${path}`, API);
  const show = async (view: string) => {
    await page.evaluate(`location.hash = ${JSON.stringify(view)}`);
    await page.locator(`#view-${view}`).waitFor({ state: 'visible', ...WAIT });
  };
  const shot = (name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = await createDb('sqlite');
    emu = await startEmulator(testOptions(db, { rateLimit: 'scaled' }));
    browser = await launchChromium({ width: 1280, height: 900 });
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
    await db?.drop();
  });

  it('asks for the admin token once, keeps it for the tab, and goes live', async () => {
    await page.goto(`${emu.url}/__admin/`);
    await page.locator('#login').waitFor({ state: 'visible', ...WAIT });
    expect(await page.locator('#tabs').isHidden()).toBe(true);
    await shot('1280-login');
    await page.fill('#admin-token', ADMIN);
    await page.press('#admin-token', 'Enter');
    await page.locator('#status[data-state="live"]').waitFor(WAIT);
    expect(await page.locator('#view-traffic').isVisible()).toBe(true);
    // The token is in sessionStorage, never in the URL; a reload does not ask again.
    expect(page.url()).not.toContain(ADMIN);
    await page.reload();
    await page.locator('#status[data-state="live"]').waitFor(WAIT);
    expect(await page.locator('#login').isHidden()).toBe(true);
  });

  it('shows API requests live, and the 503s of a fault applied from the form', async () => {
    for (let i = 0; i < 3; i++) expect((await api('/v2/users?page_size=5')).status).toBe(200);
    await page.locator('#traffic-table tbody tr[data-status="200"]').nth(2).waitFor(WAIT);
    const first = page.locator('#traffic-table tbody tr').first();
    expect(await first.locator('td.path').textContent()).toContain('/v2/users?page_size=5');
    expect(await first.locator('td').nth(3).textContent()).toBe('owner');

    await show('faults');
    await page.fill('#fault-errorRate', '1');
    await page.click('#faults-form button[type="submit"]');
    await page.locator('#faults-message', { hasText: 'Applied' }).waitFor(WAIT);
    expect(await page.locator('#faults-summary').textContent()).toContain('error rate 1');
    expect((await getJson(`${emu.url}/__admin/faults`, ADMIN)).body['errorRate']).toBe(1);
    await shot('1280-faults');

    for (let i = 0; i < 4; i++) expect((await api('/2/users/me')).status).toBe(503);
    await show('traffic');
    const failed = page.locator('#traffic-table tbody tr[data-status="503"]');
    await failed.nth(3).waitFor(WAIT);
    expect(await failed.first().locator('td.status').textContent()).toContain('injected error');
    expect(await failed.first().getAttribute('class')).toContain('status-error');

    await show('faults');
    await page.click('#faults-clear');
    await page.locator('#faults-message', { hasText: 'Faults cleared' }).waitFor(WAIT);
    expect((await api('/2/users/me')).status).toBe(200);
  });

  it('highlights a 429 in the traffic and in the rate limits, with the window counting down', async () => {
    // X followers: 15 requests per window (15 s in scaled mode); 31 in a row cross the limit
    // even if a window boundary falls among them.
    const id = (await api('/2/users/me')).body['data'] as { id: string };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await api(`/2/users/${id.id}/followers?max_results=1`)).status);
    }
    expect(statuses).toContain(429);
    await show('traffic');
    await page.locator('#traffic-table tbody tr.status-limited').first().waitFor(WAIT);
    await shot('1280-traffic');
    await show('limits');
    const row = page.locator('#limits-table tbody tr[data-bucket="x:followers"]');
    await row.waitFor(WAIT);
    expect(await row.getAttribute('class')).toContain('status-limited');
    expect(await row.locator('td.state').textContent()).toContain('429 at');
    expect(await row.locator('td').first().textContent()).toBe('owner');
    expect(await page.locator('#limits-mode').textContent()).toContain('scaled');
    await shot('1280-limits');
  });

  it('walks a list three pages deep; every decoded cursor holds the last row of its page', async () => {
    await show('walk');
    await page
      .locator('#walk-endpoint option[value="x.user_tweets"]')
      .waitFor({ state: 'attached', ...WAIT });
    await page.selectOption('#walk-endpoint', 'x.user_tweets');
    const author = await page.inputValue('#walk-param-id');
    await page.click('#walk-first');
    const walked: string[][] = [];
    for (let n = 1; n <= 3; n++) {
      if (n > 1) await page.click('#walk-next');
      const step = page.locator(`#walk-steps li[data-page="${n}"]`);
      await step.waitFor(WAIT);
      expect(await step.getAttribute('data-status')).toBe('200');
      const ids = await step
        .locator('table.items tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));
      expect(ids).toHaveLength(10);
      walked.push(ids);
      const next = step.locator('[data-token="next"]');
      const keys = await next
        .locator('.token-card tr[data-key]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-value') ?? ''));
      // The cursor is (created_at, id) of the page's last post, as stored in the database.
      const last = ids.at(-1)!;
      const row = await emu.app.emulator.context.handle.db
        .selectFrom('x_tweets')
        .select(['created_at', 'id', 'author_id'])
        .where('id', '=', BigInt(last))
        .executeTakeFirstOrThrow();
      expect(keys).toEqual([String(row.created_at), String(row.id)]);
      expect(String(row.author_id)).toBe(author);
      expect(await next.locator('.token-card').getAttribute('data-direction')).toBe('after');
      expect(await next.locator('[data-cursor-check]').getAttribute('data-cursor-check')).toBe(
        'match',
      );
      for (const check of ['scope', 'query']) {
        expect(
          await next.locator(`[data-check="${check}"]`).getAttribute('data-result'),
          `page ${n} next token ${check}`,
        ).toBe('match');
        if (n > 1) {
          expect(
            await step
              .locator(`[data-token="sent"] [data-check="${check}"]`)
              .getAttribute('data-result'),
          ).toBe('match');
        }
      }
    }
    await shot('1280-walk');
    // The same three pages straight from the API.
    let token: string | undefined;
    for (const ids of walked) {
      const page = await api(
        `/2/users/${author}/tweets?max_results=10&tweet.fields=created_at${token ? `&pagination_token=${token}` : ''}`,
      );
      expect((page.body['data'] as { id: string }[]).map((t) => t.id)).toEqual(ids);
      token = (page.body['meta'] as { next_token: string }).next_token;
    }
  });

  it('opens a pasted token and refuses a tampered one', async () => {
    const token = await page
      .locator('#walk-steps li[data-page="3"] [data-token="next"] .token-text code')
      .textContent();
    await page.click('#inspect-box summary');
    await page.fill('#inspect-token', token ?? '');
    await page.click('#inspect-form button[type="submit"]');
    await page.locator('#inspect-result [data-check="query"][data-result="match"]').waitFor(WAIT);
    const flipped = `${token!.slice(0, 20)}${token![20] === 'A' ? 'B' : 'A'}${token!.slice(21)}`;
    await page.fill('#inspect-token', flipped);
    await page.click('#inspect-form button[type="submit"]');
    await page.locator('#inspect-result [data-refused="tampered"]').waitFor(WAIT);
  });

  it('shows the dataset with copyable commands that name the token variables, not the tokens', async () => {
    await show('dataset');
    const cell = page.locator('#dataset-counts tr[data-table="x_tweets"] td').first();
    await cell.waitFor(WAIT);
    const counted = await emu.app.emulator.context.handle.db
      .selectFrom('x_tweets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number((await cell.textContent())?.replaceAll(',', ''))).toBe(Number(counted.n));
    const commands = await page.locator('ul.commands code').allTextContents();
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const c of commands) {
      expect(c).toContain(emu.url);
      expect(c).not.toContain(API);
      expect(c).not.toContain(ADMIN);
      // Every API command works as printed (URL encoding included), with the token filled in.
      if (c.includes('$PAGEWISE_API_TOKEN')) {
        const url = /"(http[^"]+)"/.exec(c)?.[1] ?? '';
        const res = await getJson(url, API);
        // 429: the followers window the test above exhausted (15 s) may still be closed.
        expect([200, 429], c).toContain(res.status);
      }
    }
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: emu.url,
    });
    await page.locator('ul.commands button.copy').first().click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(commands[0]);
    await shot('1280-dataset');
  });

  it('can be used from the keyboard alone, with the focus always visible', async () => {
    await show('traffic');
    await page.reload(); // focus starts at the top of the page
    await page.locator('#status[data-state="live"]').waitFor(WAIT);
    await page.bringToFront(); // the clipboard check above leaves the window unfocused
    const seen: string[] = [];
    // Through the header and the traffic view's controls (after them, focus leaves the page).
    while (seen.at(-1) !== 'INPUT:traffic-filter' && seen.length < 15) {
      await page.keyboard.press('Tab');
      const focus = (await page.evaluate(FOCUS)) as { name: string; outline: boolean };
      seen.push(focus.name);
      expect(focus.outline, `visible focus on ${focus.name}`).toBe(true);
    }
    expect(seen).toEqual([
      'A:Skip to content',
      'BUTTON:sign-out',
      'A:Live traffic',
      'A:Rate limits',
      'A:Faults & churn',
      'A:Walk a list',
      'A:Dataset',
      'BUTTON:traffic-pause',
      'INPUT:traffic-filter',
    ]);
    // Buttons work with Space and Enter.
    await page.locator('#traffic-pause').focus();
    await page.keyboard.press('Space');
    expect(await page.getAttribute('#traffic-pause', 'aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#traffic-pause', 'aria-pressed')).toBe('false');
    // Open a view with Enter (focus moves to its heading), then reach and press a button.
    await page.locator('#tabs a[href="#faults"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('#view-faults').waitFor({ state: 'visible', ...WAIT });
    expect(await page.evaluate('document.activeElement.id')).toBe('faults-title');
    await page.evaluate("document.getElementById('faults-message').replaceChildren()");
    let onClear = false;
    for (let i = 0; i < 30 && !onClear; i++) {
      await page.keyboard.press('Tab');
      onClear = (await page.evaluate("document.activeElement.id === 'faults-clear'")) === true;
    }
    expect(onClear).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#faults-message', { hasText: 'Faults cleared' }).waitFor(WAIT);
  });

  it('is readable at 800 px wide: nothing wider than the window', async () => {
    await page.setViewportSize({ width: 800, height: 900 });
    for (const view of ['traffic', 'limits', 'faults', 'walk', 'dataset']) {
      await show(view);
      if (view === 'walk') {
        // The reload above emptied the walk: two pages for the picture.
        await page.click('#walk-first');
        await page.locator('#walk-steps li[data-page="1"]').waitFor(WAIT);
        await page.click('#walk-next');
        await page.locator('#walk-steps li[data-page="2"]').waitFor(WAIT);
      }
      const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
      expect(width, view).toBeLessThanOrEqual(800);
      await shot(`800-${view}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('logged no console error, and its live stream ends when the page goes', async () => {
    expect(problems).toEqual([]);
    const open = async () =>
      (await getJson(`${emu.url}/__admin/console/traffic?limit=1`, ADMIN)).body['openStreams'];
    expect(await open()).toBe(1);
    await page.close();
    let streams = await open();
    for (let i = 0; i < 50 && streams !== 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      streams = await open();
    }
    expect(streams).toBe(0);
  });
});
