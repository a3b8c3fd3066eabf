import { appointmentRemindersJob } from './appointment-reminders';
import type { DailyJob } from './daily-job';
import { financeNoticesJob } from './finance-notices';

export { runDailyJob, type DailyJob, type DailyJobResult } from './daily-job';

/** Every daily job by name (the scheduler and the `job` command read this). */
export const dailyJobs: Record<string, DailyJob> = {
  [appointmentRemindersJob.name]: appointmentRemindersJob,
  [financeNoticesJob.name]: financeNoticesJob,
};
