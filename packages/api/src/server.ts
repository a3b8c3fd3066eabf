// The server-side pieces apps/server wires up: the router and its context, the tRPC builders, the jobs, mail
// delivery, reports, privacy exports, billing (Asaas, webhooks), passwords and the request limits. The pieces
// it shares with the desktop (schemas, labels, messages, helpers) come from ./client.
export { issueAccountToken } from './accounts/account-tokens';
export { AUTH_COOKIE_PATH } from './accounts/cookies';
export { hashPassword } from './accounts/password';
export { createCepLookup } from './address/cep-lookup';
export { createAsaasGateway, type AsaasGateway } from './billing/asaas';
export { HANDLED_EVENTS, receiveAsaasWebhook, retryWebhookEvents } from './billing/webhooks';
export { renderCalendarFeed } from './calendar/service';
export {
  createContext,
  type ApiDependencies,
  type ApiSettings,
  type Context,
  type LogBindings,
  type RequestInfo,
} from './context';
export {
  billingJobs,
  dailyJobs,
  maintenanceJobs,
  runDailyJob,
  type DailyJobResult,
  type MaintenanceJob,
  type MaintenanceSettings,
} from './jobs/index';
export { mailBodyPurgeJob, PURGED_MAIL_BODY } from './jobs/mail-body-purge';
export { webhookRetryJob } from './jobs/webhook-retry';
export { deliverDueMail, retryDelayMs, type DeliveryResult, type MailSender } from './mail/delivery';
export { claimExportDownload, removeExportFile } from './privacy/export-download';
export { exportsDirectory } from './privacy/export-file';
export { EXPORT_TTL_MS, runPendingExports } from './privacy/export-worker';
export { planOrganizationTables, type AnyRow } from './privacy/tenant-tables';
export { openReportContext } from './reports/access';
export {
  buildReport,
  REPORT_EXTENSIONS,
  REPORT_KINDS,
  ReportInputError,
  type PdfRenderer,
  type QueryValues,
} from './reports/build';
export { REPORT_DEFINITIONS } from './reports/definitions';
export { appRouter } from './router';
export type { AbuseLimits } from './shared/abuse-limits';
export { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './shared/database-unavailable';
export {
  noopObserver,
  type ApiObserver,
  type ProcedureOutcome,
  type WebhookOutcome,
} from './shared/observer';
export { RateLimitRefusal } from './shared/rate-limit';
export { RequestBudget } from './shared/request-budget';
export { authedProcedure, createCallerFactory, orgProcedure, READ_ONLY_EXEMPT_MUTATIONS } from './trpc';
