// The CRM service area's pages: `routes` inside the signed-in shell, `publicRoutes` outside it
// (pages a customer opens from a link), `menu` the entries of the 客户关系 group.
import { lazy } from 'react';
import type { CrmMenuEntry, CrmRoute } from '../types';

const TicketBoard = lazy(() => import('./TicketBoard'));
const TicketNew = lazy(() => import('./TicketNew'));
const TicketDetail = lazy(() => import('./TicketDetail'));

export const routes: CrmRoute[] = [
  { path: '/crm/tickets', element: <TicketBoard /> },
  { path: '/crm/tickets/new', element: <TicketNew /> },
  { path: '/crm/tickets/:id', element: <TicketDetail /> },
];

export const publicRoutes: CrmRoute[] = [];

export const menu: CrmMenuEntry[] = [
  { key: '/crm/tickets', resource: 'ticket', action: 'read', label: 'crm.service.menu.tickets' },
];
