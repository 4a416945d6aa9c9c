import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp, type App } from '../packages/server/src/app';
import type { Clock } from '../packages/server/src/platform/clock';
import { loadConfig } from '../packages/server/src/platform/config';

const root = join(import.meta.dirname, '..');
export const SCREENSHOTS = join(root, 'e2e/screenshots');

/** A real server on a free loopback port, its own SQLite file, serving the built web app. */
export async function startServer(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<{ url: string; app: App; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
  // E2E_WEB_DIST: a build of the web app elsewhere, so journeys survive a concurrent rebuild of packages/web/dist.
  const webDist = process.env.E2E_WEB_DIST ?? join(root, 'packages/web/dist');
  const config = loadConfig({ SESSION_SECRET: 'e2e-secret-e2e-secret', ...opts.env }, { dataDir, databaseUrl: null, webDist, logLevel: 'warn' });
  const app = await buildApp(config, { logger: false, hashing: { memoryCost: 1024, timeCost: 1 }, ...(opts.clock ? { clock: opts.clock } : {}) });
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.app.server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser, opts: { phone?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(
    opts.phone
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN', reducedMotion: 'reduce' }
      : { viewport: { width: 1366, height: 860 }, locale: 'vi-VN', reducedMotion: 'reduce' },
  );
  // reducedMotion: the app then turns Ant Design's animations off (app.tsx), as it does for anyone asking for
  // less motion; nothing is left half-animated on a loaded machine.
  // Every action waits for a real condition (visible, enabled, stable, receiving the click; a navigation
  // committed). On a loaded machine the page gets there later than Playwright's default 30 s allows.
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return { context, page };
}

/** How long one action or wait may take; generous, because each one waits for a condition the user would see. */
export const ACTION_TIMEOUT_MS = 90_000;

/** Saves a full-page screenshot under e2e/screenshots (a CI artifact, and something a person looks at). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Waits until no dropdown is open and nothing is in an Ant Design motion (a dialog zooming in or out, a
 * message sliding, a dropdown fading): a click on a dialog still zooming in lands where its button is not
 * yet, a closing dialog's `.ant-modal-wrap` takes the clicks meant for the page under it, AntD's closing
 * listbox has no name while it fades, and fading text has no settled contrast. Motion classes are
 * `<name>-appear|enter|leave` plus `-prepare|-start|-active` for the phases; all phases count, so a
 * motion that has not started its active phase yet is not taken for a finished one. Motions inside
 * buttons are not waited for.
 */
export async function settled(page: Page): Promise<void> {
  const inMotion = () =>
    page.evaluate(() => {
      const motion = /^ant-[\w-]*-(appear|enter|leave)(-(prepare|start|active))?$/;
      const dropdown = '.ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-picker-dropdown:not(.ant-picker-dropdown-hidden)';
      const shown = (e: Element) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      // A button's own spinner and click wave move inside it and never cover anything; a spinner's
      // leave motion can also stay behind when the button re-renders mid-motion.
      const moving = Array.from(document.querySelectorAll('[class]')).filter(
        (e) => !e.closest('.ant-btn') && Array.from(e.classList).some((c) => motion.test(c)),
      );
      return [...moving, ...Array.from(document.querySelectorAll(dropdown))].filter(shown).map((e) => e.className);
    });
  await expect.poll(inMotion, { timeout: ACTION_TIMEOUT_MS }).toEqual([]);
}

/**
 * Clicks `trigger` and answers the dialog it opens (by its accessible name, when given), once the dialog
 * is visible and has finished zooming in.
 */
export async function openDialog(page: Page, trigger: Locator, name?: string | RegExp): Promise<Locator> {
  await trigger.click();
  const dialog = name === undefined ? page.getByRole('dialog') : page.getByRole('dialog', { name, exact: typeof name === 'string' });
  await expect.poll(() => dialog.isVisible(), { timeout: ACTION_TIMEOUT_MS }).toBe(true);
  await settled(page);
  return dialog;
}

/** Waits until `dialog` has closed and its mask and wrapper have faded out, so the page under it takes clicks again. */
export async function dialogClosed(page: Page, dialog: Locator): Promise<void> {
  await expect.poll(() => dialog.isVisible(), { timeout: ACTION_TIMEOUT_MS }).toBe(false);
  await expect.poll(() => page.locator('.ant-modal-wrap, .ant-modal-mask').filter({ visible: true }).count(), { timeout: ACTION_TIMEOUT_MS }).toBe(0);
}

/**
 * Runs `act` (a click that sends a request) and answers the response to `method` on a path matching
 * `path`, failing with the answer's body when it is not a success: a refused save says why, instead of
 * a message that never shows.
 */
export async function answered(page: Page, method: string, path: RegExp, act: () => Promise<unknown>): Promise<Response> {
  const response = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname), { timeout: ACTION_TIMEOUT_MS });
  const [res] = await Promise.all([response, act()]);
  expect(res.status(), `${method} ${new URL(res.url()).pathname}: ${await res.text().catch(() => '')}`).toBeLessThan(300);
  return res;
}

/**
 * Runs `act` and expects Ant Design's message (toast) containing `text` to show meanwhile. A message
 * hides itself after 3 s, and on a busy machine the test process may look later than that; so the page
 * itself watches for it on every frame from before the action, and the assertion cannot miss it.
 * Callers check the durable state the action left (a row, a status) as well.
 */
export async function expectMessage(page: Page, text: string, act: () => Promise<unknown>): Promise<void> {
  const shown = page
    .waitForFunction((t) => Array.from(document.querySelectorAll('.ant-message-notice')).some((n) => (n.textContent ?? '').includes(t)), text, {
      timeout: ACTION_TIMEOUT_MS,
    })
    .then(
      () => null,
      (e: Error) => e,
    );
  await act();
  const failed = await shown;
  if (failed) throw new Error(`the message "${text}" never showed: ${failed.message}`);
}

/**
 * Accessibility basics with axe-core (WCAG 2 A/AA rules: labels, contrast, landmarks, names).
 * Evaluated through the DevTools protocol, so the page's strict CSP stays on.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // The pointer stays where the last click was; a control that the new page put under it would be checked
  // in its hover colours (a passing state), so the check starts with the pointer off the controls.
  await page.mouse.move(0, 0);
  await settled(page);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

/**
 * First-run setup through the API: one agency and its administrator `quantri` / `Quantri2026`.
 * `agencyCode` (e.g. 000.00.12.H49) is the identifier dossier codes start with; without it no dossier can be received.
 */
export async function setupAdmin(url: string, agencyName: string, agencyCode?: string): Promise<void> {
  const res = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      agencyName,
      agencyKind: 'department',
      ...(agencyCode ? { agencyCode } : {}),
      username: 'quantri',
      fullName: 'Quản trị viên',
      password: 'Quantri2026',
    }),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

/** Fills the login page and submits; the caller waits for where the app should go next. */
export async function loginThroughPage(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Fills the login page, submits and waits for the home page (a user whose first password is already changed). */
export async function loginToHome(page: Page, url: string, username: string, password: string): Promise<void> {
  await loginThroughPage(page, url, username, password);
  await page.waitForURL((u) => u.pathname === '/');
}

/**
 * Logs out through the account menu and waits for the login page. `account` names the account button;
 * with `fullName`, first waits until the button shows who is signed in.
 */
export async function logoutThroughPage(page: Page, account: string | RegExp = 'Tài khoản', fullName?: string): Promise<void> {
  const button = page.getByRole('button', { name: account }).first();
  if (fullName) await expect.poll(() => button.innerText()).toContain(fullName);
  await button.click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await page.waitForURL(/\/login/);
}

/** A tiny API client that keeps the session cookie, for setting the scene without the UI. */
export class ApiClient {
  private cookie = '';
  constructor(private readonly base: string) {}

  /** A GET whatever its status, for probing endpoints. */
  async probe(path: string): Promise<{ status: number; type: string; bytes: number }> {
    const res = await fetch(`${this.base}${path}`, { headers: this.cookie ? { Cookie: this.cookie } : {} });
    const body = await res.arrayBuffer();
    return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: body.byteLength };
  }

  /** A call that must succeed (status below 300); answers the parsed JSON body. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(this.cookie ? { Cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie();
    if (setCookie.length > 0) this.cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export interface UnitRow {
  id: string;
  parentId: string | null;
  name: string;
}

/** The top-level unit (the agency set up first). */
export async function rootUnit(admin: ApiClient): Promise<UnitRow> {
  const units = await admin.call<{ items: UnitRow[] }>('GET', '/api/units');
  return units.items.find((u) => u.parentId === null)!;
}

/** The password an administrator gives a new user; the first login must change it. */
export const FIRST_PASSWORD = 'Banđau2026';

/**
 * Creates a user with one role on a unit through the API as `admin`, then changes the first password to
 * `password`, so the browser lands on the home page at the first login. Answers the user's id.
 */
export async function createUserWithRole(
  admin: ApiClient,
  url: string,
  user: { username: string; fullName: string; unitId: string; role: string; password: string },
): Promise<string> {
  const { username, fullName, unitId, role, password } = user;
  const created = await admin.call<{ id: string }>('POST', '/api/users', { username, fullName, unitId, password: FIRST_PASSWORD, grants: [{ role, unitId }] });
  const client = new ApiClient(url);
  await client.call('POST', '/api/auth/login', { username, password: FIRST_PASSWORD });
  await client.call('POST', '/api/auth/password', { currentPassword: FIRST_PASSWORD, newPassword: password });
  return created.id;
}
