import { describe, expect, it } from 'vitest';
import type { PipelineBoard, PipelineStats } from '../src/api/crm/pipeline';
import { chartNumber, columnTotals, funnel, moveCard, moveTargets, percent, sumAmounts } from '../src/lib/crm/pipeline';

const card = (id: number, stage: number, amount: string) => ({
  id, code: `OP-202603-000${id}`, name: `商机${id}`, customer_id: 1, customer: '星光电器', amount,
  expected_close_date: null, owner_id: 1, owner: '刘', stage_id: stage, status: 'open', version: 1, source: 'manual',
});

const board = (): PipelineBoard => ({
  stages: [
    { stage_id: 1, name: '初步接洽', probability: '0.10', count: 2, amount: '30000.05', weighted_amount: '3000.01',
      opportunities: [card(1, 1, '20000.00'), card(2, 1, '10000.05')] },
    { stage_id: 2, name: '需求确认', probability: '0.30', count: 0, amount: '0.00', weighted_amount: '0.00', opportunities: [] },
  ],
  closing_stages: [{ stage_id: 5, name: '赢单', outcome: 'won' }, { stage_id: 6, name: '输单', outcome: 'lost' }],
  weighted_total: '3000.01',
});

describe('the pipeline board', () => {
  it('weighs each card to the cent, as the server does', () => {
    expect(columnTotals(board().stages[0])).toEqual({ count: 2, amount: '30000.05', weighted_amount: '3000.01' });
  });

  it('moves a card and recomputes both columns and the weighted total', () => {
    const moved = moveCard(board(), 1, 2);
    expect(moved.stages[0].count).toBe(1);
    expect(moved.stages[0].weighted_amount).toBe('1000.01');
    expect(moved.stages[1].opportunities.map((c) => c.id)).toEqual([1]);
    expect(moved.stages[1].opportunities[0].stage_id).toBe(2);
    expect(moved.stages[1].weighted_amount).toBe('6000.00');
    expect(moved.weighted_total).toBe('7000.01');
  });

  it('leaves the board as it was for a drop on the same or an unknown column', () => {
    const before = board();
    expect(moveCard(before, 1, 1)).toBe(before);
    expect(moveCard(before, 1, 99)).toBe(before);
    expect(moveCard(before, 42, 2)).toBe(before);
  });

  it('offers the other open stages and the closing ones in the move-to menu', () => {
    expect(moveTargets(board(), { stage_id: 1 }).map((t) => `${t.name}:${t.outcome}`)).toEqual([
      '需求确认:open', '赢单:won', '输单:lost',
    ]);
  });
});

describe('pipeline statistics', () => {
  it('shows rates as exact percentages', () => {
    expect(percent('1.0000')).toBe('100 %');
    expect(percent('0.6667')).toBe('66.67 %');
    expect(percent('0.12345', 1)).toBe('12.3 %');
    expect(percent(null)).toBe('—');
    expect(percent('abc')).toBe('—');
  });

  it('draws the funnel over the open stages and the won one', () => {
    const stage = (name: string, outcome: string, count: number, entered: number) => ({
      stage_id: 0, name, outcome, probability: '0', count, amount: '0.00', weighted_amount: '0.00', entered,
      advanced: 0, conversion_rate: null,
    });
    const stats = { stages: [stage('初步接洽', 'open', 0, 3), stage('需求确认', 'open', 1, 2), stage('赢单', 'won', 1, 0),
      stage('输单', 'lost', 1, 0)] } as unknown as PipelineStats;
    expect(funnel(stats)).toEqual([{ name: '初步接洽', value: 3 }, { name: '需求确认', value: 2 }, { name: '赢单', value: 1 }]);
  });

  it('adds amounts exactly and draws them as numbers', () => {
    expect(sumAmounts(['0.10', '0.20', '1000000000000.01'])).toBe('1000000000000.31');
    expect(chartNumber('1234.50')).toBe(1234.5);
    expect(chartNumber(null)).toBe(0);
  });
});
