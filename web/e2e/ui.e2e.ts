// The web UI as people use it, in Debian's chromium against a real verp on a fresh database.
// Each `it` is one story; they run in order and share the data the earlier ones made.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ARTIFACTS, ApiSession, launch, newContext, shot } from './harness';
import { crmFeedbackStories } from './stories-crm-feedback';
import { pipelineStories } from './stories-crm-pipeline';
import { crmServiceStories } from './stories-crm-service';
import { crmCustomersStories } from './stories-crm-customers';
import { crmCampaignsStories } from './stories-crm-campaigns';
import { inventoryStories } from './stories-inventory';
import { ledgerStories } from './stories-ledger';
import { purchasingStories } from './stories-purchasing';
import { receivablesStories } from './stories-receivables';
import { salesStories } from './stories-sales';
import { round2Stories } from './stories-round2';
import { totp } from './totp';

let browser: Browser;
let admin: ApiSession;
let totpSecret = '';
let adminState = '';
let companyB = 0;
let customerB = 0;
const SALES_PASSWORD = 'Sales-A-Passw0rd-2026';

async function expectVisible(page: Page, selector: string) {
  await page.locator(selector).first().waitFor({ state: 'visible' });
}

/**
 * Gzipped bytes (level 9) of every script the page has loaded so far, from the browser's own
 * resource timing; the server sends them uncompressed (a proxy in front would gzip).
 */
async function loadedScripts(page: Page): Promise<Record<string, number>> {
  const urls = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name).filter((n) => new URL(n).pathname.endsWith('.js')));
  const sizes: Record<string, number> = {};
  for (const url of urls) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    sizes[new URL(url).pathname] = gzipSync(body, { level: 9 }).length;
  }
  return sizes;
}
const total = (sizes: Record<string, number>) => Object.values(sizes).reduce((a, b) => a + b, 0);
const KB = 1000;

beforeAll(async () => {
  browser = await launch();
  admin = await ApiSession.signIn('admin', ADMIN_PASSWORD);
  // Second factor for the admin, enrolled through the API the enrolment page uses.
  const enrolment = await admin.ok<{ secret: string; qr_svg: string }>('POST', '/api/v1/auth/totp/enrol');
  expect(enrolment.qr_svg).toContain('<svg');
  totpSecret = enrolment.secret;
  const confirmed = await admin.ok<{ recovery_codes: string[] }>('POST', '/api/v1/auth/totp/confirm', { code: totp(totpSecret) });
  expect(confirmed.recovery_codes).toHaveLength(10);
});

afterAll(async () => {
  await browser?.close();
});

describe('verp web UI', () => {
  it('signs in with password and TOTP, within the initial-load budget', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL('**/login');
    await expectVisible(page, 'input#user_name');
    const signInScripts = await loadedScripts(page);
    await shot(page, '01-sign-in');

    await page.fill('#user_name', 'admin');
    await page.fill('#password', 'wrong-password-123');
    await page.getByRole('button', { name: '登录' }).click();
    await expectVisible(page, '[data-testid=signin-error]');

    await page.fill('#password', ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expectVisible(page, 'input#code');
    await shot(page, '02-mfa');
    // The confirmation used this 30-second step; a code is accepted once, so take the next one.
    await page.fill('#code', totp(totpSecret, 1));
    await page.getByRole('button', { name: '验证' }).click();
    await page.locator('[data-testid=home-ready]').waitFor({ state: 'attached' });
    const homeScripts = await loadedScripts(page);
    await page.locator('[data-testid=task-chart] canvas').waitFor();
    const withChart = await loadedScripts(page);
    await shot(page, '03-home');

    const report = {
      unit: 'bytes of JS, gzip -9, as loaded by chromium',
      sign_in_screen: total(signInScripts),
      home_first_screen: total(homeScripts),
      home_with_deferred_chart: total(withChart),
      scripts: withChart,
    };
    writeFileSync(join(ARTIFACTS, 'initial-load.json'), JSON.stringify(report, null, 2));
    console.log(`initial load (gzip): sign-in screen ${(report.sign_in_screen / KB).toFixed(1)} kB, ` +
      `home ${(report.home_first_screen / KB).toFixed(1)} kB, home with the deferred chart ${(report.home_with_deferred_chart / KB).toFixed(1)} kB`);
    expect(report.sign_in_screen).toBeLessThan(500 * KB);
    expect(report.home_first_screen).toBeLessThan(500 * KB);

    adminState = join(ARTIFACTS, 'admin-state.json');
    await context.storageState({ path: adminState });
    await context.close();
  });

  it('creates a customer: the server refuses a bad e-mail at its field, then saves the fix', async () => {
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto('/e/customer');
    await expectVisible(page, '[data-testid=new-record]');
    await shot(page, '04-customer-list');
    await page.click('[data-testid=new-record]');
    await expectVisible(page, '[data-testid=entity-form]');
    await page.fill('#code', 'E2E-001');
    await page.fill('#name', '华东精密机械有限公司');
    await page.fill('#email', 'not-an-e-mail');
    await page.click('[data-testid=save]');
    const emailError = page.locator('#email_help .ant-form-item-explain-error');
    await emailError.first().waitFor();
    expect((await emailError.first().textContent())?.length).toBeGreaterThan(0);
    await shot(page, '05-customer-validation-error');

    await page.fill('#email', 'sales@huadong-precision.cn');
    await page.fill('#credit_limit', '1234.5');
    await page.click('[data-testid=save]');
    await page.waitForURL(/\/e\/customer\/\d+$/);
    await page.locator('[data-testid=form-title]', { hasText: '华东精密机械有限公司' }).waitFor();
    await shot(page, '06-customer-saved');
    await context.close();
  });

  it('finds the customer by Chinese full-text search and shows money as ¥1,234.50', async () => {
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto('/e/customer');
    await page.locator('[data-testid=list-search] input').fill('精密机械');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: '华东精密机械有限公司' }).waitFor();
    const rows = page.locator('[data-testid=record-table] tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    const creditCell = await rows.first().textContent();
    expect(creditCell).toContain('¥1,234.50');
    await shot(page, '07-customer-search');
    await context.close();
  });

  it('imports a CSV with one bad row: the row is marked, the valid rows are saved', async () => {
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto('/e/customer/import');
    const csv = '编码,客户名称,电子邮箱\nIMP-001,苏州导入测试一厂,a@suzhou-one.cn\nIMP-002,苏州导入测试二厂,bad-address\nIMP-003,苏州导入测试三厂,c@suzhou-three.cn\n';
    await page.locator('.ant-upload input[type=file]').setInputFiles({
      name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8'),
    });
    await expectVisible(page, '[data-testid=import-preview]');
    const bad = page.locator('tr.verp-bad-row');
    expect(await bad.count()).toBe(1);
    expect(await bad.first().textContent()).toContain('IMP-002');
    expect((await page.textContent('[data-testid=row-problem-3]'))?.length).toBeGreaterThan(0);
    await shot(page, '08-import-preview');
    await page.click('[data-testid=import-commit-valid]');
    await expectVisible(page, '[data-testid=import-result]');
    expect(await page.textContent('[data-testid=import-result]')).toContain('2');
    await shot(page, '09-import-done');
    const found = await admin.ok<{ items: unknown[] }>('GET', '/api/v1/customers?q=' + encodeURIComponent('苏州导入测试'));
    expect(found.items).toHaveLength(2);
    await context.close();
  });

  it('exports the customers to an XLSX file that opens with their names', async () => {
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto('/e/customer');
    await page.hover('[data-testid=export]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-xlsx]')]);
    const file = join(ARTIFACTS, 'customers.xlsx');
    await download.saveAs(file);
    const script = [
      'import sys, openpyxl',
      'ws = openpyxl.load_workbook(sys.argv[1]).active',
      'rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]',
      'print("|".join(str(c) for c in rows[0]))',
      'print(len(rows) - 1)',
      'print(any("华东精密机械有限公司" in [str(c) for c in r] for r in rows[1:]))',
    ].join('\n');
    const [headers, count, found] = execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf-8' }).trim().split('\n');
    expect(headers).toContain('客户名称');
    expect(Number(count)).toBe(3);
    expect(found).toBe('True');
    await context.close();
  });

  it('keeps company B’s customer from a user of company A', async () => {
    // Company B with a customer of its own, made by the admin.
    const created = await admin.ok<{ id: number }>('POST', '/api/v1/companies', { code: 'SZ', name: '深圳分公司' });
    companyB = created.id;
    const me = await admin.ok<{ company_id: number }>('GET', '/api/v1/auth/me');
    await admin.ok('POST', '/api/v1/auth/company', { company_id: companyB });
    customerB = (await admin.ok<{ id: number }>('POST', '/api/v1/customers', { code: 'SZ-001', name: '深圳隔离测试客户' })).id;
    await admin.ok('POST', '/api/v1/auth/company', { company_id: me.company_id });
    // A sales user of company A, with a temporary password.
    await admin.call('POST', '/api/v1/roles', { code: 'sales', name: '销售', from_template: 'sales' });
    const user = await admin.ok<{ temporary_password: string }>('POST', '/api/v1/users', {
      user_name: 'sales_a', display_name: '销售甲', roles: ['sales'],
    });

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/login');
    await page.fill('#user_name', 'sales_a');
    await page.fill('#password', user.temporary_password);
    await page.getByRole('button', { name: '登录' }).click();
    await expectVisible(page, 'input#new_password');
    await page.fill('#new_password', SALES_PASSWORD);
    await page.fill('#confirm', SALES_PASSWORD);
    await page.click('button[type=submit]');
    await expectVisible(page, '[data-testid=welcome]');
    // Only the entities the sales role may read are in the menu (no employees, no admin).
    const menu = await page.locator('nav, .ant-menu').first().textContent();
    expect(menu).not.toContain('系统管理');

    await page.goto('/e/customer');
    await page.locator('[data-testid=list-search] input').fill('深圳隔离');
    await page.keyboard.press('Enter');
    await page.waitForLoadState('networkidle');
    await page.locator('.ant-empty').first().waitFor();
    expect(await page.locator('[data-testid=record-table] tbody tr.ant-table-row').count()).toBe(0);
    await page.goto(`/e/customer/${customerB}`);
    await expectVisible(page, '.ant-alert-error');
    await shot(page, '10-other-company-not-found');
    await context.close();
  });

  it('works at 375 px: cards instead of a table, one-column form, menu in a drawer', async () => {
    const context = await newContext(browser, { state: adminState, mobile: true });
    const page = await context.newPage();
    await page.goto('/e/customer');
    await expectVisible(page, '[data-testid=record-cards] .ant-card');
    expect(await page.locator('[data-testid=record-table]').count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(380);
    await shot(page, '11-mobile-customer-cards');
    await page.locator('[data-testid=record-cards] .ant-card-head a').first().click();
    await expectVisible(page, '[data-testid=entity-form]');
    const boxes = await page.locator('[data-testid=entity-form] .ant-card-body > .ant-row > .ant-col').evaluateAll((cols) =>
      cols.slice(0, 4).map((c) => Math.round(c.getBoundingClientRect().left)));
    expect(new Set(boxes).size).toBe(1);
    await shot(page, '12-mobile-customer-form');
    await page.getByRole('button', { name: '菜单' }).click();
    await expectVisible(page, '.ant-drawer .ant-menu');
    await shot(page, '13-mobile-menu');
    await context.close();
  });

  it('shows tasks, notifications and the approvals inbox', async () => {
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    const due = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await admin.ok('POST', '/api/v1/tasks', { title: '回访华东精密', due_at: due });
    await page.goto('/tasks');
    await page.getByRole('tab', { name: '已逾期' }).click();
    await page.getByText('回访华东精密').waitFor();
    await shot(page, '14-tasks');
    await page.getByRole('button', { name: '完成' }).first().click();
    await page.getByText('任务已完成').waitFor();

    // The import job told its user it finished.
    await page.goto('/notifications');
    await page.getByRole('tab', { name: /全部/ }).click();
    await page.locator('.ant-list-item').first().waitFor();
    await shot(page, '15-notifications');

    await page.goto('/approvals');
    await page.locator('[data-testid=approvals-unavailable], .ant-list').first().waitFor();
    await shot(page, '16-approvals');

    await page.goto('/account');
    await expectVisible(page, '[data-testid=sessions] tbody tr.ant-table-row');
    await shot(page, '17-account');

    // English throughout after switching the language.
    await page.goto('/e/customer');
    await page.locator('[data-testid=language-switch]').click();
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'New' }).waitFor();
    await shot(page, '18-customers-en');
    await context.close();
  });

  round2Stories(() => ({ browser, admin, adminState }));
  ledgerStories(() => ({ browser, admin, adminState }));
  receivablesStories(() => ({ browser, admin, adminState }));
  purchasingStories(() => ({ browser, admin, adminState }));
  salesStories(() => ({ browser, admin, adminState }));
  inventoryStories(() => ({ browser, admin, adminState }));
  pipelineStories(() => ({ browser, admin, adminState }));
  crmFeedbackStories(() => ({ browser, admin, adminState }));
  crmServiceStories(() => ({ browser, admin, adminState }));
  crmCustomersStories(() => ({ browser, admin, adminState }));
  crmCampaignsStories(() => ({ browser, admin, adminState }));
});
