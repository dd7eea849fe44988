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

  it('builds an approval rule in the visual editor; errors land at the control they name', async () => {
    const { browser, adminState } = env();
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto('/e/approval_rule/new');
    await visible(page, '[data-testid=rule-editor]');
    await page.fill('#name', '费用报销审批');
    await page.fill('#document_type', 'expense_claim');
    // A condition: amount greater than 1000.00.
    await page.getByRole('button', { name: '添加条件' }).first().click();
    await page.fill('#conditions_0_field', 'amount');
    await page.fill('#conditions_0_value', '1000.00');
    // Step 1 as offered (department head); step 2 by role, its role left empty for now.
    await page.fill('#steps_0_name', '部门负责人审批');
    await page.click('[data-testid=add-step]');
    await page.fill('#steps_1_name', '财务经理审批');
    await page.locator('[data-testid=approver-type-1-0]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '按角色' }).click();
    await page.click('[data-testid=save]');
    // Checked in the browser first: the empty role is marked at step 2's first approver.
    await page.locator('#steps_1_approvers_0_role_help .ant-form-item-explain-error').waitFor();

    await page.fill('#steps_1_approvers_0_role', 'finance_manager');
    // The product has no document type that needs approval yet, so the server refuses the type.
    await page.click('[data-testid=save]');
    await page.locator('#document_type_help .ant-form-item-explain-error').waitFor();
    await shot(page, '21-approval-rule-editor');

    // Where a server error about an approver lands: the answer the engine gives for a bad role
    // code (steps[1].approvers[0].role), replayed for this one request.
    await page.route('**/api/v1/approval-rules', (route) => route.fulfill({
      status: 400, contentType: 'application/problem+json',
      body: JSON.stringify({ title: '数据校验失败', status: 400,
        errors: [{ field: 'steps[1].approvers[0].role', code: 'invalid', message: '审批角色编码无效' }] }),
    }), { times: 1 });
    await page.click('[data-testid=save]');
    const roleError = page.locator('#steps_1_approvers_0_role_help .ant-form-item-explain-error', { hasText: '审批角色编码无效' });
    await roleError.waitFor();
    await shot(page, '22-approval-rule-server-error');
    await context.close();
  });

  it('admin creates a user with a role and a department and sees the temporary password once', async () => {
    const { browser, admin, adminState } = env();
    await admin.call('POST', '/api/v1/roles', { code: 'sales', name: '销售', from_template: 'sales' }); // may exist already
    await admin.ok('POST', '/api/v1/departments', { code: 'EAST', name: '华东销售部' });
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto('/admin/users');
    await page.click('[data-testid=new-user]');
    await visible(page, '[data-testid=user-form]');
    await page.fill('#user_name', 'east_sales');
    await page.fill('#display_name', '华东销售王');
    await page.fill('#email', 'wang@example.cn');
    await page.click('#roles');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '(sales)' }).click();
    await page.keyboard.press('Escape');
    await page.click('#department_id');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '华东销售部' }).click();
    // A dropdown still closing can cover the footer: wait until none is shown before saving.
    await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
    await shot(page, '23-admin-new-user');
    await page.locator('.ant-modal-footer button.ant-btn-primary', { hasText: '保存' }).click();
    const password = page.locator('[data-testid=temporary-password]');
    await password.waitFor();
    expect(((await password.textContent()) ?? '').trim().length).toBeGreaterThanOrEqual(8);
    await shot(page, '24-admin-temporary-password');
    await page.getByRole('button', { name: '我已记下' }).click();
    await page.locator('[data-testid=users-table] tr', { hasText: 'east_sales' }).getByText('sales', { exact: true }).waitFor();
    const review = await admin.ok<{ items: { user_id: number; user_name: string; roles: string[] }[] }>('GET', '/api/v1/access-review');
    const east = review.items.find((r) => r.user_name === 'east_sales');
    expect(east?.roles).toContain('sales');

    // The admin hands their approvals to the new user for a week.
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await admin.ok('POST', '/api/v1/approval-delegations', {
      delegate_id: east!.user_id, starts_at: iso(Date.now() - 60_000), ends_at: iso(Date.now() + 7 * 86_400_000), reason: '出差一周',
    });
    await page.goto('/approvals/delegations');
    await page.locator('[data-testid=delegations] tr', { hasText: '出差一周' }).getByText('生效中').waitFor();
    await shot(page, '33-my-delegations');

    // The other administration pages, for the record.
    await page.goto('/admin/roles');
    await visible(page, '[data-testid=permission-matrix]');
    await shot(page, '25-admin-roles');
    await page.goto('/admin/departments');
    await visible(page, '[data-testid=department-tree]');
    await page.getByText('华东销售部').click();
    await visible(page, '#head_user_id');
    await shot(page, '26-admin-departments');
    await page.goto('/admin/access-review');
    await page.locator('[data-testid=access-review] tr', { hasText: 'east_sales' }).waitFor();
    await shot(page, '27-admin-access-review');
    await context.close();
  });

  it('admin adds a custom field to customers and finds it on the customer form', async () => {
    const { browser, adminState } = env();
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto('/admin/custom-fields');
    await visible(page, '[data-testid=custom-field-form]');
    await page.fill('#name', 'x_level');
    await page.fill('#label_zh', '客户级别');
    await page.fill('#label_en', 'Customer level');
    await page.locator('[data-testid=custom-field-form] .ant-checkbox-wrapper', { hasText: '列表显示' }).click();
    await page.click('[data-testid=custom-field-save]');
    await page.locator('[data-testid=custom-fields] tr', { hasText: 'x_level' }).waitFor();
    await shot(page, '28-admin-custom-fields');

    await page.goto('/e/customer/new');
    await visible(page, '[data-testid=entity-form]');
    await page.locator('[data-testid=entity-form] label', { hasText: '客户级别' }).waitFor();
    await page.fill('#code', 'CF-001');
    await page.fill('#name', '自定义字段测试客户');
    await page.fill('#x_level', 'A 级');
    await page.click('[data-testid=save]');
    await page.waitForURL(/\/e\/customer\/\d+$/);
    await page.locator('#x_level[value="A 级"]').waitFor();
    await shot(page, '29-customer-custom-field');
    await context.close();
  });

  it('finds a customer from the top bar, saves a list view, attaches an image with a thumbnail', async () => {
    const { browser, adminState } = env();
    const context = await newContext(browser, { state: adminState });
    const page = await context.newPage();
    await page.goto('/');
    await page.locator('[data-testid=global-search] input').fill('精密机械');
    await page.locator('[data-testid=search-hit]', { hasText: '华东精密机械有限公司' }).waitFor();
    await shot(page, '30-global-search');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/e\/customer\/\d+$/);
    await page.locator('[data-testid=form-title]', { hasText: '华东精密机械有限公司' }).waitFor();

    // A 16×16 red PNG; the server sniffs it and makes the thumbnail.
    await page.getByRole('tab', { name: '附件' }).click();
    await page.locator('[data-testid=attachments] input[type=file]').setInputFiles({
      name: '营业执照.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAF0lEQVR4nGP4z8BAEiJN9aiGUQ1DSgMAkPn/Afnh+ngAAAAASUVORK5CYII=', 'base64'),
    });
    await page.locator('[data-testid=attachments] .ant-list-item', { hasText: '营业执照.png' }).waitFor();
    await page.locator('[data-testid=attachment-thumbnail] img, img[data-testid=attachment-thumbnail]').first().waitFor();
    await shot(page, '31-attachments');

    await page.goto('/e/customer');
    await page.locator('[data-testid=list-search] input').fill('苏州导入');
    await page.keyboard.press('Enter');
    const rows = page.locator('[data-testid=record-table] tbody tr.ant-table-row');
    await page.getByRole('link', { name: '苏州导入测试一厂' }).waitFor();
    await page.click('[data-testid=save-view]');
    await page.fill('[data-testid=view-name]', '苏州客户');
    await page.click('[data-testid=view-save]');
    await page.reload();
    await page.getByRole('link', { name: '华东精密机械有限公司' }).waitFor();
    // The list settles (its later requests re-render the toolbar and would close a dropdown
    // opened too early) before the saved views are opened.
    await page.waitForLoadState('networkidle');
    await page.click('[data-testid=saved-views]');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '苏州客户' }).click();
    await page.getByRole('link', { name: '华东精密机械有限公司' }).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(2);
    await shot(page, '32-saved-view');
    await context.close();
  });
}
