import { appointmentRemindersJob } from './appointment-reminders';
import type { DailyJob } from './daily-job';
import { financeNoticesJob } from './finance-notices';
import { mailBodyPurgeJob } from './mail-body-purge';
import { organizationPurgeJob, type MaintenanceJob } from './organization-purge';
import { pendingRegistrationPurgeJob } from './pending-registration-purge';
import { webhookRetryJob } from './webhook-retry';

export { runDailyJob, type DailyJob, type DailyJobResult } from './daily-job';
export type { MaintenanceJob, MaintenanceSettings } from './organization-purge';

/** Every daily job by name (the scheduler and the `job` command read this). */
export const dailyJobs: Record<string, DailyJob> = {
  [appointmentRemindersJob.name]: appointmentRemindersJob,
  [financeNoticesJob.name]: financeNoticesJob,
};

/** Jobs without a local hour that act on whatever is due (the scheduler runs them on every tick too). */
export const maintenanceJobs: Record<string, MaintenanceJob> = {
  [organizationPurgeJob.name]: organizationPurgeJob,
  [mailBodyPurgeJob.name]: mailBodyPurgeJob,
  [pendingRegistrationPurgeJob.name]: pendingRegistrationPurgeJob,
};

/**
 * Jobs that run every minute, only while billing talks to Asaas (the real one or the embedded fake): a
 * stored webhook event whose processing failed waits at most a minute past its backoff.
 */
export const billingJobs: Record<string, MaintenanceJob> = {
  [webhookRetryJob.name]: webhookRetryJob,
};
