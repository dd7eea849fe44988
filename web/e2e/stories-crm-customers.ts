// Customers in the browser, after the sales stories (the chart, this year's periods, stock):
// through the API the admin makes two customers who buy the same router, one of them a switch as
// well, and recomputes grades. On the pages: 高价值客户 lists both with the chart; the first
// customer's form opens its 360° view (客户360°视图) — the name, grade and lifecycle tags, the KPIs
// and the monthly chart, the order in the documents tab linking to its page, the timeline, and the
// switch recommended because the other customer bought it with the router; the quotation page
// shows the same suggestion. Registered inside ui.e2e.ts's describe.
import { expect, it } from 'vitest';
import { newContext, shot } from './harness';
import type { Env } from './stories-round2';

export function crmCustomersStories(env: () => Env) {
  it('customer 360°: grades and lists, the 360° view with documents, timeline and recommendations', async () => {
    const { browser, admin, adminState } = env();
    // ---- set-up through the API -----------------------------------------------------------------
    const today = new Date().toISOString().slice(0, 10);
    const unit = await admin.ok<{ id: number }>('POST', '/api/v1/units-of-measure', { code: 'E2E-CRM', name: '台' });
    const warehouse = await admin.ok<{ id: number }>('POST', '/api/v1/warehouses', { code: 'WH-CRM', name: '客户测试仓' });
    const router = await admin.ok<{ id: number }>('POST', '/api/v1/items', {
      code: 'CRM-RTR', name: '千兆路由器', uom_id: unit.id, item_type: 'merchandise', list_price: '500' });
    const sw = await admin.ok<{ id: number }>('POST', '/api/v1/items', {
      code: 'CRM-SWT', name: '八口交换机', uom_id: unit.id, item_type: 'merchandise', list_price: '300' });
    const first = await admin.ok<{ id: number }>('POST', '/api/v1/customers?confirm_duplicates=true', { code: 'CRM-360', name: '宁波海曙贸易' });
    const second = await admin.ok<{ id: number }>('POST', '/api/v1/customers?confirm_duplicates=true', { code: 'CRM-361', name: '温州瓯海电子' });
    await admin.ok('POST', '/api/v1/grade-rules', { grade: 'A', method: 'revenue_band', min_revenue: '10000', priority: 1 });
    const sell = async (customer: number, lines: { item_id: number; quantity: string }[]) => {
      const order = await admin.ok<{ id: number }>('POST', '/api/v1/sales-orders', {
        customer_id: customer, order_date: today, delivery_date: today, warehouse_id: warehouse.id,
        lines: lines.map((l) => ({ ...l, price: '500', tax_rate: '0.13' })) });
      await admin.ok('POST', '/api/v1/approvals', { document_type: 'sales_order', document_id: order.id });
      return order.id;
    };
    const order = await sell(first.id, [{ item_id: router.id, quantity: '30' }]);
    await sell(second.id, [{ item_id: router.id, quantity: '2' }, { item_id: sw.id, quantity: '2' }]);
    await admin.ok('POST', '/api/v1/crm/grades/recompute');
    const quotation = await admin.ok<{ id: number }>('POST', '/api/v1/quotations', {
      customer_id: first.id, quote_date: today, valid_until: today, lines: [{ item_id: router.id, quantity: '1', price: '500', tax_rate: '0.13' }] });

    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    // ---- the high-value list ---------------------------------------------------------------------
    await page.goto('/crm/customers/high-value');
    await page.locator('[data-testid=high-value-table]').getByText('宁波海曙贸易').waitFor();
    await page.locator('[data-testid=chart-high-value]').waitFor();
    await shot(page, 'crm-high-value');
    // ---- from the customer's form to the 360° view ------------------------------------------------
    await page.goto(`/e/customer/${first.id}`);
    await page.locator('[data-testid=customer-360-link]').click();
    await page.waitForURL(new RegExp(`/crm/customers/${first.id}$`));
    await expect.poll(async () => page.locator('[data-testid=customer-name]').textContent()).toBe('宁波海曙贸易');
    await expect.poll(async () => page.locator('[data-testid=customer-grade]').textContent()).toContain('A');
    await expect.poll(async () => page.locator('[data-testid=customer-stage]').textContent()).toBe('新客户');
    await page.locator('[data-testid=chart-revenue]').waitFor();
    await shot(page, 'crm-customer-360');
    await page.getByRole('tab', { name: '单据' }).click();
    const orders = page.locator('[data-testid=section-orders]');
    await orders.getByRole('link').first().waitFor();
    expect(await orders.getByRole('link').first().getAttribute('href')).toBe(`/sales/orders/${order}`);
    await page.getByRole('tab', { name: '时间线' }).click();
    await page.locator('[data-testid=customer-timeline]').getByText(/销售订单/).first().waitFor();
    await page.getByRole('tab', { name: '推荐产品' }).click();
    await page.locator('[data-testid=customer-recommendations]').getByText('CRM-SWT 八口交换机').waitFor();
    // ---- the quotation page suggests the switch too -------------------------------------------------
    await page.goto(`/sales/quotations/${quotation.id}`);
    await page.locator('[data-testid=quotation-recommendations]').getByText('CRM-SWT 八口交换机').waitFor();
    await shot(page, 'crm-quotation-recommendations');
    await context.close();
  });
}
