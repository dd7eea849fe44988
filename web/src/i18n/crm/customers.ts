// UI texts of the CRM customers area, zh-CN first; i18n/crm.ts puts them under "crm.customers".
export const customersZh = {};

export const customersEn: typeof customersZh = {};
