// Which menu group (module) an entity belongs to. The metadata has no module, so the known
// entities are listed here; anything new lands under "other" until it is added.
const MODULE_OF: Record<string, string> = {
  customer: 'master_data', supplier: 'master_data', contact: 'master_data', item: 'master_data',
  item_category: 'master_data', item_unit_conversion: 'master_data', bill_of_materials: 'master_data',
  bom_line: 'master_data', warehouse: 'master_data', location: 'master_data', employee: 'master_data',
  currency: 'master_data', tax_rate: 'master_data', payment_term: 'master_data', unit_of_measure: 'master_data',
  task: 'workflow', approval_rule: 'workflow', approval_delegation: 'workflow',
  lead: 'crm', opportunity: 'crm', opportunity_stage: 'crm', follow_up: 'crm', customer_address: 'master_data',
  ticket: 'crm', survey: 'crm', segment: 'crm', campaign: 'crm', grade_rule: 'crm', survey_response: 'crm', lead_form: 'crm',
  sla_policy: 'crm', ticket_assignment_rule: 'crm', return_visit: 'crm', care_plan: 'crm',
  quotation: 'sales', sales_order: 'sales', price_list: 'sales',
  purchase_requisition: 'purchasing', purchase_order: 'purchasing',
  stock: 'inventory', stock_move: 'inventory', stocktake: 'inventory', goods_receipt: 'inventory', delivery: 'inventory', lot: 'inventory',
  voucher: 'finance', account: 'finance', customer_invoice: 'finance', supplier_invoice: 'finance', receipt: 'finance',
  payment: 'finance', budget: 'finance', fiscal_period: 'finance',
  production_order: 'production', operation_report: 'production', quality_inspection: 'production', mrp_run: 'production',
};

export const MODULE_ORDER = ['master_data', 'crm', 'sales', 'purchasing', 'inventory', 'production', 'finance', 'workflow', 'other'];

export function moduleOf(entity: string): string {
  return MODULE_OF[entity] ?? 'other';
}

/** The administration tabs and the grant that shows each (pages/Admin.tsx has the same keys). */
export const ADMIN_MENU = [
  { key: 'users', resource: 'user', action: 'read', label: 'admin.users' },
  { key: 'roles', resource: 'role', action: 'read', label: 'admin.roles' },
  { key: 'departments', resource: 'department', action: 'read', label: 'admin.departments' },
  { key: 'companies', resource: 'company', action: 'create', label: 'admin.companies' },
  { key: 'custom-fields', resource: 'custom_field', action: 'create', label: 'admin.customFields' },
  { key: 'access-review', resource: 'access_review', action: 'read', label: 'admin.accessReview' },
  { key: 'audit', resource: 'audit_log', action: 'read', label: 'admin.audit' },
];

/**
 * The general ledger's pages, in the finance group, each shown to holders of its grant (of one of
 * its resources); the group itself needs voucher:read, except for the invoices entry, shown to
 * holders of customer_invoice:read or supplier_invoice:read alone (the pages are not entities, so
 * /meta/entities does not list them).
 */
export const FINANCE_MENU = [
  { key: '/finance/vouchers', resource: 'voucher', action: 'read', label: 'finance.menu.vouchers' },
  { key: '/finance/vouchers/new', resource: 'voucher', action: 'create', label: 'finance.menu.newVoucher' },
  { key: '/finance/periods', resource: 'fiscal_period', action: 'read', label: 'finance.menu.periods' },
  { key: '/finance/trial-balance', resource: 'ledger', action: 'read', label: 'finance.menu.trialBalance' },
  { key: '/finance/ledger', resource: 'ledger', action: 'read', label: 'finance.menu.ledger' },
  { key: '/finance/statements', resource: 'ledger', action: 'read', label: 'finance.menu.statements' },
  { key: '/finance/open-items', resource: 'ledger', action: 'read', label: 'finance.menu.openItems' },
  { key: '/finance/aging', resource: 'ledger', action: 'read', label: 'finance.menu.aging' },
  { key: '/finance/budgets', resource: 'budget', action: 'read', label: 'finance.menu.budgets' },
  { key: '/finance/invoices', resource: ['customer_invoice', 'supplier_invoice'], action: 'read', label: 'finance.menu.invoices' },
];

/**
 * Entities whose list is a page of its own: the menu entry opens it instead of /e/{entity}.
 */
export const ENTITY_PAGES: Record<string, string> = {
  purchase_order: '/purchasing/orders', sales_order: '/sales/orders', segment: '/crm/segments', campaign: '/crm/campaigns',
};

/**
 * Sales', purchasing's and the warehouse's pages that are not entity lists, each in its module's group
 * and shown to holders of its grant (the purchase orders' list comes from the entity).
 */
export const SUPPLY_MENU = [
  { module: 'sales', key: '/sales/orders/new', resource: 'sales_order', action: 'create', label: 'sales.menu.newOrder' },
  { module: 'sales', key: '/sales/quotations', resource: 'quotation', action: 'read', label: 'sales.menu.quotations' },
  { module: 'sales', key: '/sales/deliveries', resource: 'delivery', action: 'read', label: 'sales.menu.deliveries' },
  { module: 'sales', key: '/sales/invoices', resource: 'customer_invoice', action: 'read', label: 'sales.menu.invoices' },
  { module: 'sales', key: '/sales/dashboard', resource: 'sales_order', action: 'read', label: 'sales.menu.dashboard' },
  { module: 'purchasing', key: '/purchasing/orders/new', resource: 'purchase_order', action: 'create', label: 'supply.menu.newOrder' },
  { module: 'purchasing', key: '/purchasing/receiving', resource: 'goods_receipt', action: 'create', label: 'supply.menu.receiving' },
  { module: 'purchasing', key: '/purchasing/reports', resource: 'purchase_order', action: 'read', label: 'supply.menu.reports' },
  { module: 'purchasing', key: '/purchasing/payments', resource: 'payment', action: 'create', label: 'supply.menu.payments' },
  { module: 'purchasing', key: '/purchasing/settings', resource: 'purchase_order', action: 'read', label: 'supply.menu.purchasingSettings' },
  { module: 'inventory', key: '/inventory/dashboard', resource: 'stock', action: 'read', label: 'supply.menu.dashboard' },
  { module: 'inventory', key: '/inventory/documents', resource: 'stock', action: 'read', label: 'supply.menu.stockDocuments' },
  { module: 'inventory', key: '/inventory/documents/new', resource: 'stock', action: 'create', label: 'supply.menu.newStockDocument' },
  { module: 'inventory', key: '/inventory/intercompany', resource: 'stock', action: 'create', label: 'supply.menu.intercompany' },
  { module: 'inventory', key: '/inventory/stocktakes', resource: 'stocktake', action: 'read', label: 'supply.menu.stocktakes' },
  { module: 'inventory', key: '/inventory/settings', resource: 'inventory_settings', action: 'update', label: 'supply.menu.inventorySettings' },
];

/** Menu entries that are pages of their own though their path lies below another entry's. */
export const OWN_ENTRIES = new Set(['/finance/vouchers/new', '/purchasing/orders/new', '/sales/orders/new', '/inventory/documents/new']);
