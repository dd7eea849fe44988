// What the administration tabs share: the shapes of the identity API's answers and its lists.
import { api } from '../../api/client';
import type { Grant } from '../../api/types';
import type { FieldRule } from '../../lib/permissionMatrix';

export interface UserRow {
  id: number; user_name: string; display_name: string; email: string; is_active: boolean; totp_enabled: boolean;
  must_change_password: boolean; roles: string[]; version: number; last_sign_in_at?: string;
}
export interface RoleRow {
  id: number; version: number; code: string; name: string; requires_mfa: boolean; grants: Grant[]; field_rules: FieldRule[];
  is_template: boolean;
}
export interface DepartmentRow {
  id: number; code: string; name: string; parent_id: number | null; head_user_id: number | null;
  head_display_name: string | null; version: number;
}

export const listUsers = () => api.get<{ items: UserRow[] }>('/api/v1/users').then((r) => r.items);
export const listRoles = (templates = false) =>
  api.get<{ items: RoleRow[] }>('/api/v1/roles', templates ? { templates: 'true' } : undefined).then((r) => r.items);
export const listDepartments = () => api.get<{ items: DepartmentRow[] }>('/api/v1/departments').then((r) => r.items);
