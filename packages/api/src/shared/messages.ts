/** Server-side messages users read (pt-BR). The UI shows them as they come. */
export const messages = {
  internal: 'Erro inesperado. Tente novamente em instantes.',
  databaseUnavailable: 'O serviço está temporariamente indisponível. Tente novamente em alguns segundos.',
  reportBusy: 'Muitos relatórios em PDF sendo gerados agora. Tente novamente em alguns segundos.',
  reportTimeout: 'O relatório demorou demais para ser gerado. Filtre um período menor ou baixe em CSV.',
  nulCharacter: 'Caractere inválido (U+0000).',
  loneSurrogate: 'Texto com caractere inválido (codificação corrompida). Digite o texto de novo.',
  invalidInput: 'Verifique os campos destacados.',
  duplicate: 'Já existe um registro com esses dados.',
  concurrentEdit: 'Este registro foi alterado por outra pessoa. Recarregue e tente de novo.',
  invalidReference: 'Um dos registros relacionados não existe.',
  notFound: 'Registro não encontrado.',
  signInRequired: 'Sua sessão expirou. Entre novamente.',
  organizationNotFound: 'Organização não encontrada.',
  forbiddenForRole: 'Seu perfil não tem permissão para esta ação.',
  invalidCredentials: 'E-mail ou senha incorretos.',
  invalidRegistrationCode: 'Código inválido ou expirado.',
  tooManyAttempts: (seconds: number) =>
    `Muitas tentativas de entrada. Tente novamente em ${Math.ceil(seconds / 60)} min (${seconds} s).`,
  invalidRefreshToken: 'Sessão inválida. Entre novamente.',
  csrfRejected: 'Requisição recusada: token CSRF ausente ou inválido.',
  sessionNotFound: 'Sessão não encontrada.',
  batchTooLarge: (max: number) => `Chamadas demais numa só requisição (até ${max}).`,
  tooManyRequests: (seconds: number) =>
    `Muitas solicitações em pouco tempo. Tente novamente em ${Math.ceil(seconds / 60)} min (${seconds} s).`,
  invalidLink: 'Este link é inválido, já foi usado ou expirou. Peça um novo.',
  wrongCurrentPassword: 'Senha atual incorreta.',
  alreadyMember: 'Esta pessoa já faz parte da equipe.',
  memberNotFound: 'Membro não encontrado.',
  lastOwner: 'A organização precisa de pelo menos um proprietário. Promova outra pessoa antes.',
  onlyOwnerManagesOwners: 'Só um proprietário pode conceder ou retirar o perfil de proprietário.',
  notificationNotFound: 'Notificação não encontrada.',
  inviteNeedsAccount: 'Informe seu nome e uma senha para criar sua conta.',
  // Clients
  clientNotFound: 'Cliente não encontrado.',
  poolNotFound: 'Piscina não encontrada neste cliente.',
  clientArchived: 'Este cliente está arquivado. Restaure-o antes de alterá-lo.',
  clientDocumentTaken: 'Já existe um cliente com este CPF/CNPJ.',
  clientRestoreDocumentTaken:
    'Não é possível restaurar: outro cliente ativo já usa este CPF/CNPJ. Arquive-o ou altere o documento.',
  // Appointments
  appointmentNotFound: 'Atendimento não encontrado.',
  appointmentClientNotFound: 'Cliente não encontrado.',
  appointmentClientArchived: 'Este cliente está arquivado. Restaure-o antes de agendar.',
  appointmentPoolNotFound: 'Piscina não encontrada.',
  appointmentPoolOfAnotherClient: 'Esta piscina não pertence ao cliente escolhido.',
  appointmentPoolArchived: 'Esta piscina foi removida do cadastro do cliente.',
  appointmentAssigneeNotMember: 'O responsável precisa ser um membro da organização.',
  appointmentArchived: 'Este atendimento está arquivado. Restaure-o antes de alterá-lo.',
  appointmentTransitionRefused: (from: string, to: string) => {
    const label: Record<string, string> = {
      pending: 'pendente',
      confirmed: 'confirmado',
      done: 'concluído',
      cancelled: 'cancelado',
    };
    if (from === 'done') return 'Um atendimento concluído não pode mais mudar de situação.';
    if (from === 'cancelled') return 'Reabra o atendimento cancelado antes de mudar a situação dele.';
    return `Não é possível passar um atendimento de ${label[from] ?? from} para ${label[to] ?? to}.`;
  },
  appointmentCreatedTitle: 'Novo atendimento agendado',
  appointmentCreatedBody: (clientName: string, date: string, time: string) =>
    `${clientName}: ${date} às ${time}.`,
  // Finance entries
  financeEntryNotFound: 'Lançamento não encontrado.',
  financeEntryArchived: 'Este lançamento está arquivado. Restaure-o antes de alterá-lo.',
  financeClientNotFound: 'Cliente não encontrado.',
  financeClientArchived: 'Este cliente está arquivado. Restaure-o antes de lançar cobranças.',
  financePaidEntryLocked:
    'Este lançamento já foi pago: reabra-o (desfazer o pagamento) para alterar cliente, valor ou vencimento.',
  financePaidAtInFuture: 'A data do pagamento não pode estar no futuro.',
  financeAppointmentNotFound: 'Atendimento não encontrado.',
  financeAppointmentNotDone: 'Só é possível cobrar um atendimento concluído.',
  financeAppointmentWithoutPrice: 'Informe o valor do atendimento antes de gerar a cobrança.',
  financeAppointmentArchived: 'Este atendimento está arquivado. Restaure-o antes de gerar a cobrança.',
  financeAppointmentAlreadyBilled: 'Este atendimento já tem um lançamento.',
  financeAppointmentDescription: (date: string) => `Atendimento de ${date}`,
  // Dashboard
  dashboardRangeTooLong: 'Escolha um período de até dois anos.',
  // Organization logo and calendar feed
  logoTooLarge: 'Logo grande demais: envie uma imagem de até 512 KB.',
  logoWrongType: 'Envie uma imagem PNG ou JPEG.',
  logoUnreadable: 'Não foi possível ler esta imagem. Salve-a de novo como PNG ou JPEG e tente outra vez.',
  logoTooManyPixels: 'Imagem grande demais: envie um logo de até 4096 × 4096 pixels (16 megapixels).',
  calendarFeedNotFound: 'Agenda não encontrada.',
  // LGPD: export, account erasure, organization deletion
  exportAlreadyRunning: 'Já existe uma exportação em andamento. Aguarde a conclusão.',
  exportNotFound: 'Exportação não encontrada.',
  exportGone: 'Este arquivo já foi baixado ou expirou. Solicite uma nova exportação.',
  wrongPassword: 'Senha incorreta.',
  organizationNameMismatch: 'Digite o nome da empresa exatamente como aparece.',
  organizationDeletionPending: 'A exclusão desta empresa já está agendada. Cancele-a antes de pedir de novo.',
  organizationDeletionNotPending: 'Não há exclusão agendada para esta empresa.',
  organizationPendingDeletion: 'Esta empresa está com exclusão agendada.',
  lastOwnerMustTransfer: (organizationName: string) =>
    `Você é o único proprietário de "${organizationName}", que tem outros membros. Transfira a propriedade a outro membro (Configurações › Equipe e convites, perfil proprietário) ou exclua a empresa antes de excluir sua conta.`,
  transferToSelf: 'Escolha outro membro para receber a propriedade.',
  removedUserName: 'Usuário removido',
} as const;
