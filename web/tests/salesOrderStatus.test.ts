import { describe, expect, it } from 'vitest';
import type { SalesOrderLine } from '../src/api/sales';
import { salesActions, salesSteps, timelineView } from '../src/lib/salesStatus';

function order(status: string, lines: Partial<SalesOrderLine>[] = [{}], held_from: string | null = null) {
  return {
    status, held_from,
    lines: lines.map((l) => ({ shipped: '0', reserved: '0', picking: '0', shortfall: '0', ...l }) as SalesOrderLine),
  };
}
const keys = (o: ReturnType<typeof order>) => salesSteps(o).items.map((s) => s.key);

describe('the order’s steps bar', () => {
  it('runs 已下单 → 备货中 → 已发货 → 已完成 after the way in', () => {
    expect(keys(order('draft'))).toEqual(['draft', 'ordered', 'preparing', 'shipped', 'completed']);
    expect(salesSteps(order('draft'))).toMatchObject({ current: 0, state: 'process' });
    expect(salesSteps(order('pending')).items[0].key).toBe('pending');
    expect(salesSteps(order('rejected'))).toMatchObject({ current: 0, state: 'error' });
    expect(salesSteps(order('ordered'))).toMatchObject({ current: 1, state: 'process' });
    expect(salesSteps(order('preparing'))).toMatchObject({ current: 2, state: 'process' });
    expect(salesSteps(order('shipped'))).toMatchObject({ current: 3, state: 'process' });
    expect(salesSteps(order('completed'))).toMatchObject({ current: 4, state: 'finish' });
  });

  it('names the shipped step 部分发货 while part is still to go', () => {
    const steps = salesSteps(order('partly_shipped', [{ shipped: '2' }]));
    expect(steps.items[3].key).toBe('partly_shipped');
    expect(steps.current).toBe(3);
  });

  it('stops a held order at the step it was held at', () => {
    expect(salesSteps(order('on_hold', [{}], 'ordered'))).toMatchObject({ current: 1, state: 'error' });
    expect(keys(order('on_hold', [{}], 'ordered'))[1]).toBe('on_hold');
    expect(keys(order('on_hold', [{ picking: '1' }], 'preparing'))[2]).toBe('on_hold');
    expect(keys(order('on_hold', [{ shipped: '1' }], 'partly_shipped'))[3]).toBe('on_hold');
  });

  it('ends a cancelled order after the step the goods reached', () => {
    expect(keys(order('cancelled'))).toEqual(['draft', 'cancelled']);
    expect(salesSteps(order('cancelled'))).toMatchObject({ current: 1, state: 'error' });
    expect(keys(order('cancelled', [{ reserved: '3' }]))).toEqual(['draft', 'ordered', 'cancelled']);
  });
});

describe('what an order’s status allows', () => {
  it('offers the buttons of each status', () => {
    expect(salesActions(order('draft'))).toEqual(['edit', 'submit', 'cancel']);
    expect(salesActions(order('pending'))).toEqual([]);
    expect(salesActions(order('ordered'))).toEqual(['ship', 'hold', 'amend', 'cancel']);
    expect(salesActions(order('ordered', [{ shortfall: '4' }]))).toEqual(['ship', 'reserve', 'requisitions', 'hold', 'amend', 'cancel']);
    expect(salesActions(order('partly_shipped', [{ shipped: '1' }]))).toEqual(['ship', 'hold', 'return', 'cancel']);
    expect(salesActions(order('on_hold'))).toEqual(['release', 'cancel']);
    expect(salesActions(order('shipped', [{ shipped: '5' }]))).toEqual(['return']);
    expect(salesActions(order('completed', [{ shipped: '5' }]))).toEqual(['return']);
    expect(salesActions(order('cancelled'))).toEqual([]);
  });
});

describe('the timeline, as people read it', () => {
  const at = '2026-12-05T08:00:00Z';
  it('tells status changes by the status', () => {
    expect(timelineView({ event: 'ordered', at, user: '王' })).toEqual({ kind: 'status', values: { status: 'ordered' }, color: 'blue' });
    expect(timelineView({ event: 'sales_order.completed', at, user: '王' }).values.status).toBe('completed');
    expect(timelineView({ event: 'partly_shipped', at, user: '王' }).kind).toBe('status');
  });

  it('tells a shipment by its delivery, carrier and tracking number', () => {
    expect(timelineView({ event: 'shipped', at, user: '仓管', number: 'DN-202612-0001', carrier: '顺丰', tracking_number: 'SF100' }))
      .toEqual({ kind: 'shipped', values: { number: 'DN-202612-0001', carrier: '顺丰', tracking_number: 'SF100' }, color: 'geekblue' });
    // The order's own status change "shipped" names no delivery.
    expect(timelineView({ event: 'shipped', at, user: '仓管' }).kind).toBe('status');
  });

  it('keeps reasons, numbers and amounts of the other events', () => {
    expect(timelineView({ event: 'hold', at, user: '经理', reason: '客户要求' })).toMatchObject({ kind: 'hold', values: { reason: '客户要求' } });
    expect(timelineView({ event: 'invoiced', at, user: '会计', number: 'INV-1', amount: '113.00' }))
      .toMatchObject({ kind: 'invoiced', values: { number: 'INV-1', amount: '113.00' }, color: 'purple' });
    expect(timelineView({ event: 'sales_return.post', at, user: '仓管', number: 'RT-1' }).kind).toBe('return');
    expect(timelineView({ event: 'returned', at, user: '仓管', number: 'RT-1' }).kind).toBe('return');
    expect(timelineView({ event: 'invoiced', at, user: '会计', number: 'CN-1', amount: '-50.00' }).kind).toBe('credited');
    expect(timelineView({ event: 'delivery_cancelled', at, user: '仓管', number: 'DN-2' })).toMatchObject({ kind: 'delivery_cancelled', color: 'red' });
    expect(timelineView({ event: 'picking', at, user: '仓管', number: 'DN-1' })).toMatchObject({ kind: 'picking', values: { number: 'DN-1' } });
    expect(timelineView({ event: 'create', at, user: '销售' }).kind).toBe('create');
    expect(timelineView({ event: 'approval.submit', at, user: '销售' }).kind).toBe('submit');
    expect(timelineView({ event: 'update', at, user: '系统', status: 'preparing' })).toMatchObject({ kind: 'status', values: { status: 'preparing' } });
  });
});
