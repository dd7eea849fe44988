// The CRM campaigns area's pages: `routes` inside the signed-in shell, `publicRoutes` outside it
// (pages a customer opens from a link), `menu` the entries of the 客户关系 group. The menu's
// 客户分群 and 营销活动 are the entities' own entries, which open these lists (layout/modules.ts
// ENTITY_PAGES); the tracking and unsubscribe pages are served by the server itself.
import { lazy } from 'react';
import type { CrmMenuEntry, CrmRoute } from '../types';

const SegmentList = lazy(() => import('./SegmentList'));
const SegmentEditor = lazy(() => import('./SegmentEditor'));
const CampaignList = lazy(() => import('./CampaignList'));
const CampaignPage = lazy(() => import('./CampaignPage'));

export const routes: CrmRoute[] = [
  { path: '/crm/segments', element: <SegmentList /> },
  { path: '/crm/segments/new', element: <SegmentEditor /> },
  { path: '/crm/segments/:id', element: <SegmentEditor /> },
  { path: '/crm/campaigns', element: <CampaignList /> },
  { path: '/crm/campaigns/new', element: <CampaignPage /> },
  { path: '/crm/campaigns/:id', element: <CampaignPage /> },
];

export const publicRoutes: CrmRoute[] = [];

export const menu: CrmMenuEntry[] = [];
