import { describe, expect, it } from 'vitest';
import { owed, paymentBody } from '../src/lib/supplierPayments';

describe('supplier payments', () => {
  it('owes the invoices (credit) less what was paid (debit), to the cent', () => {
    expect(owed([{ side: 'credit', open: '1007.96' }, { side: 'credit', open: '0.04' }, { side: 'debit', open: '500.00' }])).toBe('508.00');
    expect(owed([])).toBe('0.00');
    expect(owed([{ side: 'debit', open: '100.00' }])).toBe('-100.00');
  });
  it('sends the amount as a decimal string to the cent, the note only when there is one', () => {
    expect(paymentBody({ supplier_id: 4, date: '2026-03-20', amount: '1,007.96', note: '  ' }))
      .toEqual({ ok: true, body: { supplier_id: 4, date: '2026-03-20', amount: '1007.96' } });
    expect(paymentBody({ supplier_id: 4, date: '2026-03-20', amount: '12', note: '三月货款' }))
      .toEqual({ ok: true, body: { supplier_id: 4, date: '2026-03-20', amount: '12.00', note: '三月货款' } });
  });
  it('names what is missing or not an amount', () => {
    expect(paymentBody({ supplier_id: null, date: '', amount: '', note: '' }))
      .toEqual({ ok: false, errors: { supplier_id: 'required', date: 'required', amount: 'required' } });
    expect(paymentBody({ supplier_id: 1, date: '2026-03-20', amount: '1.001', note: '' })).toEqual({ ok: false, errors: { amount: 'invalid' } });
    expect(paymentBody({ supplier_id: 1, date: '2026-03-20', amount: 'abc', note: '' })).toEqual({ ok: false, errors: { amount: 'invalid' } });
    expect(paymentBody({ supplier_id: 1, date: '2026-03-20', amount: '-5', note: '' })).toEqual({ ok: false, errors: { amount: 'not_positive' } });
    expect(paymentBody({ supplier_id: 1, date: '2026-03-20', amount: '0', note: '' })).toEqual({ ok: false, errors: { amount: 'not_positive' } });
  });
});
