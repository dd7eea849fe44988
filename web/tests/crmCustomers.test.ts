import { describe, expect, it } from 'vitest';
import { documentLink, listPoints, monthlySeries, rfmText, timelineLink } from '../src/lib/crm/customers';

describe('customer 360° helpers', () => {
  it('draws months by their number and amount', () => {
    expect(monthlySeries([{ month: '2026-01', amount: '0.00' }, { month: '2026-02', amount: '1234.50' }]))
      .toEqual({ labels: ['01', '02'], values: [0, 1234.5] });
    expect(monthlySeries(undefined)).toEqual({ labels: [], values: [] });
  });

  it('opens each document where the sales pages show it', () => {
    const row = { id: 7, number: 'SO-1', date: null, status: 'ordered', at: null };
    expect(documentLink('orders', row, 3)).toBe('/sales/orders/7');
    expect(documentLink('quotations', row, 3)).toBe('/sales/quotations/7');
    expect(documentLink('invoices', row, 3)).toBe('/sales/invoices?customer_id=3');
    expect(documentLink('receipts', row, 3)).toBe('/finance/vouchers/7');
  });

  it('links timeline entries to their record, or nowhere', () => {
    expect(timelineLink('sales_order', 5)).toBe('/sales/orders/5');
    expect(timelineLink('ticket', 9)).toBe('/e/ticket/9');
    expect(timelineLink(null, 9)).toBeNull();
    expect(timelineLink('customer_invoice', 9)).toBeNull();
  });

  it('spells an RFM score out', () => {
    expect(rfmText('523')).toBe('R5 F2 M3 = 10');
    expect(rfmText('')).toBe('');
    expect(rfmText('903')).toBe('');
  });

  it('plots a list by the figure asked', () => {
    const list = {
      title: { zh: '', en: '' }, columns: [],
      rows: [{ customer_id: 1, name: '杭州数码', clv: '240000.00', revenue_12m: '80000.00', rfm_total: 9, recency_days: 61 }],
    };
    expect(listPoints(list, 'clv')).toEqual({ labels: ['杭州数码'], values: [240000] });
    expect(listPoints(undefined, 'clv')).toEqual({ labels: [], values: [] });
  });
});
