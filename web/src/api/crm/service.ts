// Service tickets (src/modules/crm/README.md, service): the board, a ticket, its steps and
// history, return visits. Tickets are generic entity records with the service fields below.
import { api } from '../client';
import type { EntityRecord, Page } from '../types';
import type { SlaState, TicketStep } from '../../lib/crm/serviceSla';

export interface Ticket extends EntityRecord {
  code: string | null;
  subject: string;
  customer_id: number;
  contact_id: number | null;
  kind: string;
  channel: string;
  priority: string;
  status: string;
  sales_order_id: number | null;
  item_id: number | null;
  serial_number: string | null;
  description: string | null;
  resolution: string | null;
  root_cause: string | null;
  response_due_at: string | null;
  resolution_due_at: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  response_breached: boolean;
  resolution_breached: boolean;
  escalated_at: string | null;
  owner_id: number | null;
  sla_policy_id: number | null;
}

export interface BoardCard extends Ticket {
  owner_name: string | null;
  remind_before_minutes: number;
  response_remaining_minutes: number | null;
  resolution_remaining_minutes: number | null;
  sla_state: SlaState;
}

export interface TicketBoard {
  now: string;
  columns: { status: string; tickets: BoardCard[] }[];
}

export interface SlaPolicy extends EntityRecord {
  name: string;
  priority: string;
  kind: string | null;
  response_minutes: number;
  resolution_minutes: number;
  remind_before_minutes: number;
  return_visit_days: number;
}

export interface TicketEvent {
  at: string;
  by: number | null;
  by_name: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

export interface ReturnVisit extends EntityRecord {
  ticket_id: number | null;
  customer_id: number;
  due_on: string;
  status: 'planned' | 'done' | 'cancelled';
  satisfaction: number | null;
  notes: string | null;
}

/** A member of the company who can be given tickets, with how many open tickets they hold. */
export interface Assignee {
  id: number;
  display_name: string;
  open_tickets: number;
}

export interface TicketOpening {
  subject: string;
  customer_id: number;
  contact_id?: number;
  kind?: string;
  channel?: string;
  priority?: string;
  sales_order_id?: number;
  item_id?: number;
  serial_number?: string;
  description?: string;
}

export const ticketBoard = (query: { mine?: boolean; priority?: string; kind?: string }) =>
  api.get<TicketBoard>('/api/v1/tickets/board', { mine: query.mine ? 'true' : undefined, priority: query.priority, kind: query.kind });
export const getTicket = (id: number | string) => api.get<Ticket>(`/api/v1/tickets/${id}`);
export const openTicket = (body: TicketOpening) => api.post<Ticket>('/api/v1/tickets', body);
export const ticketStep = (id: number, step: TicketStep, body: Record<string, string> = {}) =>
  api.post<Ticket>(`/api/v1/tickets/${id}/${step}`, body);
export const assignTicket = (id: number, userId: number, reason: string) =>
  api.post<Ticket>(`/api/v1/tickets/${id}/assign`, { user_id: userId, reason });
export const changePriority = (id: number, priority: string, reason: string) =>
  api.post<Ticket>(`/api/v1/tickets/${id}/priority`, { priority, reason });
export const ticketEvents = (id: number | string) => api.get<{ items: TicketEvent[] }>(`/api/v1/tickets/${id}/events`);
export const returnVisitsOf = (ticketId: number | string) =>
  api.get<Page<ReturnVisit>>('/api/v1/return-visits', { ticket_id: ticketId, sort: '-id' });
export const completeReturnVisit = (id: number, satisfaction: number, notes: string) =>
  api.post<ReturnVisit>(`/api/v1/return-visits/${id}/complete`, { satisfaction, notes });
export const ticketAssignees = () => api.get<{ items: Assignee[] }>('/api/v1/tickets/assignees');
export const slaPolicy = (id: number) => api.get<SlaPolicy>(`/api/v1/sla-policies/${id}`);
