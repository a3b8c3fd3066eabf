import { LOGIN_OUTCOMES, MEMBERSHIP_ROLES, SESSION_CLIENTS } from '@picineiros/db/constants';
import { ZCursorPage, ZInstantIdCursor } from '../shared/scalars';
import { z } from '../shared/validation';

export const PASSWORD_MIN_LENGTH = 10;

export const ZEmail = z
  .email({ error: 'Informe um e-mail válido.' })
  .max(254, { error: 'E-mail longo demais.' })
  .transform((email) => email.toLowerCase());

export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `A senha precisa ter pelo menos ${PASSWORD_MIN_LENGTH} caracteres.` })
  .max(256, { error: 'Senha longa demais.' });

export const ZPersonName = z
  .string()
  .trim()
  .min(2, { error: 'Informe o nome.' })
  .max(120, { error: 'Nome longo demais (até 120 caracteres).' });

export const ZSessionClient = z.enum(SESSION_CLIENTS).default('web');

export const ZRegisterInput = z.object({
  name: ZPersonName,
  email: z.string().trim().pipe(ZEmail),
  password: ZPassword,
  organizationName: z
    .string()
    .trim()
    .min(2, { error: 'Informe o nome da empresa.' })
    .max(120, { error: 'Nome da empresa longo demais (até 120 caracteres).' }),
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

export const REGISTRATION_CODE_LENGTH = 6;

/** The 6-digit code auth.register mails to the address. */
export const ZRegistrationCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: `Informe os ${REGISTRATION_CODE_LENGTH} dígitos do código.` });

export const ZConfirmRegistrationInput = z.object({
  email: z.string().trim().pipe(ZEmail),
  code: ZRegistrationCode,
  client: ZSessionClient,
});
export type TConfirmRegistrationInput = z.infer<typeof ZConfirmRegistrationInput>;

export const ZLoginInput = z.object({
  email: z.string().trim().pipe(ZEmail),
  // No length rules at sign-in: a wrong password is just wrong, whatever its length.
  password: z.string().min(1, { error: 'Informe a senha.' }).max(256, { error: 'Senha longa demais.' }),
  client: ZSessionClient,
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

/** Desktop clients send the refresh token in the body; web clients send nothing and use the cookie. */
export const ZRefreshInput = z
  .object({ refreshToken: z.string().max(200).optional() })
  .optional()
  .transform((input) => input ?? {});
export type TRefreshInput = z.infer<typeof ZRefreshInput>;

export const ZRevokeSessionInput = z.object({ id: z.uuid({ error: 'Sessão inválida.' }) });

export const ZToken = z
  .string()
  .trim()
  .min(1, { error: 'Link inválido.' })
  .max(200, { error: 'Link inválido.' });

export const ZVerifyEmailInput = z.object({ token: ZToken });

export const ZRequestPasswordResetInput = z.object({ email: z.string().trim().pipe(ZEmail) });

export const ZResetPasswordInput = z.object({ token: ZToken, password: ZPassword });
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;

export const ZChangePasswordInput = z.object({
  currentPassword: z.string().min(1, { error: 'Informe a senha atual.' }).max(256),
  newPassword: ZPassword,
});
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

export const LOGIN_HISTORY_PAGE_SIZE_MAX = 100;

export const ZLoginHistoryLimit = z
  .int({ error: 'Informe um número inteiro.' })
  .min(1, { error: 'Peça pelo menos 1 registro.' })
  .max(LOGIN_HISTORY_PAGE_SIZE_MAX, {
    error: `Peça até ${LOGIN_HISTORY_PAGE_SIZE_MAX} registros por página.`,
  })
  .default(20);

export const ZLoginHistoryInput = z
  .object({
    /** The `nextCursor` of the previous page. */
    cursor: ZInstantIdCursor.optional(),
    limit: ZLoginHistoryLimit,
  })
  .optional()
  .transform((input) => input ?? { limit: 20 });
export type TLoginHistoryInput = z.infer<typeof ZLoginHistoryInput>;

// ---- Outputs ----------------------------------------------------------------------------------------

export const ZUserSummary = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  emailVerifiedAt: z.date().nullable(),
});
export type TUserSummary = z.infer<typeof ZUserSummary>;

export const ZMembershipSummary = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  role: z.enum(MEMBERSHIP_ROLES),
});
export type TMembershipSummary = z.infer<typeof ZMembershipSummary>;

/** auth.me: who is signed in, and the organizations they belong to (oldest membership first). */
export const ZMe = z.object({ user: ZUserSummary, memberships: z.array(ZMembershipSummary) });
export type TMe = z.infer<typeof ZMe>;

/**
 * auth.register's one answer, whether the address is new (a code was mailed) or already has an account
 * (a warning was mailed): the caller cannot tell them apart.
 */
export const ZRegistrationSent = z.object({ status: z.literal('code-sent'), email: z.string() });
export type TRegistrationSent = z.infer<typeof ZRegistrationSent>;

/** One signed-in device of the caller (auth.sessions). */
export const ZSessionView = z.object({
  id: z.string(),
  client: z.enum(SESSION_CLIENTS),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date(),
  expiresAt: z.date(),
  /** The session making this call. */
  current: z.boolean(),
});
export type TSessionView = z.infer<typeof ZSessionView>;

/** One sign-in attempt, as the caller's history (and an admin's view of a member's) shows it. */
export const ZLoginEventView = z.object({
  id: z.string(),
  at: z.date(),
  outcome: z.enum(LOGIN_OUTCOMES),
  /** null on sign-ins recorded before the client kind was. */
  client: z.enum(SESSION_CLIENTS).nullable(),
  browser: z.string(),
  os: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  newDevice: z.boolean(),
});
export type TLoginEventView = z.infer<typeof ZLoginEventView>;

export const ZLoginHistory = ZCursorPage(ZLoginEventView);
export type TLoginHistory = z.infer<typeof ZLoginHistory>;
