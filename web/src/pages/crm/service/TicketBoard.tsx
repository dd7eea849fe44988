// 服务工单看板 (/crm/tickets): the open tickets by status, each card with its priority colour and live
// SLA countdowns (response until answered, resolution until resolved) ticking on the server's clock;
// filters: mine or all, priority, kind. A card opens the ticket's page.
import { Alert, Button, Card, Col, Empty, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ticketBoard, type BoardCard } from '../../../api/crm/service';
import { useSession } from '../../../auth/session';
import { clockSkew, priorityColour, TICKET_KINDS, TICKET_PRIORITIES } from '../../../lib/crm/serviceSla';
import { useAsync } from '../../../lib/useAsync';
import { problemText } from '../../finance/common';
import { SlaCountdown, useServerNow } from './SlaCountdown';

function TicketCard({ card, now }: { card: BoardCard; now: number }) {
  const { t } = useTranslation();
  const customer = card._links?.customer_id;
  return (
    <Card size="small" style={{ marginBottom: 8, borderLeft: `4px solid ${priorityColour(card.priority) === 'default' ? '#d9d9d9' : priorityColour(card.priority)}` }}
      data-ticket={card.code ?? card.id}>
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap>
          <Link to={`/crm/tickets/${card.id}`}>{card.code}</Link>
          <Tag color={priorityColour(card.priority)}>{t(`crm.service.priority.${card.priority}`)}</Tag>
          <Tag>{t(`crm.service.kind.${card.kind}`)}</Tag>
          {card.escalated_at && <Tag color="volcano">{t('crm.service.ticket.escalated')}</Tag>}
        </Space>
        <Typography.Text strong>{card.subject}</Typography.Text>
        <Typography.Text type="secondary">
          {!Array.isArray(customer) && customer?.title} · {card.owner_name ?? t('crm.service.board.unassigned')}
        </Typography.Text>
        <Space wrap>
          <SlaCountdown label={t('crm.service.board.respondIn')} dueAt={card.response_due_at} met={card.first_response_at !== null}
            remindBeforeMinutes={card.remind_before_minutes} now={now} />
          <SlaCountdown label={t('crm.service.board.resolveIn')} dueAt={card.resolution_due_at} met={false}
            remindBeforeMinutes={card.remind_before_minutes} now={now} />
        </Space>
      </Space>
    </Card>
  );
}

export default function TicketBoard() {
  const { t } = useTranslation();
  const { may, generation } = useSession();
  const navigate = useNavigate();
  const [mine, setMine] = useState(false);
  const [priority, setPriority] = useState<string>('');
  const [kind, setKind] = useState<string>('');
  const board = useAsync(async () => {
    const answer = await ticketBoard({ mine, priority, kind });
    return { answer, skew: clockSkew(answer.now, Date.now()) };
  }, [mine, priority, kind, generation]);
  const now = useServerNow(board.data?.skew ?? 0);
  const columns = useMemo(() => board.data?.answer.columns ?? [], [board.data]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('crm.service.board.title')}</Typography.Title>
        <Space wrap>
          <Segmented value={mine ? 'mine' : 'all'} onChange={(v) => setMine(v === 'mine')}
            options={[{ value: 'all', label: t('crm.service.board.all') }, { value: 'mine', label: t('crm.service.board.mine') }]} />
          <Select style={{ width: 140 }} value={priority} onChange={setPriority} aria-label={t('crm.service.ticket.priority')}
            options={[{ value: '', label: t('crm.service.board.anyPriority') },
              ...TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`crm.service.priority.${p}`) }))]} />
          <Select style={{ width: 140 }} value={kind} onChange={setKind} aria-label={t('crm.service.ticket.kind')}
            options={[{ value: '', label: t('crm.service.board.anyKind') },
              ...TICKET_KINDS.map((k) => ({ value: k, label: t(`crm.service.kind.${k}`) }))]} />
          {may('ticket', 'create') && (
            <Button type="primary" onClick={() => navigate('/crm/tickets/new')}>{t('crm.service.board.new')}</Button>
          )}
        </Space>
      </Space>
      {board.error ? <Alert type="error" showIcon message={problemText(board.error)} /> : null}
      <Row gutter={12} wrap={false} style={{ overflowX: 'auto' }}>
        {columns.map((column) => (
          <Col key={column.status} flex="1 0 260px">
            <Card size="small" loading={board.loading && !board.data} data-column={column.status}
              title={`${t(`crm.service.status.${column.status}`)} (${column.tickets.length})`}>
              {column.tickets.length === 0
                ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crm.service.board.empty')} />
                : column.tickets.map((card) => <TicketCard key={card.id} card={card} now={now} />)}
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
