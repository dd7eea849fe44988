// The CRM customers area's pages: `routes` inside the signed-in shell, `publicRoutes` outside it
// (pages a customer opens from a link), `menu` the entries of the 客户关系 group.
import { lazy } from 'react';
import type { CrmMenuEntry, CrmRoute } from '../types';

const Customer360 = lazy(() => import('./Customer360'));
const HighValue = lazy(() => import('./HighValue'));
const ChurnRisk = lazy(() => import('./ChurnRisk'));

export const routes: CrmRoute[] = [
  { path: '/crm/customers/high-value', element: <HighValue /> },
  { path: '/crm/customers/churn-risk', element: <ChurnRisk /> },
  { path: '/crm/customers/:id', element: <Customer360 /> },
];

export const publicRoutes: CrmRoute[] = [];

export const menu: CrmMenuEntry[] = [
  { key: '/crm/customers/high-value', resource: 'customer', action: 'read', label: 'crm.customers.menu.highValue' },
  { key: '/crm/customers/churn-risk', resource: 'customer', action: 'read', label: 'crm.customers.menu.churnRisk' },
];
