// The pipeline in the browser: a visitor leaves their details on the company's public lead form;
// the salesperson opens the lead, sees the customer it looks like, converts it onto a new customer
// with an opportunity, moves the card on the kanban by dragging it and with the “移至…” menu,
// records a follow-up with a next date, and wins it; the statistics page shows the win.
// Registered inside ui.e2e.ts's describe, like the other stories (pipelineStories(env)).
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { newContext, shot } from './harness';
import type { Env } from './stories-round2';

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

export function pipelineStories(env: () => Env) {
  it('lead to won opportunity: public form, lead page, conversion, kanban moves, follow-up, win, statistics', async () => {
    const { browser, admin, adminState } = env();
    const form = await admin.ok<{ id: number; form_key: string }>('POST', '/api/v1/lead-forms', { name: '官网 联系我们' });

    // ---- a visitor fills the public form (no session) ------------------------------------------------
    const visitor = await newContext(browser);
    const page0 = await visitor.newPage();
    await page0.goto(`/forms/lead/${form.form_key}`);
    await page0.locator('[data-testid=lead-form-name]').waitFor();
    await page0.fill('[data-testid=lead-form-name]', '林女士');
    await page0.fill('[data-testid=lead-form-company_name]', '海川贸易 E2E');
    await page0.fill('[data-testid=lead-form-phone]', '13611112222');
    await page0.fill('[data-testid=lead-form-notes]', '想了解批发价');
    // A person takes longer than the three seconds a robot would.
    await page0.waitForTimeout(3_500);
    await shot(page0, '90-public-lead-form');
    await page0.click('[data-testid=lead-form-submit]');
    await page0.locator('[data-testid=lead-form-thanks]').waitFor();
    await visitor.close();

    const leads = await admin.ok<{ items: { id: number; code: string; source: string }[] }>('GET', '/api/v1/leads?q=海川贸易');
    expect(leads.items.length).toBe(1);
    expect(leads.items[0].source).toBe('web_form');
    const leadId = leads.items[0].id;

    // ---- the lead page: qualify and convert ------------------------------------------------------------
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto(`/crm/leads/${leadId}`);
    await page.locator('[data-testid=lead-detail]').waitFor();
    await page.click('[data-testid=qualify]');
    await expect.poll(() => text(page, '[data-testid=lead-status]')).toBe('已确认');
    await page.click('[data-testid=convert]');
    await page.fill('[data-testid=convert-amount]', '50000');
    await shot(page, '91-lead-convert');
    await page.click('[data-testid=convert-confirm]');
    await page.waitForURL(/\/crm\/opportunities\/\d+$/);
    const opportunityPath = new URL(page.url()).pathname;
    await expect.poll(() => text(page, '[data-testid=opportunity-status]')).toBe('初步接洽');

    // ---- a follow-up with its next date ------------------------------------------------------------------
    await page.fill('[data-testid=follow-up-content]', '电话沟通需求，约下周上门');
    await page.click('[data-testid=follow-up-save]');
    await expect.poll(() => text(page, '[data-testid=follow-ups]')).toContain('电话沟通需求');

    // ---- the kanban: drag the card to 需求确认, then “移至…” 方案报价 --------------------------------------
    await page.goto('/crm/pipeline');
    await page.locator('[data-testid=pipeline-board]').waitFor();
    const card = page.locator('[data-testid^=opportunity-card-]', { hasText: '海川贸易 E2E' });
    await card.dragTo(page.locator('[data-testid="stage-column-需求确认"]'));
    await expect.poll(() => text(page, '[data-testid="stage-column-需求确认"]')).toContain('海川贸易 E2E');
    await shot(page, '92-pipeline-board');
    await page.locator('[data-testid="stage-column-需求确认"] [data-testid^=opportunity-card-]', { hasText: '海川贸易 E2E' })
      .locator('[data-testid=move-to]').click();
    await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: '方案报价' }).click();
    await expect.poll(() => text(page, '[data-testid="stage-column-方案报价"]')).toContain('海川贸易 E2E');
    await expect.poll(() => text(page, '[data-testid="stage-column-方案报价"] [data-testid=column-totals]')).toContain('30,000.00');

    // ---- won on its page ------------------------------------------------------------------------------------
    await page.goto(opportunityPath);
    await page.click('[data-testid=win]');
    await page.fill('[data-testid=close-reason]', '方案与价格最优');
    await page.click('[data-testid=close-confirm]');
    await expect.poll(() => text(page, '[data-testid=opportunity-status]')).toBe('已赢单');

    await page.goto('/crm/pipeline/stats');
    await page.locator('[data-testid=stats-stages]').waitFor();
    await expect.poll(() => text(page, '[data-testid=stats-win-rate]')).toContain('%');
    await shot(page, '93-pipeline-stats');
    await context.close();
  });
}
