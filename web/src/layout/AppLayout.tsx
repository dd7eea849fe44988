import {
  AppstoreOutlined, AuditOutlined, CheckSquareOutlined, HomeOutlined, MenuOutlined, SettingOutlined, SwapOutlined, UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Select, type MenuProps } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session';
import { changeLanguage, LANGUAGES, type Language } from '../i18n';
import { crmMenu } from '../pages/crm/routes';
import { ADMIN_MENU, ENTITY_PAGES, FINANCE_MENU, MODULE_ORDER, moduleOf, OWN_ENTRIES, SUPPLY_MENU } from './modules';
import { GlobalSearch } from './GlobalSearch';
import { NotificationBell } from './NotificationBell';

const { Sider, Header, Content } = Layout;

function useMenuItems(): MenuProps['items'] {
  const { t } = useTranslation();
  const { entities, may } = useSession();
  return useMemo(() => {
    const groups = new Map<string, { key: string; label: string }[]>();
    for (const e of entities) {
      const module = moduleOf(e.name);
      if (!groups.has(module)) groups.set(module, []);
      groups.get(module)!.push({ key: ENTITY_PAGES[e.name] ?? `/e/${e.name}`, label: e.label });
    }
    for (const x of [...crmMenu.map((m) => ({ ...m, module: 'crm' })), ...SUPPLY_MENU]) {
      if (!may(x.resource, x.action)) continue;
      if (!groups.has(x.module)) groups.set(x.module, []);
      groups.get(x.module)!.push({ key: x.key, label: t(x.label) });
    }
    const items: MenuProps['items'] = [
      { key: '/', icon: <HomeOutlined />, label: t('app.home') },
      { key: '/tasks', icon: <CheckSquareOutlined />, label: t('layout.tasks') },
      { key: '/approvals', icon: <AuditOutlined />, label: t('layout.approvals') },
      { key: '/approvals/delegations', icon: <SwapOutlined />, label: t('delegations.title') },
    ];
    // An entry needs one of its resources; the group shows to holders of voucher:read, and the
    // invoices entry also to those who may only read invoices.
    const allowed = (x: (typeof FINANCE_MENU)[number]) => [x.resource].flat().some((r) => may(r, x.action));
    const ledger = FINANCE_MENU.filter((x) => allowed(x) && (may('voucher', 'read') || x.key === '/finance/invoices'))
      .map((x) => ({ key: x.key, label: t(x.label) }));
    if (ledger.length) groups.set('finance', [...ledger, ...(groups.get('finance') ?? [])]);
    for (const module of MODULE_ORDER) {
      const children = groups.get(module);
      if (children?.length) {
        items.push({ key: `m:${module}`, icon: <AppstoreOutlined />, label: t(`layout.modules.${module}`), children });
      }
    }
    // The same tabs as the Admin page (pages/Admin.tsx), kept here as data to leave that chunk lazy.
    const admin = ADMIN_MENU.filter((x) => may(x.resource, x.action)).map((x) => ({ key: `/admin/${x.key}`, label: t(x.label) }));
    if (admin.length) items.push({ key: 'm:admin', icon: <SettingOutlined />, label: t('layout.modules.admin'), children: admin });
    return items;
  }, [entities, may, t]);
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const { me, companies, switchCompany, signOut } = useSession();
  const items = useMenuItems();

  const segments = location.pathname.split('/').filter(Boolean);
  // "/finance/vouchers/new" is a menu entry of its own; "/finance/vouchers/12" belongs to the list.
  const selected = '/' + segments.slice(0, OWN_ENTRIES.has(location.pathname) ? 3 : 2).join('/');
  const openGroup = { finance: 'm:finance', sales: 'm:sales', purchasing: 'm:purchasing', inventory: 'm:inventory' }[segments[0] ?? ''];
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      defaultOpenKeys={['m:master_data', ...(openGroup ? [openGroup] : [])]}
      onClick={({ key }) => {
        navigate(key);
        setDrawer(false);
      }}
      aria-label={t('layout.menu')}
    />
  );
  const myCompanies = companies.filter((c) => me?.company_ids.includes(c.id));
  const userMenu: MenuProps = {
    items: [
      { key: 'account', label: t('layout.account') },
      { key: 'notifications', label: t('layout.notifications') },
      { type: 'divider' },
      { key: 'signout', label: t('auth.signOut') },
    ],
    onClick: ({ key }) => {
      if (key === 'signout') void signOut().then(() => navigate('/login'));
      else navigate('/' + key);
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">Skip to content</a>
      {!mobile && (
        <Sider width={220} breakpoint="lg" collapsedWidth={64}>
          <div className="verp-logo">{t('app.name')}</div>
          {menu}
        </Sider>
      )}
      {mobile && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" width={260} styles={{ body: { padding: 0, background: '#001529' } }}>
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header className="verp-topbar" style={{ padding: mobile ? '0 8px' : '0 16px', height: 56, lineHeight: 'normal' }}>
          {mobile && <Button type="text" icon={<MenuOutlined />} aria-label={t('layout.menu')} onClick={() => setDrawer(true)} />}
          <Select
            aria-label={t('layout.company')}
            data-testid="company-switcher"
            value={me?.company_id}
            style={{ minWidth: mobile ? 110 : 220, maxWidth: mobile ? 150 : 320 }}
            options={myCompanies.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(id: number) => void switchCompany(id).then(() => navigate('/'))}
          />
          {!mobile && <GlobalSearch mobile={false} />}
          <span className="spacer" />
          {mobile && <GlobalSearch mobile />}
          <Select
            aria-label={t('layout.language')}
            data-testid="language-switch"
            value={i18n.language as Language}
            style={{ width: mobile ? 90 : 110 }}
            options={LANGUAGES}
            onChange={(lang: Language) => void changeLanguage(lang)}
          />
          <NotificationBell />
          <Dropdown menu={userMenu} trigger={['click']}>
            <Button type="text" icon={<UserOutlined />} aria-label={t('layout.account')} data-testid="user-menu">
              {!mobile && me?.display_name}
            </Button>
          </Dropdown>
        </Header>
        <Content id="main" className="verp-content" tabIndex={-1}>
          {children}
        </Content>
      </Layout>
    </Layout>
  );
}
