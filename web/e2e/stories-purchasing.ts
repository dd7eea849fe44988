// Procure to pay in the browser, after the accountant's month (stories-ledger.ts: its chart, its
// year, its reviewer): the admin sets up a buyer and a warehouse keeper, a supplier, a warehouse
// and two items (a speaker with its barcode, milk with the barcode of its box of 24). The buyer
// enters an order on the order page — the speaker picked by code, the milk by scanning the box
// twice — first refused by the server without a supplier and the milk's price (shown at the
// field and the cell), then saved; each line's tax and the totals previewed as the server
// computes them; the order's PDF; submitted and approved at once (no rule). The keeper receives
// it on the receiving screen by scanning the order number, the speaker four times and the box
// twice (an unknown code refused with a low beep). The accountant enters the supplier's invoice
// in the three-way-match drawer: a price off the order refused at its row, then matched; the
// order is invoiced. Then the keeper counts one speaker fewer: an adjustment entered by scanning,
// refused without its reason (shown at the reason), posted as 盘亏 at the moving average, its
// moves and voucher shown. Registered inside ui.e2e.ts's describe, after the receivables.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { shot } from './harness';
import { firstSignIn, REVIEWER } from './stories-ledger';
import { signIn } from './stories-receivables';
import type { Env } from './stories-round2';

export const BUYER = { user: 'caigou_chen', name: '采购员陈', password: 'Procure-Pay-Passw0rd-1' };
export const KEEPER = { user: 'cangguan_wang', name: '仓管员王', password: 'Procure-Pay-Passw0rd-2' };
const SPEAKER_BARCODE = '6901234500017';
const MILK_BOX_BARCODE = '16901234500024';

async function focused(page: Page, id: string) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 5_000 });
}

/** A scanner: the code typed into whatever has the focus, then Enter. */
async function scan(page: Page, code: string) {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

async function pick(page: Page, selector: string, typed: string, option: string) {
  await page.locator(selector).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
}

export function purchasingStories(env: () => Env) {
  it('procure to pay: an order entered with a scanned line, approved, received by scanning, invoiced three ways', async () => {
    const { browser, admin } = env();
    // ---- set-up through the API -----------------------------------------------------------------
    await admin.ok('POST', '/api/v1/roles', { code: 'buyer', name: '采购员', from_template: 'purchasing' });
    await admin.ok('POST', '/api/v1/roles', { code: 'keeper', name: '仓管员', from_template: 'warehouse' });
    const buyer = await admin.ok<{ temporary_password: string }>('POST', '/api/v1/users', {
      user_name: BUYER.user, display_name: BUYER.name, roles: ['buyer'] });
    const keeper = await admin.ok<{ temporary_password: string }>('POST', '/api/v1/users', {
      user_name: KEEPER.user, display_name: KEEPER.name, roles: ['keeper'] });
    const pcs = await admin.ok<{ id: number }>('POST', '/api/v1/units-of-measure', { code: 'E2E-PCS', name: '台' });
    const box = await admin.ok<{ id: number }>('POST', '/api/v1/units-of-measure', { code: 'E2E-BOX', name: '箱' });
    await admin.ok('POST', '/api/v1/suppliers', { code: 'SUP-E2E', name: '东莞五金电子有限公司' });
    await admin.ok('POST', '/api/v1/warehouses', { code: 'WH-E2E', name: '深圳总仓' });
    await admin.ok('POST', '/api/v1/items', {
      code: 'E2E-SPK', name: '蓝牙音箱', uom_id: pcs.id, item_type: 'merchandise', barcode: SPEAKER_BARCODE });
    const milk = await admin.ok<{ id: number }>('POST', '/api/v1/items', {
      code: 'E2E-MLK', name: '纯牛奶', uom_id: pcs.id, item_type: 'merchandise', barcode: '6901234500024' });
    await admin.ok('POST', '/api/v1/item-unit-conversions', { item_id: milk.id, uom_id: box.id, factor: '24', barcode: MILK_BOX_BARCODE });

    // ---- the buyer enters the order -----------------------------------------------------------
    const { context: buyerContext, page } = await firstSignIn(browser, BUYER.user, buyer.temporary_password, BUYER.password);
    await page.goto('/purchasing/orders');
    await page.locator('[data-testid=record-table]').waitFor();
    await page.getByRole('menuitem', { name: '新建采购订单' }).click();
    await page.waitForURL(/\/purchasing\/orders\/new$/);
    await page.locator('[data-testid=order-lines]').waitFor();
    await pick(page, '#po-warehouse_id', '深圳', '深圳总仓');
    await pick(page, '#po-0-item', 'E2E-SPK', '蓝牙音箱');
    await focused(page, 'po-0-quantity');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await focused(page, 'po-0-price');
    await page.keyboard.type('199');
    await expect.poll(() => page.locator('[data-testid=po-0-tax]').textContent()).toBe('103.48');
    // The milk by its box: two scans, one line of two boxes.
    await page.locator('[data-testid=scan-input]').click();
    await scan(page, MILK_BOX_BARCODE);
    await expect.poll(() => page.locator('#po-1-quantity').inputValue()).toBe('1');
    await scan(page, MILK_BOX_BARCODE);
    await expect.poll(() => page.locator('#po-1-quantity').inputValue()).toBe('2');
    // The box shows as its packing unit and what it holds.
    expect(await page.locator('[data-testid=order-lines-row-1]').textContent()).toContain('箱（×24）');
    expect(await page.locator('[data-testid=scan-status]').textContent()).toContain('纯牛奶');
    // Neither supplier nor the milk's price: the server names both, shown at the field and the cell.
    await page.click('[data-testid=order-save]');
    await page.locator('[data-testid="po-error-supplier_id"]').waitFor();
    await page.locator('[data-testid=order-lines-error-1-price]').waitFor();
    await shot(page, '60-order-refused');
    await page.fill('#po-1-price', '48');
    expect(await page.locator('[data-testid=order-lines-error-1-price]').count()).toBe(0);
    await pick(page, '#po-supplier_id', '东莞', '东莞五金电子有限公司');
    expect(await page.locator('[data-testid=po-1-amount]').textContent()).toBe('96.00');
    expect(await page.locator('[data-testid=po-1-tax]').textContent()).toBe('12.48');
    expect(await page.locator('[data-testid=order-total-tax]').textContent()).toBe('115.96');
    expect(await page.locator('[data-testid=order-total]').textContent()).toBe('1,007.96');
    await shot(page, '61-order-entry');
    await page.click('[data-testid=order-save]');
    await page.waitForURL(/\/purchasing\/orders\/\d+$/);
    const orderId = Number(page.url().split('/').pop());
    await expect.poll(() => page.locator('[data-testid=order-status]').textContent()).toBe('草稿');
    const code = ((await page.locator('[data-testid=order-title]').textContent()) ?? '').match(/PO-\d{6}-\d{4}/)?.[0] ?? '';
    expect(code).not.toBe('');
    expect(await page.locator('[data-testid=order-total-shown]').textContent()).toBe('1,007.96');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=order-pdf]')]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    // No approval rule for purchase orders: submitting approves it at once.
    await page.click('[data-testid=order-submit]');
    await expect.poll(() => page.locator('[data-testid=order-status]').textContent()).toBe('已批准');
    expect(await page.locator('[data-testid=order-steps] .ant-steps-item-process').textContent()).toContain('已批准');
    await shot(page, '62-order-approved');
    await buyerContext.close();

    // ---- the keeper receives it by scanning ---------------------------------------------------
    const { context: keeperContext, page: dock } = await firstSignIn(browser, KEEPER.user, keeper.temporary_password, KEEPER.password);
    await dock.goto('/purchasing/orders');
    await dock.getByRole('menuitem', { name: '采购收货' }).click();
    await dock.waitForURL(/\/purchasing\/receiving$/);
    await dock.locator(`[data-testid=receive-order-${orderId}]`).waitFor();
    await focused(dock, 'receiving-order');
    await scan(dock, code);
    await dock.locator('[data-testid=receipt-lines]').waitFor();
    await focused(dock, 'receiving-scan');
    for (let i = 0; i < 4; i++) await scan(dock, SPEAKER_BARCODE);
    await scan(dock, MILK_BOX_BARCODE);
    await scan(dock, MILK_BOX_BARCODE);
    await expect.poll(() => dock.locator('#gr-0-quantity').inputValue()).toBe('4');
    await expect.poll(() => dock.locator('#gr-1-quantity').inputValue()).toBe('2');
    // Something not on the order is refused, and the scan input keeps the focus.
    await scan(dock, '0000000000000');
    await dock.locator('[data-testid=scan-status].verp-cell-error').waitFor();
    expect(await dock.locator('[data-testid=scan-status]').textContent()).toContain('0000000000000');
    await focused(dock, 'receiving-scan');
    expect(await dock.locator('[data-testid=receipt-lines-row-0]').getAttribute('class')).toContain('verp-received-row');
    await shot(dock, '63-receiving');
    await dock.click('[data-testid=receipt-post]');
    await dock.locator('[data-testid=receiving-posted]').waitFor();
    // Booked in at the order price, without tax: 4 × 199.00 + 2 × 48.00.
    expect(await dock.locator('[data-testid=receiving-posted]').textContent()).toContain('892.00');
    await expect.poll(() => dock.locator('[data-testid=order-status]').textContent()).toBe('已收货');
    await dock.locator('[data-testid=receiving-done]').waitFor();
    await keeperContext.close();

    // ---- the accountant enters the supplier's invoice, matched three ways -----------------------
    const desk = await signIn(browser, REVIEWER.user, REVIEWER.password);
    await desk.goto(`/purchasing/orders/${orderId}`);
    await expect.poll(() => desk.locator('[data-testid=order-status]').textContent()).toBe('已收货');
    expect(await desk.locator('[data-testid=order-receipts]').textContent()).toMatch(/GR-\d{6}-\d{4}/);
    await desk.click('[data-testid=order-invoice]');
    const drawer = desk.locator('[data-testid=match-drawer]');
    await drawer.locator('[data-testid=match-lines]').waitFor();
    expect(await desk.locator('#inv-0-quantity').inputValue()).toBe('4');
    expect(await desk.locator('#inv-1-quantity').inputValue()).toBe('2');
    expect(await desk.locator('[data-testid=match-total]').textContent()).toContain('1,007.96');
    await desk.fill('#match-number', '44031234');
    // The supplier billed the speakers at 210.00: off the order price, refused at that row.
    await desk.fill('#inv-0-price', '210');
    await expect.poll(() => desk.locator('[data-testid=match-0-tax]').textContent()).toBe('109.20');
    await desk.click('[data-testid=match-post]');
    const priceError = desk.locator('[data-testid=inv-error-0-price]');
    await priceError.waitFor();
    expect(await priceError.textContent()).toContain('199');
    await shot(desk, '64-invoice-refused');
    await desk.fill('#inv-0-price', '199.00');
    expect(await desk.locator('[data-testid=match-total]').textContent()).toContain('1,007.96');
    await desk.click('[data-testid=match-post]');
    await expect.poll(() => desk.locator('[data-testid=order-status]').textContent()).toBe('已开票');
    expect(await desk.locator('[data-testid=order-steps] .ant-steps-item-finish').last().textContent()).toContain('已开票');
    expect(await desk.locator('[data-testid=line-invoiced]').allTextContents()).toEqual(['4', '2']);
    await shot(desk, '65-order-invoiced');
    await desk.context().close();
  });

  it('a stock count loss: an adjustment with its reason, entered by scanning, posted with its voucher', async () => {
    const { browser } = env();
    const page = await signIn(browser, KEEPER.user, KEEPER.password);
    await page.goto('/inventory/documents');
    await page.locator('[data-testid=stock-list]').waitFor();
    await page.getByRole('menuitem', { name: '新建库存单据' }).click();
    await page.waitForURL(/\/inventory\/documents\/new$/);
    await page.locator('[data-testid=stock-kind]').getByText('库存调整', { exact: true }).click();
    await pick(page, '#sd-warehouse_id', '深圳', '深圳总仓');
    await page.locator('[data-testid=scan-input]').click();
    await scan(page, SPEAKER_BARCODE);
    await expect.poll(() => page.locator('#sd-0-quantity').inputValue()).toBe('1');
    // The count found one speaker fewer: a loss is negative. Without a reason the server refuses it there.
    await page.fill('#sd-0-quantity', '-1');
    await page.click('[data-testid=stock-post]');
    await page.locator('[data-testid=sd-error-reason]').waitFor();
    await pick(page, '#sd-reason', '盘亏', '盘亏');
    expect(await page.locator('[data-testid=sd-error-reason]').count()).toBe(0);
    await shot(page, '66-stock-adjustment');
    await page.click('[data-testid=stock-post]');
    await page.waitForURL(/\/inventory\/documents\/\d+$/);
    await expect.poll(() => page.locator('[data-testid=stock-title]').textContent()).toMatch(/库存调整 ADJ-\d{6}-\d{4}/);
    // At the moving average of the receipt: 199.00 out.
    expect(await page.locator('[data-testid=stock-value]').textContent()).toBe('-199.00');
    expect(await page.locator('[data-testid=stock-header]').textContent()).toContain('盘亏');
    expect(await page.locator('[data-testid=stock-moves] tr.ant-table-row').first().textContent()).toContain('E2E-SPK');
    // The keeper may not read vouchers: the voucher is named, not linked.
    expect(await page.locator('[data-testid=stock-voucher]').textContent()).toMatch(/^#\d+$/);
    await shot(page, '67-stock-document');
    await page.context().close();
  });
}
