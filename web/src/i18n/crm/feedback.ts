// UI texts of the CRM feedback area, zh-CN first; i18n/crm.ts puts them under "crm.feedback".
export const feedbackZh = {};

export const feedbackEn: typeof feedbackZh = {};
