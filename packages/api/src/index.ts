export { appRouter, type AppRouter } from './router';
export {
  createContext,
  type ApiDependencies,
  type ApiSettings,
  type Context,
  type RequestInfo,
} from './context';
export { AUTH_COOKIE_PATH } from './accounts/cookies';
export { fieldErrorsOf } from './shared/validation';
