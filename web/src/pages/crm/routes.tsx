// Every CRM area's pages and menu entries, in the menu's order. Each area keeps its own list in
// pages/crm/<area>/routes.tsx; App.tsx and the layout read only these.
import * as campaigns from './campaigns/routes';
import * as customers from './customers/routes';
import * as feedback from './feedback/routes';
import * as pipeline from './pipeline/routes';
import * as service from './service/routes';
import type { CrmMenuEntry, CrmRoute } from './types';

const areas = [customers, pipeline, service, feedback, campaigns];

export const crmRoutes: CrmRoute[] = areas.flatMap((a) => a.routes);
export const crmPublicRoutes: CrmRoute[] = areas.flatMap((a) => a.publicRoutes);
export const crmMenu: CrmMenuEntry[] = areas.flatMap((a) => a.menu);
