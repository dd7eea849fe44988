// Shapes of the API's answers the UI relies on.

export type FieldKind =
  | 'text' | 'integer' | 'decimal' | 'money' | 'quantity' | 'boolean' | 'date' | 'datetime' | 'enum'
  | 'link' | 'links' | 'tags' | 'email' | 'phone' | 'url' | 'json' | 'attachment';

export interface FieldOption {
  value: string;
  label: string;
  labels?: Record<string, string>;
}

export interface FieldMeta {
  name: string;
  kind: FieldKind | string;
  label: string;
  labels?: Record<string, string>;
  required?: boolean;
  read_only?: boolean;
  searchable?: boolean;
  sensitive?: boolean;
  filterable?: boolean;
  in_list?: boolean;
  custom?: boolean;
  unique?: string;
  help?: string;
  section?: string;
  max_length?: number;
  min_length?: number;
  pattern?: string;
  scale?: number;
  minimum?: string;
  maximum?: string;
  default?: string;
  link_to?: string;
  options?: FieldOption[];
}

export interface EntitySummary {
  name: string;
  path: string;
  label: string;
  labels?: Record<string, string>;
  title_field?: string;
  code_field?: string;
  company_scoped?: boolean;
  actions: string[];
}

export interface EntityMeta extends EntitySummary {
  fields: FieldMeta[];
}

export type EntityRecord = Record<string, unknown> & {
  id: number;
  version?: number;
  _links?: Record<string, { id?: number; title?: string; code?: string } | { id?: number; title?: string; code?: string }[]>;
};

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export interface Grant {
  resource: string;
  action: string;
  scope: string;
}

export interface Me {
  user_id: number;
  user_name: string;
  display_name: string;
  company_id: number;
  company_ids: number[];
  grants: Grant[];
  state: string;
  csrf_token: string;
  department_id?: number;
}

export interface SessionAnswer {
  state: 'active' | 'mfa_pending' | 'mfa_enrolment_required' | 'password_change_required' | string;
  csrf_token: string;
  user_id: number;
}

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body?: string;
  entity?: string;
  record_id?: number;
  created_at: string;
  read_at?: string | null;
}

export interface ImportProblem {
  row: number;
  field: string;
  code: string;
  message: string;
}

export interface ImportReport {
  rows: number;
  valid_rows: number;
  created: number;
  committed: boolean;
  truncated: boolean;
  problems: ImportProblem[];
}

export interface Job {
  id: number;
  kind: string;
  title: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  message?: string;
  result?: unknown;
  error?: { code: string; message: string };
}
