// Receivables, aging and budgets against the real server, after the accountant's month
// (stories-ledger.ts: its preparer, reviewer, chart and year): an invoice on 1122 for a customer
// and a receipt, allocated on the open-items page (first refused for more than is open, at the
// amount), a second receipt allocated oldest first, the aging of the remainder with its chart,
// bucket editor and XLSX; a budget created in the UI with its execution row, a voucher over it
// posted with the warning, then the budget set to block and a posting refused with the
// server's message; the cash-flow statement reconciled; a sales invoice entered on the invoices
// page (one line at 13 %, its tax previewed, first refused without customer and number, the
// errors at their fields), posted, and its voucher followed by the link.
import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ApiSession, newContext, shot } from './harness';
import { downloaded, PREPARER, REVIEWER } from './stories-ledger';
import type { Env } from './stories-round2';

export async function signIn(browser: Browser, user: string, password: string): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto('/login');
  await page.fill('#user_name', user);
  await page.fill('#password', password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('[data-testid=welcome]').waitFor();
  return page;
}

const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function receivablesStories(env: () => Env) {
  it('receivables and budgets: allocation, aging of the remainder, a budget with its execution and control', async () => {
    const { browser, admin } = env();
    const today = new Date().toISOString().slice(0, 10);
    const month = new Date().getMonth() + 1;
    const customer = await admin.ok<{ id: number }>('POST', '/api/v1/customers', { code: 'AR-E2E-01', name: '华南电子有限公司' });
    const prep = await ApiSession.signIn(PREPARER.user, PREPARER.password);
    const rev = await ApiSession.signIn(REVIEWER.user, REVIEWER.password);
    type Ref = { id: number; label: string; over_budget: { account: string; control: string }[] };
    const draft = (lines: unknown[]) => prep.ok<Ref>('POST', '/api/v1/vouchers', { date: today, lines });
    const posted = async (lines: unknown[]) => {
      const v = await draft(lines);
      await rev.ok('POST', `/api/v1/vouchers/${v.id}/review`);
      await rev.ok('POST', `/api/v1/vouchers/${v.id}/post`);
      return v;
    };
    const invoice = await posted([
      { summary: '销售发票 SI-0001 华南电子', account: '1122', debit: '11300.00', customer_id: customer.id },
      { summary: '', account: '6051', credit: '11300.00' }]);
    const receipt = await posted([
      { summary: '收到华南电子货款', account: '1002', debit: '8000.00' },
      { summary: '', account: '1122', credit: '8000.00', customer_id: customer.id }]);

    // ---- open items: select the invoice and the receipt, the smaller open amount is proposed ----
    const page = await signIn(browser, REVIEWER.user, REVIEWER.password);
    // The finance menu group opens on a finance page; from there the new entries are in it.
    await page.goto('/finance/vouchers');
    await page.getByRole('menuitem', { name: '往来核销' }).click();
    await page.waitForURL(/\/finance\/open-items/);
    await page.locator('#oi-account').click();
    await page.keyboard.type('1122');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: '1122' }).waitFor();
    await page.keyboard.press('Enter');
    const card = page.locator(`[data-testid=partner-${customer.id}]`);
    const rows = card.locator('tr.ant-table-row');
    const invoiceRow = card.locator('tr.ant-table-row', { hasText: invoice.label });
    const receiptRow = card.locator('tr.ant-table-row', { hasText: receipt.label });
    await invoiceRow.waitFor();
    expect(await card.textContent()).toContain('华南电子有限公司');
    expect(await rows.count()).toBe(2);
    await invoiceRow.locator('.ant-checkbox-input').check();
    expect(await page.locator('[data-testid=allocation-hint]').textContent()).toContain('一笔借方');
    await receiptRow.locator('.ant-checkbox-input').check();
    await expect.poll(() => page.locator('#allocation-amount').inputValue()).toBe('8000.00');
    expect(await page.locator('[data-testid=allocation-debit]').textContent()).toContain(invoice.label);
    expect(await page.locator('[data-testid=allocation-credit]').textContent()).toContain(receipt.label);

    // More than is open: the server refuses it at allocations[0].amount, shown under the amount.
    await page.fill('#allocation-amount', '9000');
    await page.click('[data-testid=allocate]');
    const amountError = page.locator('[data-testid=allocation-panel] .ant-descriptions-item-content .verp-cell-error');
    await amountError.waitFor();
    expect(await amountError.textContent()).toContain('8000.00');
    await shot(page, '50-allocation-refused');
    await page.fill('#allocation-amount', '8000');
    await page.click('[data-testid=allocate]');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await invoiceRow.textContent()).toContain('3,300.00');
    const toggle = page.locator('[data-testid=oi-open-toggle]');
    await toggle.getByText('全部', { exact: true }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await receiptRow.textContent()).toContain('8,000.00');
    await toggle.getByText('未核销', { exact: true }).click();
    await expect.poll(() => rows.count()).toBe(1);

    // A second receipt, allocated oldest first with the partner's button.
    await posted([
      { summary: '收到华南电子货款（二）', account: '1002', debit: '1000.00' },
      { summary: '', account: '1122', credit: '1000.00', customer_id: customer.id }]);
    await page.reload();
    await expect.poll(() => rows.count()).toBe(2);
    await page.click(`[data-testid=auto-${customer.id}]`);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await invoiceRow.textContent()).toContain('2,300.00');
    await shot(page, '51-open-items');

    // ---- aging: the remainder in the first bucket, the chart, the bucket editor, XLSX ------------
    await page.getByRole('menuitem', { name: '账龄分析' }).click();
    await page.waitForURL(/\/finance\/aging/);
    await page.locator('#aging-account').click();
    await page.keyboard.type('1122');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: '1122' }).waitFor();
    await page.keyboard.press('Enter');
    const agingRow = page.locator('[data-testid=aging-table] tr.ant-table-row', { hasText: '华南电子有限公司' });
    await agingRow.waitFor();
    expect(await agingRow.textContent()).toContain('2,300.00');
    expect(await page.locator('[data-testid=aging-table] thead').textContent()).toContain('0-30天');
    expect(await page.locator('[data-testid=aging-totals]').textContent()).toContain('2,300.00');
    await page.locator('[data-testid=aging-chart] canvas').waitFor();
    expect(await page.locator('[data-testid=aging-chart]').getAttribute('aria-label')).toContain('华南电子有限公司 (0-30天 2300');
    await page.fill('#aging-buckets', '60,30');
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-testid=bucket-error]').textContent()).toContain('递增');
    await page.fill('#aging-buckets', '15 45');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=aging-table] thead', { hasText: '0-15天' }).waitFor();
    expect(page.url()).toContain('buckets=15%2C45');
    expect(await agingRow.textContent()).toContain('2,300.00');
    await shot(page, '52-aging');
    const agingFile = await downloaded(page, 'aging-xlsx', 'aging-1122.xlsx');
    expect(agingFile).toContain('华南电子有限公司');

    // ---- a budget made in the drawer: 1,200.00 a year on 6711, split evenly, warn ---------------
    await page.getByRole('menuitem', { name: '预算' }).click();
    await page.waitForURL(/\/finance\/budgets/);
    await page.click('[data-testid=budget-new]');
    await page.locator('#budget-account').click();
    await page.keyboard.type('6711');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: '6711' }).waitFor();
    await page.keyboard.press('Enter');
    await page.fill('#budget-annual', '1200');
    await expect.poll(() => page.locator('[data-testid=budget-preview]').textContent()).toContain('100.00');
    await shot(page, '53-budget-drawer');
    await page.click('[data-testid=budget-save]');
    const budgetRow = page.locator('[data-testid=budget-list] tr.ant-table-row', { hasText: '6711' });
    await budgetRow.waitFor();
    expect(await budgetRow.textContent()).toContain('1,200.00');
    expect(await budgetRow.textContent()).toContain('提醒');
    const execRow = page.locator('[data-testid=budget-execution] tr.ant-table-row', { hasText: '6711' });
    await execRow.waitFor();
    expect(await execRow.textContent()).toContain(money(100 * month));

    // A voucher over it: saved as a draft the answer names the budget; posted in the UI, the warning shows.
    const over = await draft([
      { summary: '捐赠支出', account: '6711', debit: '2000.00' }, { summary: '', account: '1002', credit: '2000.00' }]);
    expect(over.over_budget.map((o) => o.account)).toEqual(['6711']);
    await rev.ok('POST', `/api/v1/vouchers/${over.id}/review`);
    await page.goto(`/finance/vouchers/${over.id}`);
    await page.getByRole('button', { name: '记账', exact: true }).click();
    const banner = page.locator('[data-testid=over-budget]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('6711');
    expect(await banner.textContent()).toContain('2,000.00');
    await page.locator('[data-testid=voucher-state]', { hasText: '已记账' }).waitFor();
    await shot(page, '54-voucher-over-budget');

    await page.goto('/finance/budgets');
    await execRow.waitFor();
    await expect.poll(() => execRow.textContent()).toContain('2,000.00');
    expect(await execRow.getAttribute('class')).toContain('verp-over-budget');
    expect(await execRow.textContent()).toContain('超预算');
    await page.locator('[data-testid=budget-chart] canvas').waitFor();
    await shot(page, '55-budget-execution');
    const budgetFile = await downloaded(page, 'budget-xlsx', 'budget-execution.xlsx');
    expect(budgetFile).toContain('6711');

    // Set to block in the drawer: the next voucher over it is refused at posting, with the reason.
    await budgetRow.locator('[data-testid^=budget-edit-]').click();
    await page.locator('.ant-drawer').getByText('禁止', { exact: true }).click();
    await page.click('[data-testid=budget-save]');
    await expect.poll(() => budgetRow.textContent()).toContain('禁止');
    const blocked = await draft([
      { summary: '罚款支出', account: '6711', debit: '10.00' }, { summary: '', account: '1002', credit: '10.00' }]);
    expect(blocked.over_budget.map((o) => o.control)).toEqual(['block']);
    await rev.ok('POST', `/api/v1/vouchers/${blocked.id}/review`);
    await page.goto(`/finance/vouchers/${blocked.id}`);
    await page.getByRole('button', { name: '记账', exact: true }).click();
    const refused = page.locator('[data-testid=post-refused]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('6711');
    expect(await page.locator('[data-testid=voucher-state]').textContent()).toBe('已审核');
    await shot(page, '56-posting-refused');

    // ---- the cash-flow statement of this month ---------------------------------------------------
    await page.goto('/finance/statements?tab=cash-flow');
    await page.locator('[data-testid=cf-reconciled]').waitFor();
    expect(await page.locator('[data-testid=cf-reconciled]').textContent()).toBe('与现金科目余额变动一致');
    const netChange = page.locator('[data-testid=cash-flow] tr', { hasText: '现金及现金等价物净增加额' });
    expect(await netChange.locator('b').count()).toBeGreaterThan(0);
    await shot(page, '57-cash-flow');
    const cfFile = await downloaded(page, 'cf-xlsx', 'cash-flow.xlsx');
    expect(cfFile).toContain('现金及现金等价物净增加额');

    // ---- a sales invoice entered in the UI: VAT previewed per line, posted into its voucher ----
    await page.goto('/finance/vouchers');
    await page.getByRole('menuitem', { name: '应收应付发票' }).click();
    await page.waitForURL(/\/finance\/invoices/);
    await page.click('[data-testid=invoice-new-receivable]');
    const drawer = page.locator('[data-testid=invoice-drawer]');
    await drawer.waitFor();
    await page.fill('#inv-0-description', '蓝牙音箱 100 台');
    await page.fill('#inv-0-amount', '10000');
    // 6 % first, then 13 %: the tax follows the rate picked.
    const pickRate = async (label: string) => {
      await page.locator('[data-testid=inv-0-rate]').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: new RegExp(`^${label}$`) }).click();
    };
    await pickRate('6 %');
    await expect.poll(() => page.locator('[data-testid=inv-0-tax]').textContent()).toBe('600.00');
    await pickRate('13 %');
    await expect.poll(() => page.locator('[data-testid=inv-0-tax]').textContent()).toBe('1,300.00');
    expect(await page.locator('[data-testid=invoice-total-tax]').textContent()).toBe('1,300.00');
    expect(await page.locator('[data-testid=invoice-total]').textContent()).toContain('11,300.00');
    // Neither customer nor number: the server names both, shown at their fields.
    await page.click('[data-testid=invoice-save]');
    await page.locator('[data-testid="invoice-error-partner_id"]').waitFor();
    await page.locator('[data-testid="invoice-error-number"]').waitFor();
    await shot(page, '58-invoice-refused');
    await page.locator('#invoice-partner').click();
    await page.keyboard.type('华南');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '华南电子有限公司' }).click();
    await page.fill('#invoice-number', 'E2E-04418273');
    await page.click('[data-testid=invoice-save]');
    const view = page.locator('[data-testid=invoice-view]');
    await view.locator('[data-testid=invoice-header]').waitFor();
    expect(await view.locator('[data-testid=invoice-tax]').textContent()).toBe('1,300.00');
    expect(await view.locator('[data-testid=invoice-total-shown]').textContent()).toBe('11,300.00');
    expect(await view.locator('[data-testid=invoice-state]').textContent()).toBe('草稿');
    await page.click('[data-testid=invoice-post]');
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    const voucherLink = view.locator('[data-testid=invoice-voucher-link]');
    await voucherLink.waitFor();
    const voucherLabel = (await voucherLink.textContent()) ?? '';
    expect(voucherLabel).toMatch(/\d{4}$/);
    await expect.poll(() => view.locator('[data-testid=invoice-state]').textContent()).toBe('已过账');
    await shot(page, '59-invoice-posted');
    await voucherLink.click();
    await page.waitForURL(/\/finance\/vouchers\/\d+$/);
    await page.locator('[data-testid=voucher-grid]').waitFor();
    await expect.poll(() => page.locator('[data-testid=voucher-title]').textContent()).toContain(voucherLabel);
    expect(await page.locator('[data-testid=voucher-state]').textContent()).toBe('草稿');
    await expect.poll(() => page.locator('[data-testid=debit-total]').textContent()).toBe('11,300.00');
    expect(await page.locator('[data-testid=voucher-grid]').textContent()).toContain('22210102');
    await page.context().close();
  });
}
