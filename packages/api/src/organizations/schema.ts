import { MEMBERSHIP_ROLES } from '@picineiros/db/constants';
import { ZEmail } from '../accounts/schema';
import { optional, ZAddress } from '../clients/schema';
import { ZDeletion } from '../privacy/schema';
import { ZAddressView } from '../shared/address';
import { ZCpfCnpj, ZPhoneBR } from '../shared/brazil';
import { ZContactView } from '../shared/contact';
import { LOGO_CONTENT_TYPES } from './logo-image';
import { z } from '../shared/validation';

/**
 * Only the fields given change. The company details (what clients see on reports, PDFs and e-mails)
 * follow the client form's rule: a blank string or `null` clears a field, an absent key leaves it.
 */
export const ZUpdateOrganizationInput = z.object({
  name: z
    .string()
    .trim()
    .min(2, { error: 'Informe o nome da empresa.' })
    .max(120, { error: 'Nome da empresa longo demais (até 120 caracteres).' })
    .optional(),
  timezone: z
    .string()
    .max(64)
    .refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', {
      error: 'Fuso horário desconhecido.',
    })
    .optional(),
  /** CPF or CNPJ, with or without mask; stored normalized. */
  document: optional(ZCpfCnpj),
  phone: optional(ZPhoneBR),
  /** Where clients' answers to the organization's e-mails go (Reply-To). */
  replyToEmail: optional(z.string().trim().pipe(ZEmail)),
  address: ZAddress.optional(),
});
export type TUpdateOrganizationInput = z.output<typeof ZUpdateOrganizationInput>;

/** The logo file as base64 (tRPC carries JSON); its size and type are checked on the decoded bytes. */
export const ZSetOrganizationLogoInput = z.object({
  // 512 KB of bytes is about 700 000 base64 characters; the limit here only stops absurd payloads early.
  logo: z
    .string()
    .max(800_000, { error: 'Logo grande demais: envie uma imagem de até 512 KB.' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'Arquivo inválido.' }),
});
export type TSetOrganizationLogoInput = z.infer<typeof ZSetOrganizationLogoInput>;

// ---- Outputs ----------------------------------------------------------------------------------------

/** The company details clients see on reports, PDFs and e-mails (organizations/company.ts builds them). */
export const ZCompanyDetails = z.object({
  name: z.string(),
  ...ZContactView.shape,
  replyToEmail: z.string().nullable(),
  address: ZAddressView,
});
export type TCompanyDetails = z.infer<typeof ZCompanyDetails>;

export const ZOrganizationView = ZCompanyDetails.extend({
  id: z.string(),
  timezone: z.string(),
  hasLogo: z.boolean(),
});
export type TOrganizationView = z.infer<typeof ZOrganizationView>;

/** organizations.current: the organization, the caller's role in it, and a pending deletion (a banner). */
export const ZCurrentOrganization = ZOrganizationView.extend({
  role: z.enum(MEMBERSHIP_ROLES),
  deletion: ZDeletion,
});
export type TCurrentOrganization = z.infer<typeof ZCurrentOrganization>;

/** The "Primeiros passos" of a new company, in the order the dashboard lists them. */
export const FIRST_STEPS = ['company', 'client', 'visit', 'team', 'email'] as const;
export type FirstStep = (typeof FIRST_STEPS)[number];

export const ZFirstSteps = z.object({
  steps: z.array(z.object({ step: z.enum(FIRST_STEPS), done: z.boolean() })),
  /** Every step done: the dashboard no longer shows the card. */
  complete: z.boolean(),
  /** An owner or admin hid the card before finishing (dismissFirstSteps). */
  dismissed: z.boolean(),
});
export type TFirstSteps = z.infer<typeof ZFirstSteps>;

/** The logo on report headers, base64-encoded; null when the organization has none. */
export const ZOrganizationLogo = z
  .object({ contentType: z.enum(LOGO_CONTENT_TYPES), base64: z.string() })
  .nullable();
export type TOrganizationLogo = z.infer<typeof ZOrganizationLogo>;
