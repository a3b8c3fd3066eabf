import { authedProcedure, publicProcedure, router } from '../trpc';
import {
  changePassword,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  verifyEmail,
} from './email-flows';
import { listLoginHistory } from './login-history';
import {
  ZChangePasswordInput,
  ZConfirmRegistrationInput,
  ZLoginHistory,
  ZLoginHistoryInput,
  ZLoginInput,
  ZMe,
  ZRefreshInput,
  ZRegisterInput,
  ZRegistrationSent,
  ZRequestPasswordResetInput,
  ZResetPasswordInput,
  ZSessionView,
  ZRevokeSessionInput,
  ZVerifyEmailInput,
} from './schema';
import { describeMe, listSessions, loginUser, logoutSession, refreshSession, revokeSession } from './service';
import { confirmRegistration, registerUser } from './registration';

export const authRouter = router({
  register: publicProcedure
    .input(ZRegisterInput)
    .output(ZRegistrationSent)
    .mutation(({ ctx, input }) => registerUser(ctx, input)),
  confirmRegistration: publicProcedure
    .input(ZConfirmRegistrationInput)
    .mutation(({ ctx, input }) => confirmRegistration(ctx, input)),
  login: publicProcedure.input(ZLoginInput).mutation(({ ctx, input }) => loginUser(ctx, input)),
  refresh: publicProcedure.input(ZRefreshInput).mutation(({ ctx, input }) => refreshSession(ctx, input)),
  logout: publicProcedure.input(ZRefreshInput).mutation(({ ctx, input }) => logoutSession(ctx, input)),
  me: authedProcedure.output(ZMe).query(({ ctx }) => describeMe(ctx, ctx.user)),
  sessions: authedProcedure
    .output(ZSessionView.array())
    .query(({ ctx }) => listSessions(ctx, ctx.user, ctx.sessionId)),
  loginHistory: authedProcedure
    .input(ZLoginHistoryInput)
    .output(ZLoginHistory)
    .query(({ ctx, input }) => listLoginHistory(ctx, ctx.user, input)),
  revokeSession: authedProcedure
    .input(ZRevokeSessionInput)
    .mutation(({ ctx, input }) => revokeSession(ctx, ctx.user, input.id)),
  verifyEmail: publicProcedure
    .input(ZVerifyEmailInput)
    .mutation(({ ctx, input }) => verifyEmail(ctx, input.token)),
  resendVerification: authedProcedure.mutation(({ ctx }) => resendVerification(ctx, ctx.user)),
  requestPasswordReset: publicProcedure
    .input(ZRequestPasswordResetInput)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx, input.email)),
  resetPassword: publicProcedure
    .input(ZResetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, input)),
  changePassword: authedProcedure
    .input(ZChangePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx, ctx.user, ctx.sessionId, input)),
});
