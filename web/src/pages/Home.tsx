import { Card, Col, Row, Statistic, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { EntityRecord, Page } from '../api/types';
import { useSession } from '../auth/session';
import { useAsync } from '../lib/useAsync';

const TaskChart = lazy(() => import('../components/TaskChart'));

export default function Home() {
  const { t } = useTranslation();
  const { me, may } = useSession();
  const stats = useAsync(async () => {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const tasks = (q: Record<string, string>) =>
      may('task', 'read')
        ? api.get<Page<EntityRecord>>('/api/v1/tasks', { owner_id: String(me!.user_id), limit: 100, ...q }).then((p) => p.items.length).catch(() => 0)
        : Promise.resolve(0);
    const [open, overdue, done, notes] = await Promise.all([
      tasks({ status: 'open' }),
      tasks({ status: 'open', 'due_at.lt': now }),
      tasks({ status: 'done' }),
      api.get<{ unread_count: number }>('/api/v1/notifications', { unread: 'true', limit: 1 }).then((r) => r.unread_count).catch(() => 0),
    ]);
    return { open, overdue, done, notes };
  }, [me?.user_id]);
  // The chart (ECharts, its own ~150 KB chunk) is below the key figures: it loads once they are
  // shown and the browser is idle, so it never delays the first screen.
  const [chartWanted, setChartWanted] = useState(false);
  useEffect(() => {
    if (!stats.data || chartWanted) return;
    const timer = setTimeout(() => setChartWanted(true), 800);
    return () => clearTimeout(timer);
  }, [stats.data, chartWanted]);
  const chart = useMemo(
    () => stats.data ? [
      { label: t('tasks.mine'), value: stats.data.open },
      { label: t('tasks.overdue'), value: stats.data.overdue },
      { label: t('tasks.done'), value: stats.data.done },
    ] : [],
    [stats.data, t],
  );
  return (
    <>
      {stats.data && <span data-testid="home-ready" hidden />}
      <Typography.Title level={3} data-testid="welcome">{t('home.welcome', { name: me?.display_name })}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}><Card><Link to="/tasks"><Statistic title={t('home.openTasks')} value={stats.data?.open ?? 0} loading={stats.loading} /></Link></Card></Col>
        <Col xs={24} sm={8}><Card><Link to="/tasks"><Statistic title={t('home.overdue')} value={stats.data?.overdue ?? 0} loading={stats.loading} valueStyle={{ color: stats.data?.overdue ? '#cf1322' : undefined }} /></Link></Card></Col>
        <Col xs={24} sm={8}><Card><Link to="/notifications"><Statistic title={t('home.unread')} value={stats.data?.notes ?? 0} loading={stats.loading} /></Link></Card></Col>
        <Col xs={24}>
          <Card title={t('home.byStatus')} size="small">
            <Suspense fallback={<div style={{ height: 240 }} />}>{stats.data && chartWanted && <TaskChart data={chart} />}</Suspense>
          </Card>
        </Col>
      </Row>
    </>
  );
}
