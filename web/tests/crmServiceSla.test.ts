import { describe, expect, it } from 'vitest';
import {
  clockSkew,
  formatCountdown,
  parseInstant,
  priorityColour,
  slaClock,
  stateColour,
  stepsFor,
  worstState,
} from '../src/lib/crm/serviceSla';

// An urgent complaint due for a response at 09:30 China time (01:30 UTC), reminder 10 minutes before.
const due = '2026-04-01T01:30:00.000000Z';
const at = (hhmmss: string) => Date.parse(`2026-04-01T${hhmmss}Z`);

describe('the SLA countdown', () => {
  it('reads the server timestamps with microseconds', () => {
    expect(parseInstant(due)).toBe(Date.UTC(2026, 3, 1, 1, 30));
    expect(Number.isNaN(parseInstant(null))).toBe(true);
  });

  it('is ok before the reminder window, amber within it, red once the deadline passed', () => {
    expect(slaClock(due, false, 10, at('01:15:00'))).toEqual({ remainingSeconds: 900, state: 'ok' });
    expect(slaClock(due, false, 10, at('01:20:00'))?.state).toBe('warning');
    expect(slaClock(due, false, 10, at('01:29:59'))).toEqual({ remainingSeconds: 1, state: 'warning' });
    expect(slaClock(due, false, 10, at('01:30:00'))?.state).toBe('breached');
    expect(slaClock(due, false, 10, at('01:31:10'))).toEqual({ remainingSeconds: -70, state: 'breached' });
  });

  it('stops once the deadline is met or when there is none', () => {
    expect(slaClock(due, true, 10, at('02:00:00'))).toBeNull();
    expect(slaClock(null, false, 10, at('02:00:00'))).toBeNull();
  });

  it('ticks on the server clock even when the browser clock is off', () => {
    const browserReceived = at('01:00:00') - 5 * 60_000; // the browser is 5 minutes behind
    const skew = clockSkew('2026-04-01T01:00:00.000000Z', browserReceived);
    const browserNow = browserReceived + 3_000;
    expect(slaClock(due, false, 10, browserNow + skew)?.remainingSeconds).toBe(30 * 60 - 3);
  });

  it('shows the worse of the response and resolution clocks', () => {
    const response = slaClock(due, false, 10, at('01:31:00'));
    const resolution = slaClock('2026-04-01T05:00:00Z', false, 10, at('01:31:00'));
    expect(worstState(response, resolution)).toBe('breached');
    expect(worstState(null, resolution)).toBe('ok');
    expect(stateColour('breached')).toBe('red');
    expect(stateColour('warning')).toBe('gold');
  });

  it('formats the time left and overdue', () => {
    expect(formatCountdown(3903)).toBe('1:05:03');
    expect(formatCountdown(-70)).toBe('-0:01:10');
    expect(formatCountdown(2 * 86_400 + 3 * 3600)).toBe('2d 03:00:00');
  });
});

describe('tickets on the board', () => {
  it('colours priorities', () => {
    expect(priorityColour('urgent')).toBe('red');
    expect(priorityColour('low')).toBe('default');
  });

  it('offers the steps the server allows', () => {
    expect(stepsFor('assigned')).toEqual(['respond']);
    expect(stepsFor('in_progress')).toEqual(['wait', 'resolve']);
    expect(stepsFor('closed')).toEqual(['reopen']);
  });
});
