// Unread count in the top bar: an EventSource on /api/v1/events when the server offers SSE
// (`event: notification`), otherwise polling /api/v1/notifications every 30 s.
import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';

export const NOTIFICATIONS_CHANGED = 'verp:notifications-changed';
const POLL_MS = 30_000;

async function offersEventStream(): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 3000);
  try {
    const response = await fetch('/api/v1/events', {
      headers: { Accept: 'text/event-stream' },
      credentials: 'same-origin',
      signal: controller.signal,
    });
    const ok = response.ok && (response.headers.get('Content-Type') ?? '').startsWith('text/event-stream');
    controller.abort();
    return ok;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { notification } = App.useApp();
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    let stopped = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    const load = () =>
      api
        .get<{ unread_count: number }>('/api/v1/notifications', { unread: 'true', limit: 1 })
        .then((r) => !stopped && setUnread(r.unread_count))
        .catch(() => undefined);
    void load();
    void offersEventStream().then((sse) => {
      if (stopped) return;
      if (sse) {
        source = new EventSource('/api/v1/events');
        source.addEventListener('notification', (event) => {
          try {
            const data = JSON.parse((event as MessageEvent).data) as { title?: string; body?: string };
            if (data.title) notification.info({ message: data.title, description: data.body, placement: 'bottomRight' });
          } catch {
            /* a malformed event only refreshes the count */
          }
          void load();
        });
        source.onerror = () => {
          // Fall back to polling when the stream breaks for good.
          if (source?.readyState === EventSource.CLOSED && !timer) timer = setInterval(load, POLL_MS);
        };
      } else {
        timer = setInterval(load, POLL_MS);
      }
    });
    window.addEventListener(NOTIFICATIONS_CHANGED, load);
    return () => {
      stopped = true;
      source?.close();
      if (timer) clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, load);
    };
  }, [notification]);

  return (
    <Badge count={unread} size="small" offset={[-4, 4]}>
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={`${t('layout.notifications')} (${unread})`}
        data-testid="notification-bell"
        onClick={() => navigate('/notifications')}
      />
    </Badge>
  );
}
