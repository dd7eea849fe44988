// The pipeline board and statistics in the browser: where a card may go, the board after a card
// moved (shown at once, before the server answers), rates as percentages. Sums are exact (BigInt
// cents through decimalMath), as the server's Decimal; numbers appear only for drawing charts.
import type { BoardColumn, OpportunityCard, PipelineBoard, PipelineStats } from '../../api/crm/pipeline';
import { add, format, multiply, rescale, scaled, type Scaled } from '../decimalMath';

const ZERO: Scaled = { units: 0n, scale: 0 };

function cents(units: bigint): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A column's count, amount and weighted amount (amount × probability, each card rounded to the cent as the server does). */
export function columnTotals(column: Pick<BoardColumn, 'probability' | 'opportunities'>): {
  count: number;
  amount: string;
  weighted_amount: string;
} {
  const probability = scaled(column.probability) ?? ZERO;
  let amount = 0n;
  let weighted = 0n;
  for (const card of column.opportunities) {
    const value = scaled(card.amount) ?? ZERO;
    amount += rescale(value, 2);
    weighted += rescale(multiply(value, probability), 2);
  }
  return { count: column.opportunities.length, amount: cents(amount), weighted_amount: cents(weighted) };
}

/** The board with the card moved to another open stage and every total recomputed; the same board when it cannot move there. */
export function moveCard(board: PipelineBoard, cardId: number, toStageId: number): PipelineBoard {
  const from = board.stages.find((column) => column.opportunities.some((card) => card.id === cardId));
  const to = board.stages.find((column) => column.stage_id === toStageId);
  if (!from || !to || from === to) return board;
  const card = from.opportunities.find((c) => c.id === cardId)!;
  const stages = board.stages.map((column) => {
    let opportunities = column.opportunities;
    if (column === from) opportunities = opportunities.filter((c) => c.id !== cardId);
    if (column === to) opportunities = [...opportunities, { ...card, stage_id: toStageId }];
    if (opportunities === column.opportunities) return column;
    return { ...column, opportunities, ...columnTotals({ probability: column.probability, opportunities }) };
  });
  let total = 0n;
  for (const column of stages) total += rescale(scaled(column.weighted_amount) ?? ZERO, 2);
  return { ...board, stages, weighted_total: cents(total) };
}

/** Where a card can be sent from its menu: the other open stages, then the closing ones (win, lose). */
export function moveTargets(board: PipelineBoard, card: Pick<OpportunityCard, 'stage_id'>): {
  stage_id: number;
  name: string;
  outcome: string;
}[] {
  return [
    ...board.stages.filter((s) => s.stage_id !== card.stage_id).map((s) => ({ stage_id: s.stage_id, name: s.name, outcome: 'open' })),
    ...board.closing_stages,
  ];
}

/** A rate ("0.6667") as a percentage ("66.67 %"), exactly; "—" when there is none. */
export function percent(rate: string | null | undefined, digits = 2): string {
  if (rate === null || rate === undefined) return '—';
  const value = scaled(rate);
  if (value === null) return '—';
  const hundredfold = rescale(multiply(value, { units: 100n, scale: 0 }), digits);
  return `${format({ units: hundredfold, scale: digits })} %`;
}

/** The funnel: the open stages, then won, with how many entered each (the chart draws the counts). */
export function funnel(stats: PipelineStats): { name: string; value: number }[] {
  return stats.stages
    .filter((s) => s.outcome === 'open' || s.outcome === 'won')
    .map((s) => ({ name: s.name, value: s.outcome === 'won' ? s.count : Math.max(s.entered, s.count) }));
}

/** An amount string as a number for a chart axis (drawing only). */
export function chartNumber(amount: string | null | undefined): number {
  const value = scaled(amount ?? '');
  return value === null ? 0 : Number(format(value));
}

/** The sum of decimal strings, exactly, to the cent. */
export function sumAmounts(amounts: string[]): string {
  let total = ZERO;
  for (const amount of amounts) total = add(total, scaled(amount) ?? ZERO);
  return cents(rescale(total, 2));
}
