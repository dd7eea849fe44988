// The general ledger as an accountant's month, against the real server: the admin sets up the
// finance role, a preparer and a reviewer, the standard chart and this year's periods; the
// preparer types a voucher with the keyboard only (and first sees an unbalanced one refused at
// the totals); the reviewer reviews and posts the month's vouchers in bulk, then reads the trial
// balance, the bank ledger and the statements, downloading each as XLSX. Registered inside
// ui.e2e.ts's describe, after the other stories, on the same server.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ApiSession, ARTIFACTS, newContext, shot } from './harness';
import type { Env } from './stories-round2';

export const PREPARER = { user: 'kuaiji_wang', name: '会计小王', password: 'Ledger-Month-Passw0rd-1' };
export const REVIEWER = { user: 'zhuguan_li', name: '财务主管李', password: 'Ledger-Month-Passw0rd-2' };

/** First sign-in with the temporary password: the user chooses their own and lands on the home page. */
export async function firstSignIn(browser: Browser, user: string, temporary: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto('/login');
  await page.fill('#user_name', user);
  await page.fill('#password', temporary);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('input#new_password').waitFor();
  await page.fill('#new_password', password);
  await page.fill('#confirm', password);
  await page.click('button[type=submit]');
  await page.locator('[data-testid=welcome]').waitFor();
  return { context, page };
}

async function focused(page: Page, id: string) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 5_000 });
}

/** Picks an account in the grid by typing its code and Enter, as an accountant does. */
async function typeAccount(page: Page, code: string) {
  await page.keyboard.type(code);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: code }).waitFor();
  await page.keyboard.press('Enter');
}

/** Clicks a download button and opens the file with openpyxl: every cell's text, row by row. */
export async function downloaded(page: Page, testId: string, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testId}]`)]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = join(ARTIFACTS, name);
  await download.saveAs(file);
  const script = [
    'import sys, openpyxl',
    'ws = openpyxl.load_workbook(sys.argv[1]).active',
    'print("\\n".join("|".join("" if c is None else str(c) for c in r) for r in ws.iter_rows(values_only=True)))',
  ].join('\n');
  return execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf-8' });
}

export function ledgerStories(env: () => Env) {
  it('an accountant’s month: keyboard voucher entry, bulk review and posting, trial balance, ledger, statements', async () => {
    const { browser, admin } = env();
    const year = new Date().getFullYear();
    const month = `${year}-${String(new Date().getMonth() + 1).padStart(2, '0')}`;

    // Set-up through the API: the finance role, its two people, the chart and the year.
    await admin.ok('POST', '/api/v1/roles', { code: 'accountant', name: '会计', from_template: 'finance' });
    const preparer = await admin.ok<{ temporary_password: string }>('POST', '/api/v1/users', {
      user_name: PREPARER.user, display_name: PREPARER.name, roles: ['accountant'] });
    const reviewer = await admin.ok<{ temporary_password: string }>('POST', '/api/v1/users', {
      user_name: REVIEWER.user, display_name: REVIEWER.name, roles: ['accountant'] });
    const chart = await admin.ok<{ created: number }>('POST', '/api/v1/accounts/standard-chart');
    expect(chart.created).toBeGreaterThan(50);
    await admin.ok('POST', '/api/v1/fiscal-years', { year });

    // ---- the preparer, keyboard only ----------------------------------------------------------
    const prep = await firstSignIn(browser, PREPARER.user, preparer.temporary_password, PREPARER.password);
    const page = prep.page;
    await page.goto('/finance/vouchers/new');
    await page.locator('[data-testid=voucher-grid]').waitFor();
    await focused(page, 'vc-0-summary');
    await page.keyboard.type('收到股东投资款');
    await page.keyboard.press('Enter');
    await focused(page, 'vc-0-account');
    await typeAccount(page, '1002');
    await focused(page, 'vc-0-debit');
    await page.keyboard.type('10000');
    await page.keyboard.press('Enter');
    // A blank summary repeats the one above (the server does too).
    await focused(page, 'vc-1-summary');
    await page.keyboard.press('Enter');
    await focused(page, 'vc-1-account');
    await typeAccount(page, '4001');
    await focused(page, 'vc-1-debit');
    await page.keyboard.press('Enter');
    await focused(page, 'vc-1-credit');
    // A slip of the finger: the credit is a cent short, and the server refuses it at the totals.
    await page.keyboard.type('9999.99');
    await page.keyboard.press('Control+s');
    const linesError = page.locator('[data-testid=lines-error]');
    await linesError.waitFor();
    expect(await linesError.textContent()).toContain('不相等');
    await expect.poll(() => page.locator('[data-testid=balance-state]').textContent()).toContain('0.01');
    expect(page.url()).toMatch(/\/finance\/vouchers\/new$/);
    await shot(page, '40-voucher-unbalanced');

    // "=" fills the credit that balances the voucher; Ctrl+S saves it as 记-0001, a draft.
    await focused(page, 'vc-1-credit');
    await page.keyboard.press('=');
    await expect.poll(() => page.locator('[data-testid=credit-total]').textContent()).toBe('10,000.00');
    expect(await page.locator('[data-testid=balance-state]').textContent()).toBe('借贷平衡');
    expect(await linesError.count()).toBe(0);
    expect(await page.locator('[data-testid=amount-in-words]').textContent()).toContain('壹万元整');
    await page.keyboard.press('Control+s');
    await page.waitForURL(/\/finance\/vouchers\/\d+$/);
    await page.locator('[data-testid=voucher-title]', { hasText: '记-0001' }).waitFor();
    expect(await page.locator('[data-testid=voucher-state]').textContent()).toBe('草稿');
    expect(await page.locator('[data-testid=voucher-preparer]').textContent()).toBe(PREPARER.name);
    // Saved, the lines read back: the repeated summary, both accounts, debit and credit.
    expect(await page.locator('[data-testid=voucher-line-1]').locator('#vc-1-summary').inputValue()).toBe('收到股东投资款');
    expect(await page.locator('[data-testid=credit-total]').textContent()).toBe('10,000.00');
    // The preparer is not offered the review the server would refuse them.
    expect(await page.getByRole('button', { name: '审核', exact: true }).count()).toBe(0);
    // The bank's receipt slip goes with the voucher as its source document.
    await page.locator('[data-testid=voucher-files] input[type=file]').setInputFiles({
      name: '银行进账单.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAF0lEQVR4nGP4z8BAEiJN9aiGUQ1DSgMAkPn/Afnh+ngAAAAASUVORK5CYII=', 'base64'),
    });
    await page.locator('[data-testid=voucher-files] .ant-list-item', { hasText: '银行进账单.png' }).waitFor();
    await shot(page, '41-voucher-entry');

    // Two more vouchers of the month through the API, so the statements have a profit to show.
    const api = await ApiSession.signIn(PREPARER.user, PREPARER.password);
    const today = new Date().toISOString().slice(0, 10);
    await api.ok('POST', '/api/v1/vouchers', { date: today, lines: [
      { summary: '销售材料收入', account: '1002', debit: '3000.00' }, { summary: '', account: '6051', credit: '3000.00' }] });
    await api.ok('POST', '/api/v1/vouchers', { date: today, lines: [
      { summary: '结转材料成本及手续费', account: '6402', debit: '1200.00' }, { summary: '', account: '6603', debit: '50.00' },
      { summary: '', account: '1002', credit: '1250.00' }] });
    await prep.context.close();

    // ---- the reviewer: bulk review and post -----------------------------------------------------
    const rev = await firstSignIn(browser, REVIEWER.user, reviewer.temporary_password, REVIEWER.password);
    const list = rev.page;
    await list.goto(`/finance/vouchers?period=${month}`);
    const rows = list.locator('.ant-table-tbody tr.ant-table-row');
    await list.locator('.ant-table-tbody tr.ant-table-row', { hasText: '记-0003' }).waitFor();
    expect(await rows.count()).toBe(3);
    const selectAll = list.locator('.ant-table-thead .ant-checkbox-input');
    await selectAll.check();
    await list.locator('[data-testid=review-selected]', { hasText: '3' }).click();
    const progress = list.locator('[data-testid=batch-progress]');
    await progress.getByText('全部 3 张已处理').waitFor();
    await list.locator('.ant-modal-footer button').click();
    await expect.poll(() => list.locator('[data-testid=voucher-state]', { hasText: '已审核' }).count()).toBe(3);
    await selectAll.check();
    await list.locator('[data-testid=post-selected]', { hasText: '3' }).click();
    await progress.getByText('全部 3 张已处理').waitFor();
    await list.locator('.ant-modal-footer button').click();
    await expect.poll(() => list.locator('[data-testid=voucher-state]', { hasText: '已记账' }).count()).toBe(3);
    const first = list.locator('.ant-table-tbody tr.ant-table-row', { hasText: '记-0001' });
    expect(await first.textContent()).toContain(REVIEWER.name);
    expect(await first.textContent()).toContain('10,000.00');
    await shot(list, '42-voucher-list-posted');

    // ---- trial balance of this month: 1002 and the balanced tag; XLSX -------------------------
    await list.goto('/finance/trial-balance');
    const bank = list.locator('[data-testid=trial-balance] tr.ant-table-row', { hasText: '银行存款' });
    await bank.waitFor();
    expect(await bank.textContent()).toContain('1002');
    expect(await bank.textContent()).toContain('13,000.00'); // debits this month
    expect(await bank.textContent()).toContain('11,750.00'); // closing
    expect(await list.locator('[data-testid=tb-balanced]').textContent()).toBe('试算平衡');
    expect(await list.locator('[data-testid=tb-total-debit]').textContent()).toBe('14,250.00');
    await list.locator('[data-testid=tb-chart] canvas').waitFor();
    await shot(list, '43-trial-balance');
    const tbFile = await downloaded(list, 'tb-xlsx', 'trial-balance.xlsx');
    expect(tbFile).toContain('银行存款');
    expect(tbFile).toMatch(/11750|11,750/);

    // ---- a click on 1002 opens its ledger with the month's lines ------------------------------
    await bank.getByRole('link', { name: '1002' }).click();
    await list.waitForURL(/\/finance\/ledger\?account=1002/);
    const line = list.locator('[data-testid=ledger-table] tr', { hasText: '记-0001' });
    await line.waitFor();
    expect(await line.textContent()).toContain('收到股东投资款');
    expect(await line.textContent()).toContain('10,000.00');
    const monthTotal = list.locator('[data-testid=ledger-table] tr', { hasText: '本月合计' });
    expect(await monthTotal.textContent()).toContain('11,750.00');
    await shot(list, '44-ledger-1002');
    const ledgerFile = await downloaded(list, 'ledger-xlsx', 'ledger-1002.xlsx');
    expect(ledgerFile).toContain('收到股东投资款');

    // ---- statements: the balance sheet balances; the income statement has its profit ----------
    await list.getByRole('menuitem', { name: '财务报表' }).click();
    await list.waitForURL(/\/finance\/statements/);
    await list.locator('[data-testid=bs-balanced]', { hasText: '资产 = 负债 + 所有者权益' }).waitFor();
    const cash = list.locator('[data-testid=bs-assets] tr', { hasText: '货币资金' });
    expect(await cash.textContent()).toContain('11,750.00');
    const equityTotal = list.locator('[data-testid=bs-claims] tr', { hasText: '负债和所有者权益总计' });
    expect(await equityTotal.textContent()).toContain('11,750.00');
    expect(await equityTotal.locator('b').count()).toBeGreaterThan(0);
    await shot(list, '45-balance-sheet');
    const bsFile = await downloaded(list, 'bs-xlsx', 'balance-sheet.xlsx');
    expect(bsFile).toContain('货币资金');
    // And as a PDF to print and file: a real PDF with the Chinese font embedded.
    const [pdf] = await Promise.all([list.waitForEvent('download'), list.click('[data-testid=bs-pdf]')]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfFile = join(ARTIFACTS, 'balance-sheet.pdf');
    await pdf.saveAs(pdfFile);
    const bytes = readFileSync(pdfFile);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('NotoSansCJK');

    await list.getByRole('tab', { name: '利润表' }).click();
    const net = list.locator('[data-testid=income-statement] tr', { hasText: '四、净利润' });
    await net.waitFor();
    expect(await net.textContent()).toContain('1,750.00');
    await list.locator('[data-testid=income-chart] canvas').waitFor();
    expect(await list.locator('[data-testid=income-chart]').getAttribute('aria-label')).toContain('营业收入 3000');
    await shot(list, '46-income-statement');
    const isFile = await downloaded(list, 'is-xlsx', 'income-statement.xlsx');
    expect(isFile).toContain('净利润');
    await rev.context.close();
  });
}
