// The CRM pipeline area's pages: `routes` inside the signed-in shell, `publicRoutes` outside it
// (pages a customer opens from a link), `menu` the entries of the 客户关系 group.
import { lazy } from 'react';
import type { CrmMenuEntry, CrmRoute } from '../types';

const PipelineBoard = lazy(() => import('./PipelineBoard'));
const PipelineStatsPage = lazy(() => import('./PipelineStatsPage'));
const OpportunityDetail = lazy(() => import('./OpportunityDetail'));
const LeadDetail = lazy(() => import('./LeadDetail'));
const PublicLeadForm = lazy(() => import('./PublicLeadForm'));
const LeadList = lazy(() => import('./PipelineLists').then((m) => ({ default: m.LeadList })));
const OpportunityList = lazy(() => import('./PipelineLists').then((m) => ({ default: m.OpportunityList })));

export const routes: CrmRoute[] = [
  { path: '/crm/pipeline', element: <PipelineBoard /> },
  { path: '/crm/pipeline/stats', element: <PipelineStatsPage /> },
  { path: '/crm/leads', element: <LeadList /> },
  { path: '/crm/opportunities', element: <OpportunityList /> },
  { path: '/crm/opportunities/:id', element: <OpportunityDetail /> },
  { path: '/crm/leads/:id', element: <LeadDetail /> },
];

export const publicRoutes: CrmRoute[] = [{ path: '/forms/lead/:key', element: <PublicLeadForm /> }];

export const menu: CrmMenuEntry[] = [
  { key: '/crm/pipeline', resource: 'opportunity', action: 'read', label: 'crm.pipeline.menu.board' },
  { key: '/crm/leads', resource: 'lead', action: 'read', label: 'crm.pipeline.menu.leads' },
  { key: '/crm/pipeline/stats', resource: 'opportunity', action: 'read', label: 'crm.pipeline.menu.stats' },
];
