import { ZEmail } from '../accounts/schema';
import { optional, ZAddress } from '../clients/schema';
import { ZCpfCnpj, ZPhoneBR } from '../shared/brazil';
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
