import { z } from '../shared/validation';

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
});
export type TUpdateOrganizationInput = z.infer<typeof ZUpdateOrganizationInput>;
