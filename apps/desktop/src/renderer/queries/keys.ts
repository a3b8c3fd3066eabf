import type { AppRouter } from '@picineiros/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type Inputs = inferRouterInputs<AppRouter>;
export type Outputs = inferRouterOutputs<AppRouter>;

// One query-key factory per domain. Every key starts with the organization id, so switching organization
// never shows another organization's cache, and with the domain, so a sync event or a write invalidates a
// whole domain with one call.

export const authKeys = {
  all: ['auth'] as const,
  sessions: () => [...authKeys.all, 'sessions'] as const,
  loginHistory: () => [...authKeys.all, 'loginHistory'] as const,
  /** The user's own preferences: not an organization's. */
  myNotifications: () => [...authKeys.all, 'myNotifications'] as const,
};

export const auditKeys = {
  all: (orgId: string) => [orgId, 'audit'] as const,
  logins: (orgId: string, filters: Omit<Inputs['audit']['logins'], 'cursor'>) =>
    [...auditKeys.all(orgId), 'logins', filters] as const,
};

export const organizationKeys = {
  all: (orgId: string) => [orgId, 'organizations'] as const,
  current: (orgId: string) => [...organizationKeys.all(orgId), 'current'] as const,
};

/** CEP lookups: an answer holds for the session (a street's CEP does not change). */
export const addressKeys = {
  all: (orgId: string) => [orgId, 'address'] as const,
  cep: (orgId: string, cep: string) => [...addressKeys.all(orgId), 'cep', cep] as const,
};

export const clientKeys = {
  all: (orgId: string) => [orgId, 'clients'] as const,
  list: (orgId: string, input: Inputs['clients']['list']) =>
    [...clientKeys.all(orgId), 'list', input] as const,
  detail: (orgId: string, id: string) => [...clientKeys.all(orgId), 'detail', id] as const,
};

export const appointmentKeys = {
  all: (orgId: string) => [orgId, 'appointments'] as const,
  list: (orgId: string, input: Inputs['appointments']['list']) =>
    [...appointmentKeys.all(orgId), 'list', input] as const,
  detail: (orgId: string, id: string) => [...appointmentKeys.all(orgId), 'detail', id] as const,
  overlaps: (orgId: string, slot: Inputs['appointments']['overlaps']) =>
    [...appointmentKeys.all(orgId), 'overlaps', slot] as const,
};

export const financeKeys = {
  all: (orgId: string) => [orgId, 'finance'] as const,
  list: (orgId: string, input: Inputs['finance']['list']) =>
    [...financeKeys.all(orgId), 'list', input] as const,
  detail: (orgId: string, id: string) => [...financeKeys.all(orgId), 'detail', id] as const,
};

export const dashboardKeys = {
  all: (orgId: string) => [orgId, 'dashboard'] as const,
  summary: (orgId: string, range: Inputs['dashboard']['summary'] = {}) =>
    [...dashboardKeys.all(orgId), 'summary', range] as const,
  /** Under the dashboard's key, so every write that refreshes the figures refreshes the checklist too. */
  firstSteps: (orgId: string) => [...dashboardKeys.all(orgId), 'firstSteps'] as const,
};

export const notificationKeys = {
  all: (orgId: string) => [orgId, 'notifications'] as const,
  list: (orgId: string, input: Inputs['notifications']['list']) =>
    [...notificationKeys.all(orgId), 'list', input] as const,
  unread: (orgId: string) => [...notificationKeys.all(orgId), 'unread'] as const,
};

export const settingsKeys = {
  all: (orgId: string) => [orgId, 'settings'] as const,
  organization: (orgId: string) => [...settingsKeys.all(orgId), 'organization'] as const,
  notifications: (orgId: string) => [...settingsKeys.all(orgId), 'notifications'] as const,
  members: (orgId: string) => [...settingsKeys.all(orgId), 'members'] as const,
};
