// A satisfaction survey in the browser: the admin makes a survey through the API; on the designer
// page they add an NPS question and a rating question (a preview shows the 0–10 buttons), save,
// open it and invite a customer by link in the dialog, copying the link. The customer opens the
// link on a phone without signing in, submits without answering (the error shows at the
// question), answers NPS 3 and two stars, and sees the thank-you page; opening the link again
// thanks them again. The results page shows one response, NPS −100.0 and CSAT 0.0, and the
// negative answer opened a complaint ticket for the customer. Registered inside ui.e2e.ts's describe.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { newContext, shot } from './harness';
import type { Env } from './stories-round2';

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

export function crmFeedbackStories(env: () => Env) {
  it('a survey designed, opened, answered through its public link, with its results and a complaint ticket', async () => {
    const { browser, admin, adminState } = env();
    const customer = await admin.ok<{ id: number }>('POST', '/api/v1/customers?confirm_duplicates=true', { code: 'SV-E2E', name: '苏州远景电子' });
    const survey = await admin.ok<{ id: number }>('POST', '/api/v1/surveys', { name: '安装服务满意度', category: 'service', introduction: '感谢您选择我们的安装服务。' });

    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto(`/crm/surveys/${survey.id}/design`);
    await page.locator('[data-testid=survey-designer]').waitFor();
    await page.click('[data-testid=survey-add-question]');
    await page.locator('[data-testid=survey-add-nps]').click();
    await page.fill('[data-testid=survey-question-0-text] >> nth=0', '您向朋友推荐我们的可能性有多大？');
    await page.click('[data-testid=survey-add-question]');
    await page.locator('[data-testid=survey-add-rating]').click();
    await page.fill('[data-testid=survey-question-1-text] >> nth=0', '您对安装服务满意吗？');
    await page.locator('[data-testid=survey-preview] button', { hasText: '10' }).first().waitFor();
    await shot(page, '90-survey-designer');
    await page.click('[data-testid=survey-save]');
    await expect.poll(() => page.locator('[data-testid=survey-open]').isEnabled()).toBe(true);
    await page.click('[data-testid=survey-open]');
    await expect.poll(() => text(page, '[data-testid=survey-status]')).toBe('收集中');

    // Invite the customer by link and take the link from the dialog.
    await page.click('[data-testid=survey-invite]');
    await page.locator('[data-testid=survey-invite-channel] >> text=生成链接（自行转发）').click();
    await page.locator('[data-testid=survey-invite-dialog] .ant-select').first().click();
    await page.keyboard.type('远景');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '苏州远景电子' }).click();
    await page.click('[data-testid=survey-invite-send]');
    await page.locator('[data-testid=survey-invite-links]').waitFor();
    // The link is shown shortened; its address is whole.
    const link = (await page.locator('[data-testid=survey-invite-links] a[href*="/s/"]').first().getAttribute('href')) ?? '';
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
    await page.click('[data-testid=survey-invite-done]');

    // The customer, on a phone, not signed in.
    const phone = await newContext(browser, { mobile: true });
    const customerPage = await phone.newPage();
    await customerPage.goto(new URL(link).pathname);
    await customerPage.locator('[data-testid=public-survey-submit]').waitFor();
    await customerPage.click('[data-testid=public-survey-submit]');
    await customerPage.locator('[data-testid=public-question-0-error]').waitFor();
    await shot(customerPage, '91-public-survey-errors');
    await customerPage.locator('[data-testid=public-question-0] button', { hasText: /^3$/ }).click();
    await customerPage.locator('[data-testid=public-question-1] .ant-rate-star').nth(1).click();
    await customerPage.click('[data-testid=public-survey-submit]');
    await customerPage.locator('[data-testid=public-survey-thanks]').waitFor();
    await customerPage.reload();
    await customerPage.locator('[data-testid=public-survey-thanks]').waitFor();
    await phone.close();

    // The results, and the complaint the negative answer opened.
    await page.goto(`/crm/surveys/${survey.id}/results`);
    await expect.poll(() => text(page, '[data-testid=survey-kpi-responses] .ant-statistic-content-value')).toBe('1');
    await expect.poll(() => text(page, '[data-testid=survey-kpi-nps] .ant-statistic-content')).toContain('-100.0');
    await expect.poll(() => text(page, '[data-testid=survey-kpi-csat] .ant-statistic-content')).toContain('0.0');
    await shot(page, '92-survey-results');
    const tickets = await admin.ok<{ items: { customer_id: number; kind: string; priority: string; channel: string }[] }>(
      'GET', `/api/v1/tickets?customer_id=${customer.id}`);
    expect(tickets.items).toHaveLength(1);
    expect(tickets.items[0]).toMatchObject({ kind: 'complaint', priority: 'high', channel: 'survey' });
    await context.close();
  });
}
