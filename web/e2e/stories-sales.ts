// Order to cash in the browser, after the purchasing stories (the chart, this year's periods):
// the admin sets up a customer with a credit limit, a warehouse and two items with list prices
// and puts them in stock. Then, on the pages: an order of two lines — each price taken from the
// item's list price, what is available to promise shown (red when a line asks for more), the
// credit panel counting the order in — saved, submitted (提交确认) and 已下单 at once (no credit
// problem); a delivery made from its open lines, the pick list downloaded, shipped with the
// carrier's tracking number; invoiced from the customer's shipped deliveries; the order 已完成
// and its timeline telling each step with who and when. Registered inside ui.e2e.ts's describe.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { newContext, shot } from './harness';
import type { Env } from './stories-round2';

async function pick(page: Page, selector: string, typed: string, option: string) {
  await page.locator(selector).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
}

async function focused(page: Page, id: string) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 5_000 });
}

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

export function salesStories(env: () => Env) {
  it('order to cash: an order priced from the list with ATP and credit, confirmed, shipped with tracking, invoiced, completed', async () => {
    const { browser, admin, adminState } = env();
    // ---- set-up through the API -----------------------------------------------------------------
    const today = new Date().toISOString().slice(0, 10);
    const set = await admin.ok<{ id: number }>('POST', '/api/v1/units-of-measure', { code: 'E2E-SET', name: '套' });
    await admin.ok('POST', '/api/v1/customers', { code: 'SO-E2E', name: '杭州云帆科技有限公司', credit_limit: '500000' });
    const warehouse = await admin.ok<{ id: number }>('POST', '/api/v1/warehouses', { code: 'WH-SO', name: '杭州成品仓' });
    const router = await admin.ok<{ id: number }>('POST', '/api/v1/items', {
      code: 'E2E-RTR', name: '企业路由器', uom_id: set.id, item_type: 'merchandise', list_price: '880' });
    const sw = await admin.ok<{ id: number }>('POST', '/api/v1/items', {
      code: 'E2E-SWT', name: '千兆交换机', uom_id: set.id, item_type: 'merchandise', list_price: '450' });
    await admin.ok('POST', '/api/v1/stock-documents', {
      kind: 'receipt', date: today, warehouse_id: warehouse.id,
      lines: [{ item_id: router.id, quantity: '50', unit_cost: '600' }, { item_id: sw.id, quantity: '20', unit_cost: '300' }] });

    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    // ---- the order, entered on the order page ---------------------------------------------------
    await page.goto('/sales/orders');
    await page.locator('[data-testid=record-table]').waitFor();
    await page.getByRole('menuitem', { name: '新建销售订单' }).click();
    await page.waitForURL(/\/sales\/orders\/new$/);
    await page.locator('[data-testid=sales-lines]').waitFor();
    await pick(page, '#so-customer_id', '云帆', '杭州云帆科技有限公司');
    await pick(page, '#so-warehouse_id', '杭州成品', '杭州成品仓');
    await pick(page, '#so-0-item', 'E2E-RTR', '企业路由器');
    await focused(page, 'so-0-quantity');
    await page.keyboard.type('3');
    // The price left empty comes from the item's list price; the stock in the warehouse shows.
    await expect.poll(() => page.locator('#so-0-price').inputValue()).toBe('880');
    await expect.poll(() => text(page, '[data-testid=so-0-atp]')).toBe('50');
    await pick(page, '#so-1-item', 'E2E-SWT', '千兆交换机');
    await focused(page, 'so-1-quantity');
    await page.keyboard.type('25');
    await expect.poll(() => page.locator('#so-1-price').inputValue()).toBe('450');
    // 25 asked, 20 available: red.
    await expect.poll(() => text(page, '[data-testid=so-1-atp]')).toBe('20');
    expect(await page.locator('[data-testid=so-1-atp]').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(207, 19, 34)');
    await page.fill('#so-1-quantity', '10');
    await expect.poll(() => page.locator('[data-testid=so-1-atp]').evaluate((e) => getComputedStyle(e).color)).not.toBe('rgb(207, 19, 34)');
    // 3 × 880 + 10 × 450 = 7,140.00, tax 928.20: the credit panel counts the order in.
    await expect.poll(() => text(page, '[data-testid=sales-total]')).toBe('8,068.20');
    await expect.poll(() => text(page, '[data-testid=credit-exposure]')).toContain('8,068.20');
    expect(await page.locator('[data-testid=credit-warning]').count()).toBe(0);
    await shot(page, '70-sales-order-entry');
    await page.click('[data-testid=sales-save]');
    await page.waitForURL(/\/sales\/orders\/\d+$/);
    const orderPath = new URL(page.url()).pathname;
    await expect.poll(() => text(page, '[data-testid=sales-status]')).toBe('草稿');
    const code = (await text(page, '[data-testid=sales-title]')).match(/SO-\d{6}-\d{4}/)?.[0] ?? '';
    expect(code).not.toBe('');

    // ---- 提交确认: within credit, confirmed at once and reserved ---------------------------------------
    await page.click('[data-testid=sales-submit]');
    await expect.poll(() => text(page, '[data-testid=sales-status]')).toBe('已下单');
    expect(await text(page, '[data-testid=sales-steps] .ant-steps-item-process')).toContain('已下单');
    expect(await page.locator('[data-testid=line-reserved]').allTextContents()).toEqual(['3', '10']);
    await shot(page, '71-sales-order-ordered');

    // ---- a delivery from the open lines, its pick list, shipped with the tracking number ----------------
    await page.click('[data-testid=sales-ship]');
    await page.waitForURL(/\/sales\/deliveries\/new\?order=\d+$/);
    await page.locator('[data-testid=delivery-new-lines]').waitFor();
    expect(await page.locator('#dn-0-quantity').inputValue()).toBe('3');
    expect(await page.locator('#dn-1-quantity').inputValue()).toBe('10');
    await page.fill('#delivery-carrier', '顺丰速运');
    await page.click('[data-testid=delivery-create]');
    await page.waitForURL(/\/sales\/deliveries\/\d+$/);
    await expect.poll(() => text(page, '[data-testid=delivery-state]')).toBe('拣货中');
    const [pickList] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=pick-list-pdf]')]);
    expect(pickList.suggestedFilename()).toMatch(/\.pdf$/);
    await page.fill('#ship-tracking', 'SF1234567890');
    await page.click('[data-testid=delivery-ship]');
    await expect.poll(() => text(page, '[data-testid=delivery-state]')).toBe('已发货');
    expect(await text(page, '[data-testid=delivery-carrier-shown]')).toBe('顺丰速运 SF1234567890');
    await shot(page, '72-delivery-shipped');

    // ---- invoiced from the customer's shipped deliveries ----------------------------------------------
    await page.getByRole('menuitem', { name: '开票与收款' }).click();
    await page.waitForURL(/\/sales\/invoices$/);
    await page.click('[data-testid=invoice-new]');
    await pick(page, '#invoice-customer', '云帆', '杭州云帆科技有限公司');
    await page.locator('[data-testid=invoice-deliveries] tbody .ant-checkbox-input').first().check();
    await page.click('[data-testid=invoice-post]');
    await page.locator('[data-testid=sales-invoice-list] tr.ant-table-row', { hasText: code }).waitFor();
    expect(await text(page, '[data-testid=sales-invoice-list]')).toContain('8,068.20');
    await shot(page, '73-sales-invoiced');
    // The customer pays: the receipt's voucher is drafted and named.
    await page.click('[data-testid=receipt-new]');
    await pick(page, '#receipt-customer', '云帆', '杭州云帆科技有限公司');
    await page.fill('#receipt-amount', '8068.20');
    await page.click('[data-testid=receipt-post]');
    await page.locator('[data-testid=receipt-done]').waitFor();
    await expect.poll(() => text(page, '[data-testid=receipt-voucher]')).toMatch(/^\S+-\d+/);
    await page.locator('[data-testid=receipt-drawer] .ant-result-extra button').click();

    // The dashboard answers with its charts, or says a report is not offered yet.
    await page.getByRole('menuitem', { name: '销售看板' }).click();
    await page.locator('[data-testid=report-by-month-missing], [data-testid=report-by-month] canvas').first().waitFor();
    await shot(page, '75-sales-dashboard');

    // ---- the order: completed, its timeline telling the steps ------------------------------------------
    await page.goto(orderPath);
    await expect.poll(() => text(page, '[data-testid=sales-status]')).toBe('已完成');
    expect(await text(page, '[data-testid=sales-steps] .ant-steps-item-finish:last-child')).toContain('已完成');
    expect(await page.locator('[data-testid=line-invoiced]').allTextContents()).toEqual(['3', '10']);
    await expect.poll(() => page.locator('[data-testid=timeline-event]').count()).toBeGreaterThanOrEqual(4);
    const timeline = await text(page, '[data-testid=sales-timeline]');
    for (const step of ['创建订单', '提交确认', '审批通过', '备货中', 'SF1234567890', '开具发票', '已完成']) expect(timeline).toContain(step);
    await shot(page, '74-sales-order-completed');
    await context.close();
  });

  it('a quotation: entered on the order page and saved as a quotation, sent, revised to three, sent again, accepted and made an order', async () => {
    const { browser, adminState } = env();
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto('/sales/orders/new');
    await page.locator('[data-testid=sales-lines]').waitFor();
    await pick(page, '#so-customer_id', '云帆', '杭州云帆科技有限公司');
    await pick(page, '#so-warehouse_id', '杭州成品', '杭州成品仓');
    await pick(page, '#so-0-item', 'E2E-RTR', '企业路由器');
    await focused(page, 'so-0-quantity');
    await page.keyboard.type('2');
    await expect.poll(() => page.locator('#so-0-price').inputValue()).toBe('880');
    await page.click('[data-testid=sales-save-quotation]');
    await page.waitForURL(/\/sales\/quotations\/\d+$/);
    await expect.poll(() => text(page, '[data-testid=quotation-status]')).toBe('草稿');
    expect(await text(page, '[data-testid=quotation-title]')).toMatch(/QT-\d{6}-\d{4}/);
    expect(await text(page, '[data-testid=quotation-total]')).toContain('1,988.80');
    await page.click('[data-testid=quotation-send]');
    await expect.poll(() => text(page, '[data-testid=quotation-status]')).toBe('已发送');
    // A revision keeps the first one's lines to compare with; it is a draft again.
    await page.click('[data-testid=quotation-revise]');
    await expect.poll(() => text(page, '[data-testid=quotation-status]')).toBe('草稿');
    await page.locator('[data-testid=quotation-revision]').click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').count()).toBe(2);
    await page.keyboard.press('Escape');
    // The customer wants three: the draft revision's quantity is changed in place.
    await page.click('[data-testid=quotation-edit-lines]');
    await page.fill('#qt-1-quantity', '3');
    await page.click('[data-testid=quotation-save-lines]');
    await expect.poll(() => text(page, '[data-testid=quotation-total]')).toContain('2,983.20');
    // Only a sent quotation can be accepted: the new revision is sent first.
    expect(await page.locator('[data-testid=quotation-accept]').count()).toBe(0);
    await page.click('[data-testid=quotation-send]');
    await expect.poll(() => text(page, '[data-testid=quotation-status]')).toBe('已发送');
    await page.click('[data-testid=quotation-accept]');
    await expect.poll(() => text(page, '[data-testid=quotation-status]')).toBe('已接受');
    await shot(page, '73-quotation-accepted');
    await page.click('[data-testid=quotation-to-order]');
    await page.waitForURL(/\/sales\/orders\/\d+$/);
    await expect.poll(() => text(page, '[data-testid=sales-status]')).toBe('草稿');
    await context.close();
  });
}
