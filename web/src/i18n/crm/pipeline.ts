// UI texts of the CRM pipeline area, zh-CN first; i18n/crm.ts puts them under "crm.pipeline".
export const pipelineZh = {};

export const pipelineEn: typeof pipelineZh = {};
