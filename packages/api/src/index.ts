export { appRouter, type AppRouter } from './router';
export {
  createContext,
  type ApiDependencies,
  type ApiSettings,
  type Context,
  type LogBindings,
  type RequestInfo,
} from './context';
export { AUTH_COOKIE_PATH } from './accounts/cookies';
export { fieldErrorsOf } from './shared/validation';
export {
  noopObserver,
  type ApiObserver,
  type ProcedureOutcome,
  type WebhookOutcome,
} from './shared/observer';
