// Segments and campaigns in the browser: the admin has three customers in Guangdong and one in
// Beijing (set up through the API). On the pages: a segment of the Guangdong key accounts built
// with the condition builder (grade = A, region contains 广东), the live preview counting 2 of
// them as the conditions are typed, saved; a campaign to it with a template, saved as a draft,
// sent now (已排期 at once, 已发送 once the crm.campaigns job has run), its results dashboard
// showing the two targeted customers, the funnel and the daily chart. Registered inside
// ui.e2e.ts's describe.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { newContext, shot } from './harness';
import type { Env } from './stories-round2';

async function choose(page: Page, id: string, option: string) {
  await page.locator(`#${id}`).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

export function crmCampaignsStories(env: () => Env) {
  it('a segment built with the condition builder and previewed live; a campaign to it sent and its results shown', async () => {
    const { browser, admin, adminState } = env();
    const stamp = Date.now().toString(36).toUpperCase();
    await admin.ok('POST', '/api/v1/customers?confirm_duplicates=true', { code: `GD1-${stamp}`, name: `广州海珠贸易${stamp}`, grade: 'A', region: `${stamp}广东省广州市`, email: `gz-${stamp.toLowerCase()}@example.cn` });
    await admin.ok('POST', '/api/v1/customers?confirm_duplicates=true', { code: `GD2-${stamp}`, name: `深圳福田电子${stamp}`, grade: 'A', region: `${stamp}广东省深圳市`, email: `sz-${stamp.toLowerCase()}@example.cn` });
    await admin.ok('POST', '/api/v1/customers?confirm_duplicates=true', { code: `GD3-${stamp}`, name: `佛山陶瓷${stamp}`, grade: 'B', region: `${stamp}广东省佛山市` });
    await admin.ok('POST', '/api/v1/customers?confirm_duplicates=true', { code: `BJ1-${stamp}`, name: `北京朝阳物流${stamp}`, grade: 'A', region: `${stamp}北京市` });

    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    // ---- the segment ----------------------------------------------------------------------------
    await page.goto('/crm/segments/new');
    await page.locator('[data-testid=segment-editor]').waitFor();
    await page.locator('[data-testid=segment-name] input, input[data-testid=segment-name]').first().fill(`广东A类${stamp}`);
    await choose(page, 'condition-0-field', '客户等级');
    await choose(page, 'condition-0-value', 'A');
    await page.locator('[data-testid=condition-add]').click();
    await choose(page, 'condition-1-field', '地区');
    await choose(page, 'condition-1-op', '包含');
    await page.locator('[data-testid=condition-1-value]').fill(`${stamp}广东`);
    // The preview counts the two Guangdong key accounts of this run (the region starts with the
    // run's stamp): not the Beijing one, not the Guangdong B account.
    await expect.poll(() => page.locator('[data-testid=segment-count] .ant-statistic-content-value').textContent(), { timeout: 10_000 })
      .toBe('2');
    await expect.poll(() => page.locator('[data-testid=segment-sample] tbody tr').count()).toBe(2);
    await shot(page, 'crm-segment-editor');
    await page.locator('[data-testid=segment-save]').click();
    await page.waitForURL(/\/crm\/segments\/\d+$/);

    // ---- the campaign ---------------------------------------------------------------------------
    await page.goto('/crm/campaigns/new');
    await page.locator('[data-testid=campaign-page]').waitFor();
    await page.locator('[data-testid=campaign-name]').fill(`春季新品${stamp}`);
    await choose(page, 'campaign-segment', `广东A类${stamp}`);
    await page.locator('[data-testid=campaign-subject]').fill('春季新品上市');
    await page.locator('[data-testid=campaign-body]').fill('{name}您好：{customer}的专属优惠见 https://shop.example.cn/spring');
    await page.locator('[data-testid=campaign-save]').click();
    await page.waitForURL(/\/crm\/campaigns\/\d+$/);
    await expect.poll(() => page.locator('[data-testid=campaign-status]').textContent()).toBe('草稿');
    await page.locator('[data-testid=campaign-send]').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => page.locator('[data-testid=campaign-status]').textContent()).toBe('已排期');

    // The crm.campaigns job runs every minute; then the campaign is sent and its results show.
    await expect.poll(async () => {
      await page.reload();
      await page.locator('[data-testid=campaign-status]').waitFor();
      return page.locator('[data-testid=campaign-status]').textContent();
    }, { timeout: 150_000, interval: 10_000 }).toBe('已发送');
    await page.locator('[data-testid=campaign-results]').waitFor();
    await expect.poll(() => page.locator('[data-testid=kpi-targeted] .ant-statistic-content-value').textContent()).toBe('2');
    await page.locator('[data-testid=campaign-funnel]').waitFor();
    await page.locator('[data-testid=campaign-daily]').waitFor();
    await shot(page, 'crm-campaign-results');
    await context.close();
  }, 240_000);
}
