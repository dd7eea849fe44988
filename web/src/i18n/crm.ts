// UI texts of CRM (客户关系), one file per area under i18n/crm/; resources.ts puts them under
// "crm" in both languages (the translations test keeps the keys equal).
import { campaignsEn, campaignsZh } from './crm/campaigns';
import { customersEn, customersZh } from './crm/customers';
import { feedbackEn, feedbackZh } from './crm/feedback';
import { pipelineEn, pipelineZh } from './crm/pipeline';
import { serviceEn, serviceZh } from './crm/service';

export const crmZh = {
  customers: customersZh,
  pipeline: pipelineZh,
  service: serviceZh,
  feedback: feedbackZh,
  campaigns: campaignsZh,
};

export const crmEn: typeof crmZh = {
  customers: customersEn,
  pipeline: pipelineEn,
  service: serviceEn,
  feedback: feedbackEn,
  campaigns: campaignsEn,
};
