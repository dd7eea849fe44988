// The SLA countdown of the ticket board (服务工单看板), as pure functions. The server answers the
// deadlines and its own time ("now"); the page ticks every second from those, correcting for the
// difference between the server's clock and the browser's, so every agent sees the same minutes.

export type SlaState = 'ok' | 'warning' | 'breached';

export const TICKET_STATUSES = ['new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const OPEN_TICKET_STATUSES: TicketStatus[] = ['new', 'assigned', 'in_progress', 'waiting'];
export const TICKET_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const TICKET_KINDS = ['complaint', 'repair', 'support', 'return_exchange', 'consultation'] as const;

/** Milliseconds since the epoch of a server timestamp ("2026-04-01T01:30:00.000000Z"); NaN when unreadable. */
export function parseInstant(text: string | null | undefined): number {
  if (!text) return Number.NaN;
  // Microseconds are more than Date.parse promises to read: keep milliseconds.
  const trimmed = text.replace(/(\.\d{3})\d+/, '$1');
  return Date.parse(trimmed);
}

/** How far the server's clock is ahead of the browser's, from an answer's "now" received at `receivedAt` (ms). */
export function clockSkew(serverNow: string, receivedAt: number): number {
  const server = parseInstant(serverNow);
  return Number.isNaN(server) ? 0 : server - receivedAt;
}

export interface SlaClock {
  /** Seconds until the deadline; negative once it has passed. */
  remainingSeconds: number;
  state: SlaState;
}

/**
 * The clock of one deadline at `now` (ms, server time): null when there is no deadline or it was
 * met. Breached at or after the deadline, warning within `remindBeforeMinutes` of it.
 */
export function slaClock(dueAt: string | null | undefined, met: boolean, remindBeforeMinutes: number, now: number): SlaClock | null {
  if (met) return null;
  const due = parseInstant(dueAt);
  if (Number.isNaN(due)) return null;
  const remainingSeconds = Math.floor((due - now) / 1000);
  let state: SlaState = 'ok';
  if (due <= now) state = 'breached';
  else if (due - remindBeforeMinutes * 60_000 <= now) state = 'warning';
  return { remainingSeconds, state };
}

const SEVERITY: Record<SlaState, number> = { ok: 0, warning: 1, breached: 2 };

/** The worse of several states (no clocks: ok). */
export function worstState(...clocks: (SlaClock | null)[]): SlaState {
  let worst: SlaState = 'ok';
  for (const clock of clocks) if (clock && SEVERITY[clock.state] > SEVERITY[worst]) worst = clock.state;
  return worst;
}

/** "1:05:03" to go, "-0:01:10" overdue; days as "2d 03:00:00". */
export function formatCountdown(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.abs(seconds);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  const minutes = Math.floor((rest % 3600) / 60);
  const secs = rest % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${sign}${days}d ${two(hours)}:${two(minutes)}:${two(secs)}`;
  return `${sign}${hours}:${two(minutes)}:${two(secs)}`;
}

/** Ant Design tag colours: red when breached, amber (gold) within the reminder window. */
export function stateColour(state: SlaState): string {
  return state === 'breached' ? 'red' : state === 'warning' ? 'gold' : 'green';
}

export function priorityColour(priority: string): string {
  switch (priority) {
    case 'urgent':
      return 'red';
    case 'high':
      return 'orange';
    case 'normal':
      return 'blue';
    default:
      return 'default';
  }
}

export type TicketStep = 'respond' | 'wait' | 'resume' | 'resolve' | 'close' | 'reopen';

/** The steps the server allows from a status (src/modules/crm/service/tickets.hpp). */
export function stepsFor(status: string): TicketStep[] {
  switch (status) {
    case 'new':
    case 'assigned':
      return ['respond'];
    case 'in_progress':
      return ['wait', 'resolve'];
    case 'waiting':
      return ['resume', 'resolve'];
    case 'resolved':
      return ['close', 'reopen'];
    case 'closed':
      return ['reopen'];
    default:
      return [];
  }
}
