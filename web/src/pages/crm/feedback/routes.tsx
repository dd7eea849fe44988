// The CRM feedback area's pages: `routes` inside the signed-in shell, `publicRoutes` outside it
// (pages a customer opens from a link), `menu` the entries of the 客户关系 group.
import { lazy } from 'react';
import type { CrmMenuEntry, CrmRoute } from '../types';

const Surveys = lazy(() => import('./Surveys'));
const SurveyDesigner = lazy(() => import('./SurveyDesigner'));
const SurveyResults = lazy(() => import('./SurveyResults'));
const PublicSurvey = lazy(() => import('./PublicSurvey'));

export const routes: CrmRoute[] = [
  { path: '/crm/surveys', element: <Surveys /> },
  { path: '/crm/surveys/:id/design', element: <SurveyDesigner /> },
  { path: '/crm/surveys/:id/results', element: <SurveyResults /> },
];

export const publicRoutes: CrmRoute[] = [
  { path: '/s/:token', element: <PublicSurvey /> },
  { path: '/s/open/:key', element: <PublicSurvey anonymous /> },
];

export const menu: CrmMenuEntry[] = [{ key: '/crm/surveys', resource: 'survey', action: 'read', label: 'crm.feedback.menu' }];
