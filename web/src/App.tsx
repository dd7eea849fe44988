import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUSLocale from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { SessionProvider, useSession } from './auth/session';
import { AppLayout } from './layout/AppLayout';
import { crmPublicRoutes, crmRoutes } from './pages/crm/routes';

// Each page is its own chunk: the first screen loads only the shell and the page it shows.
const SignIn = lazy(() => import('./pages/SignIn'));
const Home = lazy(() => import('./pages/Home'));
const EntityList = lazy(() => import('./pages/EntityList'));
const EntityForm = lazy(() => import('./pages/EntityForm'));
const ImportWizard = lazy(() => import('./pages/ImportWizard'));
const Tasks = lazy(() => import('./pages/Tasks'));
const Notifications = lazy(() => import('./pages/Notifications'));
const Approvals = lazy(() => import('./pages/Approvals'));
const Delegations = lazy(() => import('./pages/Delegations'));
const Account = lazy(() => import('./pages/Account'));
const Admin = lazy(() => import('./pages/Admin'));
const VoucherList = lazy(() => import('./pages/finance/VoucherList'));
const VoucherEdit = lazy(() => import('./pages/finance/VoucherEdit'));
const Periods = lazy(() => import('./pages/finance/Periods'));
const TrialBalance = lazy(() => import('./pages/finance/TrialBalance'));
const Ledger = lazy(() => import('./pages/finance/Ledger'));
const Statements = lazy(() => import('./pages/finance/Statements'));
const OpenItems = lazy(() => import('./pages/finance/OpenItems'));
const Aging = lazy(() => import('./pages/finance/Aging'));
const Budgets = lazy(() => import('./pages/finance/Budgets'));
const Invoices = lazy(() => import('./pages/finance/Invoices'));
const PurchaseOrders = lazy(() => import('./pages/purchasing/PurchaseOrders'));
const OrderEdit = lazy(() => import('./pages/purchasing/OrderEdit'));
const OrderDetail = lazy(() => import('./pages/purchasing/OrderDetail'));
const Receiving = lazy(() => import('./pages/purchasing/Receiving'));
const PurchasingReports = lazy(() => import('./pages/purchasing/PurchasingReports'));
const SalesOrders = lazy(() => import('./pages/sales/SalesOrders'));
const SalesQuotations = lazy(() => import('./pages/sales/SalesQuotations'));
const QuotationDetail = lazy(() => import('./pages/sales/QuotationDetail'));
const SalesOrderEdit = lazy(() => import('./pages/sales/SalesOrderEdit'));
const SalesOrderDetail = lazy(() => import('./pages/sales/SalesOrderDetail'));
const Deliveries = lazy(() => import('./pages/sales/Deliveries'));
const DeliveryNew = lazy(() => import('./pages/sales/DeliveryNew'));
const DeliveryDetail = lazy(() => import('./pages/sales/DeliveryDetail'));
const SalesInvoices = lazy(() => import('./pages/sales/SalesInvoices'));
const SalesDashboard = lazy(() => import('./pages/sales/SalesDashboard'));
const PurchasingSettings = lazy(() => import('./pages/purchasing/PurchasingSettings'));
const IntercompanyTransfer = lazy(() => import('./pages/inventory/IntercompanyTransfer'));
const SupplierPayments = lazy(() => import('./pages/purchasing/SupplierPayments'));
const StockDocuments = lazy(() => import('./pages/inventory/StockDocuments'));
const StockDocumentEdit = lazy(() => import('./pages/inventory/StockDocumentEdit'));
const StockDocumentView = lazy(() => import('./pages/inventory/StockDocumentView'));
const StockDashboard = lazy(() => import('./pages/inventory/StockDashboard'));
const Stocktakes = lazy(() => import('./pages/inventory/Stocktakes'));
const StocktakeCount = lazy(() => import('./pages/inventory/StocktakeCount'));
const InventorySettings = lazy(() => import('./pages/inventory/InventorySettings'));
const NotFound = lazy(() => import('./pages/NotFound'));

function Loading() {
  return <Spin style={{ display: 'block', margin: '64px auto' }} />;
}

function RequireSession({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function Shell() {
  const { generation } = useSession();
  return (
    <RequireSession>
      <AppLayout>
        <Suspense fallback={<Loading />}>
          {/* key: a company switch remounts every page so nothing of the other company lingers */}
          <Routes key={generation}>
            <Route path="/" element={<Home />} />
            <Route path="/e/:entity" element={<EntityList />} />
            <Route path="/e/:entity/new" element={<EntityForm />} />
            <Route path="/e/:entity/import" element={<ImportWizard />} />
            <Route path="/e/:entity/:id" element={<EntityForm />} />
            <Route path="/tasks" element={<Tasks />} />
            <Route path="/notifications" element={<Notifications />} />
            <Route path="/approvals" element={<Approvals />} />
            <Route path="/approvals/delegations" element={<Delegations />} />
            <Route path="/account" element={<Account />} />
            <Route path="/admin/:tab" element={<Admin />} />
            <Route path="/finance/vouchers" element={<VoucherList />} />
            <Route path="/finance/vouchers/new" element={<VoucherEdit />} />
            <Route path="/finance/vouchers/:id" element={<VoucherEdit />} />
            <Route path="/finance/periods" element={<Periods />} />
            <Route path="/finance/trial-balance" element={<TrialBalance />} />
            <Route path="/finance/ledger" element={<Ledger />} />
            <Route path="/finance/statements" element={<Statements />} />
            <Route path="/finance/open-items" element={<OpenItems />} />
            <Route path="/finance/aging" element={<Aging />} />
            <Route path="/finance/budgets" element={<Budgets />} />
            <Route path="/finance/invoices" element={<Invoices />} />
            <Route path="/purchasing/orders" element={<PurchaseOrders />} />
            <Route path="/purchasing/orders/new" element={<OrderEdit />} />
            <Route path="/purchasing/orders/:id" element={<OrderDetail />} />
            <Route path="/purchasing/orders/:id/edit" element={<OrderEdit />} />
            <Route path="/purchasing/receiving" element={<Receiving />} />
            <Route path="/purchasing/reports" element={<PurchasingReports />} />
            <Route path="/sales/orders" element={<SalesOrders />} />
            <Route path="/sales/quotations" element={<SalesQuotations />} />
            <Route path="/sales/quotations/:id" element={<QuotationDetail />} />
            <Route path="/sales/orders/new" element={<SalesOrderEdit />} />
            <Route path="/sales/orders/:id" element={<SalesOrderDetail />} />
            <Route path="/sales/orders/:id/edit" element={<SalesOrderEdit />} />
            <Route path="/sales/deliveries" element={<Deliveries />} />
            <Route path="/sales/deliveries/new" element={<DeliveryNew />} />
            <Route path="/sales/deliveries/:id" element={<DeliveryDetail />} />
            <Route path="/sales/invoices" element={<SalesInvoices />} />
            <Route path="/sales/dashboard" element={<SalesDashboard />} />
            <Route path="/purchasing/settings" element={<PurchasingSettings />} />
            <Route path="/purchasing/payments" element={<SupplierPayments />} />
            <Route path="/inventory/documents" element={<StockDocuments />} />
            <Route path="/inventory/documents/new" element={<StockDocumentEdit />} />
            <Route path="/inventory/documents/:id" element={<StockDocumentView />} />
            <Route path="/inventory/intercompany" element={<IntercompanyTransfer />} />
            <Route path="/inventory/settings" element={<InventorySettings />} />
            <Route path="/inventory/dashboard" element={<StockDashboard />} />
            <Route path="/inventory/stocktakes" element={<Stocktakes />} />
            <Route path="/inventory/stocktakes/:id" element={<StocktakeCount />} />
            {crmRoutes.map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </AppLayout>
    </RequireSession>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en-US';
  dayjs.locale(zh ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={zh ? zhCNLocale : enUSLocale} theme={{ token: { colorPrimary: '#1677ff' } }} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/login" element={<SignIn />} />
                {crmPublicRoutes.map((r) => (
                  <Route key={r.path} path={r.path} element={r.element} />
                ))}
                <Route path="/*" element={<Shell />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
