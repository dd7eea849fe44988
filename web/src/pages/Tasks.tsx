// Workflow tasks (modules/workflow): mine, due today, overdue, done; complete and snooze.
import { App, Button, Card, Dropdown, Empty, Grid, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { ApiError } from '../api/problem';
import type { EntityRecord, Page } from '../api/types';
import { useSession } from '../auth/session';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

type Box = 'mine' | 'due' | 'overdue' | 'done';

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function queryFor(box: Box, userId: number): Record<string, string> {
  const now = new Date();
  const end = new Date(now);
  end.setHours(23, 59, 59, 0);
  switch (box) {
    case 'mine':
      return { owner_id: String(userId), status: 'open', sort: 'due_at' };
    case 'due':
      return { owner_id: String(userId), status: 'open', 'due_at.gte': iso(now), 'due_at.lte': iso(end), sort: 'due_at' };
    case 'overdue':
      return { owner_id: String(userId), status: 'open', 'due_at.lt': iso(now), sort: 'due_at' };
    case 'done':
      return { owner_id: String(userId), status: 'done', sort: '-updated_at' };
  }
}

export default function Tasks() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [box, setBox] = useState<Box>('mine');
  const page = useAsync(
    () => api.get<Page<EntityRecord>>('/api/v1/tasks', { ...queryFor(box, me!.user_id), limit: 50 }),
    [box, me?.user_id],
  );

  const act = async (task: EntityRecord, action: 'complete' | 'snooze', until?: Date) => {
    try {
      await api.post(`/api/v1/tasks/${task.id}/${action}`, until ? { version: task.version, until: iso(until) } : { version: task.version });
      message.success(action === 'complete' ? t('tasks.completed') : t('tasks.snoozed'));
      page.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? (e.problem.errors?.[0]?.message ?? e.message) : String(e));
    }
  };
  const snoozeMenu = (task: EntityRecord) => ({
    items: [
      { key: 'hour', label: t('tasks.snoozeHour') },
      { key: 'tomorrow', label: t('tasks.snoozeTomorrow') },
    ],
    onClick: ({ key }: { key: string }) => {
      const until = new Date();
      if (key === 'hour') until.setHours(until.getHours() + 1);
      else {
        until.setDate(until.getDate() + 1);
        until.setHours(9, 0, 0, 0);
      }
      void act(task, 'snooze', until);
    },
  });
  const overdue = (task: EntityRecord) => task.status === 'open' && !!task.due_at && new Date(String(task.due_at)) < new Date();
  const actions = (task: EntityRecord) =>
    task.status === 'open' ? (
      <Space>
        <Button size="small" type="primary" onClick={() => act(task, 'complete')}>{t('tasks.complete')}</Button>
        <Dropdown menu={snoozeMenu(task)}><Button size="small">{t('tasks.snooze')}</Button></Dropdown>
      </Space>
    ) : null;
  const items = page.data?.items ?? [];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('tasks.title')}</Typography.Title>
        <Button type="primary" onClick={() => navigate('/e/task/new')}>{t('tasks.new')}</Button>
      </Space>
      <Tabs activeKey={box} onChange={(k) => setBox(k as Box)}
        items={(['mine', 'due', 'overdue', 'done'] as Box[]).map((k) => ({ key: k, label: t(`tasks.${k}`) }))} />
      {mobile ? (
        <List loading={page.loading} dataSource={items} locale={{ emptyText: <Empty description={t('list.empty')} /> }}
          renderItem={(task) => (
            <Card size="small" style={{ marginBottom: 8 }} title={<Link to={`/e/task/${task.id}`}>{String(task.title)}</Link>}
              extra={overdue(task) && <Tag color="red">{t('tasks.overdue')}</Tag>}>
              <div>{task.due_at ? formatDateTime(String(task.due_at), i18n.language) : ''}</div>
              {actions(task)}
            </Card>
          )} />
      ) : (
        <Table<EntityRecord> rowKey="id" loading={page.loading} dataSource={items} pagination={false}
          columns={[
            { title: t('tasks.title'), dataIndex: 'title', render: (v, r) => <Link to={`/e/task/${r.id}`}>{String(v)}</Link> },
            { title: t('tasks.due_at'), dataIndex: 'due_at', render: (v, r) => (
              <Space>{v ? formatDateTime(String(v), i18n.language) : ''}{overdue(r) && <Tag color="red">{t('tasks.overdue')}</Tag>}</Space>
            ) },
            { title: t('list.actions'), key: 'actions', render: (_, r) => actions(r) },
          ]} />
      )}
    </Space>
  );
}
