// UI texts of the CRM service area, zh-CN first; i18n/crm.ts puts them under "crm.service".
export const serviceZh = {};

export const serviceEn: typeof serviceZh = {};
