// UI texts of the CRM campaigns area, zh-CN first; i18n/crm.ts puts them under "crm.campaigns".
export const campaignsZh = {};

export const campaignsEn: typeof campaignsZh = {};
