// A complaint through the service desk in the browser: the admin sets up a customer and an urgent
// SLA (respond within 30 minutes, resolve within 4 hours). On the pages: a new ticket is opened
// (urgent complaint about a noisy router), its page shows the number and the live response
// countdown; 响应 and 解决 (with the resolution) move it on and plan the return visit (回访); the
// visit is completed with 2 of 5, which reopens the ticket (处理中 again, the score in the history);
// the board (/crm/tickets) then shows the card in 处理中 with its resolution countdown. Registered
// inside ui.e2e.ts's describe as crmServiceStories(env).
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { newContext, shot } from './harness';
import type { Env } from './stories-round2';

async function pick(page: Page, selector: string, typed: string, option: string) {
  await page.locator(selector).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
}

async function confirmDialog(page: Page) {
  await page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
  await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
}

export function crmServiceStories(env: () => Env) {
  it('service desk: an urgent complaint with its SLA countdown, resolved, a poor return visit reopens it', async () => {
    const { browser, admin, adminState } = env();
    await admin.ok('POST', '/api/v1/customers', { code: 'TK-E2E', name: '苏州恒达电子有限公司' });
    await admin.ok('POST', '/api/v1/sla-policies', {
      name: 'E2E 紧急', priority: 'urgent', response_minutes: 30, resolution_minutes: 240, remind_before_minutes: 10 });

    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto('/crm/tickets/new');
    await page.locator('#subject').fill('路由器频繁掉线');
    await pick(page, '#customer_id', '恒达', '苏州恒达电子有限公司');
    await pick(page, '#kind', '投诉', '投诉');
    await pick(page, '#priority', '紧急', '紧急');
    await page.getByRole('button', { name: '新建工单' }).click();
    await page.waitForURL(/\/crm\/tickets\/\d+$/);
    await expect.poll(() => page.locator('.ant-card-head-title').first().textContent()).toMatch(/TK-\d{6}-\d{4}/);
    // The response countdown ticks: 30 minutes at most, green (well before the reminder window).
    const countdown = page.locator('[data-sla]').first();
    await expect.poll(() => countdown.getAttribute('data-sla')).toBe('ok');
    const first = await countdown.textContent();
    await page.waitForTimeout(1500);
    expect(await countdown.textContent()).not.toBe(first);
    await shot(page, 'crm-ticket-new');

    await page.getByRole('button', { name: '响应' }).click();
    await confirmDialog(page);
    await expect.poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe('in_progress');
    await page.getByRole('button', { name: '解决' }).click();
    await page.locator('#resolution').fill('更换电源适配器');
    await confirmDialog(page);
    await expect.poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe('resolved');
    await page.locator('[data-visit=planned]').waitFor();

    await page.getByRole('button', { name: '完成回访' }).click();
    await page.locator('#satisfaction').fill('2');
    await page.locator('#notes').fill('仍然掉线');
    await confirmDialog(page);
    await expect.poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe('in_progress');
    await expect.poll(() => page.locator('.ant-timeline').textContent()).toContain('回访满意度 2 分：仍然掉线');
    await shot(page, 'crm-ticket-reopened');

    await page.goto('/crm/tickets');
    const column = page.locator('[data-column=in_progress]');
    await expect.poll(() => column.textContent()).toContain('路由器频繁掉线');
    await expect.poll(() => column.locator('[data-sla]').first().getAttribute('data-sla')).toBe('ok');
    await shot(page, 'crm-ticket-board');
    await context.close();
  });
}
