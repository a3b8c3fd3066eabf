import { z } from '../shared/validation';

export const ZListNotificationsInput = z
  .object({
    page: z.int().min(1, { error: 'Página inválida.' }).max(10_000).default(1),
    pageSize: z.int().min(1).max(100, { error: 'Até 100 por página.' }).default(20),
  })
  .default({ page: 1, pageSize: 20 });
export type TListNotificationsInput = z.infer<typeof ZListNotificationsInput>;

export const ZMarkReadInput = z.object({ id: z.uuid({ error: 'Notificação inválida.' }) });
