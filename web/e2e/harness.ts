// What the browser tests share: the server's address, an API client with its own session,
// chromium, and where screenshots and downloads go.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const BASE_URL = process.env.VERP_URL ?? 'http://127.0.0.1:8080';
export const ADMIN_PASSWORD = process.env.VERP_E2E_ADMIN_PASSWORD ?? 'Verp-E2e-Strong-Pass-2026';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = process.env.VERP_E2E_ARTIFACTS ?? join(root, 'build/e2e-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    timeout: 60_000,
  });
}

export async function newContext(browser: Browser, options: { mobile?: boolean; state?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'zh-CN',
    acceptDownloads: true,
    storageState: options.state as never,
    ...(options.mobile
      ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
      : { viewport: { width: 1366, height: 900 } }),
  });
  context.setDefaultTimeout(20_000);
  return context;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A signed-in API session (cookie + CSRF token), as the browser would hold it. */
export class ApiSession {
  cookie = '';
  csrf = '';

  async call<T = any>(method: string, path: string, body?: unknown, raw?: { data: Buffer | string; type: string }): Promise<{ status: number; data: T }> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': 'zh-CN' };
    if (this.cookie) headers.Cookie = this.cookie;
    if (method !== 'GET' && this.csrf) headers['X-CSRF-Token'] = this.csrf;
    let payload: string | Buffer | undefined;
    if (raw) {
      payload = raw.data;
      headers['Content-Type'] = raw.type;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(BASE_URL + path, { method, headers, body: payload });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    let data: any = text;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    if (data && typeof data === 'object' && typeof data.csrf_token === 'string' && data.csrf_token) this.csrf = data.csrf_token;
    return { status: response.status, data };
  }

  async ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.data)}`);
    return r.data;
  }

  static async signIn(user: string, password: string): Promise<ApiSession> {
    const s = new ApiSession();
    const r = await s.call('POST', '/api/v1/auth/login', { user_name: user, password });
    if (r.status !== 200) throw new Error(`sign-in of ${user}: ${r.status} ${JSON.stringify(r.data)}`);
    return s;
  }
}
