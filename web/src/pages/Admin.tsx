// Administration: one tab per area, each its own chunk, shown to whoever may read it.
import { Space, Spin, Tabs, Typography } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useSession } from '../auth/session';
import { ADMIN_MENU } from '../layout/modules';

const Users = lazy(() => import('./admin/Users'));
const Roles = lazy(() => import('./admin/Roles'));
const Departments = lazy(() => import('./admin/Departments'));
const Companies = lazy(() => import('./admin/Companies'));
const CustomFields = lazy(() => import('./admin/CustomFields'));
const AccessReview = lazy(() => import('./admin/AccessReview'));
const Audit = lazy(() => import('./admin/Audit'));

const PAGES: Record<string, () => ReactNode> = {
  users: () => <Users />,
  roles: () => <Roles />,
  departments: () => <Departments />,
  companies: () => <Companies />,
  'custom-fields': () => <CustomFields />,
  'access-review': () => <AccessReview />,
  audit: () => <Audit />,
};

export default function Admin() {
  const { tab = 'users' } = useParams();
  const { t } = useTranslation();
  const { may } = useSession();
  const navigate = useNavigate();
  const tabs = ADMIN_MENU.filter((x) => may(x.resource, x.action));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('layout.modules.admin')}</Typography.Title>
      <Tabs activeKey={tab} onChange={(k) => navigate(`/admin/${k}`)} destroyOnHidden items={tabs.map((x) => ({
        key: x.key, label: t(x.label),
        children: <Suspense fallback={<Spin style={{ display: 'block', margin: 32 }} />}>{PAGES[x.key]()}</Suspense>,
      }))} />
    </Space>
  );
}
