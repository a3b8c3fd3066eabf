// The enum constants of @picineiros/db that the shared schemas use, without the ORM, for the browser
// bundle (see vite.config.ts). test/db-constants.unit.test.ts fails when they drift from the entities.
export const SESSION_CLIENTS = ['web', 'desktop'] as const;
export const POOL_TYPES = ['fiberglass', 'vinyl', 'masonry', 'other'] as const;
export const POOL_LOCATIONS = ['outdoor', 'indoor'] as const;
export const NOTIFICATION_TYPES = [
  'appointment_created',
  'appointment_reminder',
  'finance_due_today',
  'finance_overdue',
  'member_invited',
  'member_joined',
] as const;
export const APPOINTMENT_STATUSES = ['pending', 'confirmed', 'done', 'cancelled'] as const;
export const FINANCE_STATUSES = ['pending', 'paid'] as const;
export const PAYMENT_METHODS = ['pix', 'cash', 'bank_transfer', 'boleto', 'card'] as const;
export const MEMBERSHIP_ROLES = ['owner', 'admin', 'staff'] as const;
export const AUDIT_ACTIONS = ['create', 'update', 'status_change', 'archive', 'restore'] as const;
