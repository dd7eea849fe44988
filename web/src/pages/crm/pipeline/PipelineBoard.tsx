// 商机看板 (/crm/pipeline): a column per open stage with its count and weighted sum, a card per
// open opportunity. Dragging a card onto another column moves it (HTML5 drag and drop: antd has
// none); the card's “移至…” menu does the same from the keyboard and offers 赢单 and 输单, which
// open the dialog for the reason. The board shows the move at once and takes the server's answer.
import { App, Button, Card, Dropdown, Empty, Space, Statistic, Tag, Typography } from 'antd';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { pipelineApi, type OpportunityCard, type PipelineBoard as Board } from '../../../api/crm/pipeline';
import { formatDate } from '../../../lib/format';
import { moveCard, moveTargets, percent } from '../../../lib/crm/pipeline';
import { useAsync } from '../../../lib/useAsync';
import { money, problemText } from '../../finance/common';
import { CloseDialog, type Outcome } from './CloseDialog';

const CARD_TYPE = 'application/x-verp-opportunity';

function OpportunityTile({ card, board, onMove }: {
  card: OpportunityCard;
  board: Board;
  onMove: (card: OpportunityCard, stageId: number, outcome: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const targets = moveTargets(board, card);
  return (
    <Card size="small" draggable data-testid={`opportunity-card-${card.code ?? card.id}`} style={{ marginBottom: 8, cursor: 'grab' }}
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.setData(CARD_TYPE, String(card.id));
        e.dataTransfer.effectAllowed = 'move';
      }}
      title={<Link to={`/crm/opportunities/${card.id}`}>{card.name}</Link>}
      extra={
        <Dropdown trigger={['click']} menu={{
          items: targets.map((s) => ({ key: String(s.stage_id), label: s.outcome === 'open' ? s.name : <Tag color={s.outcome === 'won' ? 'green' : 'red'}>{s.name}</Tag> })),
          onClick: ({ key }) => {
            const target = targets.find((s) => String(s.stage_id) === key);
            if (target) onMove(card, target.stage_id, target.outcome);
          },
        }}>
          <Button size="small" type="text" aria-label={t('crm.pipeline.board.moveTo')} data-testid="move-to">{t('crm.pipeline.board.moveTo')}</Button>
        </Dropdown>
      }>
      <div role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && navigate(`/crm/opportunities/${card.id}`)}>
        <Typography.Text type="secondary">{card.customer}</Typography.Text>
        <div><Typography.Text strong>{money(card.amount)}</Typography.Text></div>
        <div style={{ fontSize: 12 }}>
          {card.expected_close_date && <span>{t('crm.pipeline.board.closeDate')} {formatDate(card.expected_close_date, i18n.language)} · </span>}
          {card.owner && <span>{t('crm.pipeline.board.owner')} {card.owner}</span>}
        </div>
      </div>
    </Card>
  );
}

export default function PipelineBoard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const loaded = useAsync(() => pipelineApi.board(), []);
  const [over, setOver] = useState<number | null>(null);
  const [closing, setClosing] = useState<{ card: OpportunityCard; stageId: number; outcome: Outcome } | null>(null);
  const board = loaded.data;

  const move = async (card: OpportunityCard, stageId: number, outcome: string) => {
    if (!board || stageId === card.stage_id) return;
    if (outcome === 'won' || outcome === 'lost') {
      setClosing({ card, stageId, outcome });
      return;
    }
    const before = board;
    loaded.setData(moveCard(board, card.id, stageId));
    try {
      const view = await pipelineApi.move(card.id, stageId);
      message.success(t('crm.pipeline.board.moved', { stage: view.stage }));
      loaded.reload();
    } catch (e) {
      loaded.setData(before);
      message.error(problemText(e));
    }
  };

  const drop = (e: DragEvent, stageId: number) => {
    e.preventDefault();
    setOver(null);
    const id = Number(e.dataTransfer.getData(CARD_TYPE));
    const card = board?.stages.flatMap((s) => s.opportunities).find((c) => c.id === id);
    if (card) void move(card, stageId, 'open');
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="pipeline-board">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('crm.pipeline.board.title')}</Typography.Title>
        <Space>
          <div data-testid="weighted-total"><Statistic title={t('crm.pipeline.board.weightedTotal')} value={money(board?.weighted_total)} /></div>
          <Link to="/crm/pipeline/stats">{t('crm.pipeline.board.stats')}</Link>
          <Link to="/crm/leads">{t('crm.pipeline.board.leads')}</Link>
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('crm.pipeline.board.dropHint')}</Typography.Text>
      {loaded.error != null && <Typography.Text type="danger">{problemText(loaded.error)}</Typography.Text>}
      <div style={{ display: 'flex', gap: 12, overflowX: 'auto', alignItems: 'flex-start' }}>
        {board?.stages.map((column) => (
          <div key={column.stage_id} data-testid={`stage-column-${column.name}`}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(CARD_TYPE)) return;
              e.preventDefault();
              setOver(column.stage_id);
            }}
            onDragLeave={() => setOver(null)}
            onDrop={(e) => drop(e, column.stage_id)}
            style={{ minWidth: 260, flex: '0 0 260px', background: over === column.stage_id ? '#e6f4ff' : '#fafafa', padding: 8, borderRadius: 8 }}>
            <Typography.Text strong>{column.name}</Typography.Text>{' '}
            <Tag>{percent(column.probability, 0)}</Tag>
            <div style={{ fontSize: 12, marginBottom: 8 }} data-testid="column-totals">
              {t('crm.pipeline.board.count', { count: column.count })} · {t('crm.pipeline.board.weighted', { amount: money(column.weighted_amount) })}
            </div>
            {column.opportunities.length === 0
              ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crm.pipeline.board.empty')} />
              : column.opportunities.map((card) => <OpportunityTile key={card.id} card={card} board={board} onMove={move} />)}
          </div>
        ))}
      </div>
      <CloseDialog opportunity={closing ? { id: closing.card.id, name: closing.card.name } : null}
        outcome={closing?.outcome ?? 'won'} stageId={closing?.stageId}
        onClose={() => setClosing(null)}
        onDone={() => {
          setClosing(null);
          loaded.reload();
        }} />
    </Space>
  );
}
