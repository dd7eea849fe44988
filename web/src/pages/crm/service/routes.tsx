// The CRM service area's pages: `routes` inside the signed-in shell, `publicRoutes` outside it
// (pages a customer opens from a link), `menu` the entries of the 客户关系 group.
import type { CrmMenuEntry, CrmRoute } from '../types';

export const routes: CrmRoute[] = [];

export const publicRoutes: CrmRoute[] = [];

export const menu: CrmMenuEntry[] = [];
