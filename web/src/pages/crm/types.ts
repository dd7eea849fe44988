import type { ReactElement } from 'react';

/** A page of a CRM area at a path (react-router syntax). */
export interface CrmRoute {
  path: string;
  element: ReactElement;
}

/** A menu entry of the 客户关系 group, shown to holders of `resource:action`; label is an i18n key. */
export interface CrmMenuEntry {
  key: string;
  resource: string;
  action: string;
  label: string;
}
