// Second-round stories (history and restore, approval rule editor, user and custom-field
// administration), registered inside ui.e2e.ts's describe so they run after sign-in, on the same
// server and with the admin's browser state.
import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ApiSession, newContext, shot } from './harness';

export interface Env {
  browser: Browser;
  admin: ApiSession;
  adminState: string;
}

async function visible(page: Page, selector: string) {
  await page.locator(selector).first().waitFor({ state: 'visible' });
}

export function round2Stories(env: () => Env) {
  it('edits a customer twice, compares versions and restores the first', async () => {
    const { browser, admin, adminState } = env();
    const created = await admin.ok<{ id: number }>('POST', '/api/v1/customers', { code: 'HIS-001', name: '历史测试客户' });
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto(`/e/customer/${created.id}`);
    await visible(page, '[data-testid=entity-form]');
    await page.fill('#name', '历史测试客户（改名）');
    await page.click('[data-testid=save]');
    await page.locator('[data-testid=form-title]', { hasText: '历史测试客户（改名）' }).waitFor();
    await page.fill('#credit_limit', '5000');
    await page.click('[data-testid=save]');
    await page.getByText('已保存').first().waitFor();
    await page.locator('[data-testid=entity-form] #credit_limit[value="5000.00"]').waitFor();

    await page.getByRole('tab', { name: '历史版本' }).click();
    await visible(page, '[data-testid=diff-table]');
    // Opens on v2 → v3: only the credit limit changed.
    const changed = page.locator('[data-testid=diff-table] tr.verp-changed-row');
    await changed.first().waitFor();
    expect(await changed.count()).toBe(1);
    expect(await changed.first().textContent()).toContain('¥5,000.00');
    // v1 → v3: the name too, old and new side by side.
    await page.locator('[data-testid=diff-from]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'v1' }).click();
    await page.locator('[data-testid=diff-table] tr.verp-changed-row', { hasText: '历史测试客户（改名）' }).waitFor();
    expect(await changed.count()).toBe(2);
    await page.keyboard.press('Escape');
    await shot(page, '19-history-diff');

    await page.click('[data-testid=restore-v1]');
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '恢复此版本' }).click();
    await page.locator('[data-testid=form-title]', { hasText: /^历史测试客户$/ }).waitFor();
    const versions = await admin.ok<{ items: { version: number; action: string }[] }>(
      'GET', `/api/v1/customers/${created.id}/versions`);
    expect(versions.items[0]).toMatchObject({ version: 4, action: 'restore_version' });
    const now = await admin.ok<{ name: string; credit_limit: string }>('GET', `/api/v1/customers/${created.id}`);
    expect(now).toMatchObject({ name: '历史测试客户', credit_limit: '0.00' });

    await page.getByRole('tab', { name: '审计记录' }).click();
    await page.locator('[data-testid=record-audit] tbody tr', { hasText: '恢复版本' }).first().waitFor();
    await shot(page, '20-record-audit');
    await context.close();
  });
}
