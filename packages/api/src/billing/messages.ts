import type { PlanLimit, ReadOnlyReason } from '@picineiros/db/constants';

const LIMIT_LABELS: Record<PlanLimit, string> = {
  activeClients: 'clientes ativos',
  members: 'membros da equipe',
  appointmentsPerMonth: 'atendimentos no mês',
  emailNoticesPerMonth: 'avisos por e-mail no mês',
};

const days = (count: number) => `${count} ${count === 1 ? 'dia' : 'dias'}`;

/** Billing's pt-BR messages (server side); the billing screen shows them as they come. */
export const billingMessages = {
  readOnly: (reason: ReadOnlyReason): string => {
    const why: Record<ReadOnlyReason, string> = {
      trial_ended: 'O período de teste terminou.',
      past_due: 'Há uma fatura em atraso há mais tempo que o prazo de tolerância.',
      canceled: 'A assinatura foi cancelada e o período pago terminou.',
      expired: 'A assinatura expirou.',
    };
    return `${why[reason]} Sua organização está somente para leitura: tudo continua visível e exportável, mas nada pode ser alterado. Acesse Assinatura para escolher um plano e regularizar.`;
  },
  trialEnding: (daysLeft: number, subscribed: boolean) =>
    subscribed
      ? `Seu teste termina em ${days(daysLeft)}; a primeira fatura vence nessa data.`
      : `Seu teste termina em ${days(daysLeft)}. Escolha um plano em Assinatura para continuar usando.`,
  pastDue: (daysLeft: number) =>
    `Há uma fatura em aberto. Pague em até ${days(daysLeft)} para não bloquear as alterações (Assinatura).`,
  canceled: (daysLeft: number) =>
    `Assinatura cancelada: você pode continuar usando por ${days(daysLeft)}. Assine de novo em Assinatura.`,
  limitReached: (limit: PlanLimit, used: number, max: number) =>
    `Limite do plano atingido: ${used} de ${max} ${LIMIT_LABELS[limit]}. Mude de plano em Assinatura para continuar.`,
  unavailable: 'Pagamentos não estão configurados neste servidor.',
  providerError: 'O serviço de pagamentos não respondeu como esperado. Tente novamente em instantes.',
  planNotFound: 'Plano não encontrado.',
  documentRequired: 'Informe o CPF ou CNPJ de quem paga a assinatura.',
  documentRefused: 'O serviço de pagamentos recusou este CPF/CNPJ. Confira os dígitos.',
  alreadySubscribed: 'Sua organização já tem uma assinatura. Use "Mudar de plano".',
  notSubscribed: 'Sua organização ainda não tem uma assinatura. Escolha um plano primeiro.',
  samePlan: 'Este já é o seu plano.',
  changeInProgress:
    'Outra alteração da assinatura está em andamento. Aguarde alguns segundos e tente de novo.',
} as const;
