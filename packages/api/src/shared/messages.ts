/** Server-side messages users read (pt-BR). The UI shows them as they come. */
export const messages = {
  internal: 'Erro inesperado. Tente novamente em instantes.',
  invalidInput: 'Verifique os campos destacados.',
  duplicate: 'Já existe um registro com esses dados.',
  concurrentEdit: 'Este registro foi alterado por outra pessoa. Recarregue e tente de novo.',
  invalidReference: 'Um dos registros relacionados não existe.',
  notFound: 'Registro não encontrado.',
  signInRequired: 'Sua sessão expirou. Entre novamente.',
  organizationNotFound: 'Organização não encontrada.',
  forbiddenForRole: 'Seu perfil não tem permissão para esta ação.',
  invalidCredentials: 'E-mail ou senha incorretos.',
  emailTaken: 'Não foi possível concluir o cadastro com este e-mail.',
  tooManyAttempts: (seconds: number) =>
    `Muitas tentativas de entrada. Tente novamente em ${Math.ceil(seconds / 60)} min (${seconds} s).`,
  invalidRefreshToken: 'Sessão inválida. Entre novamente.',
  csrfRejected: 'Requisição recusada: token CSRF ausente ou inválido.',
  sessionNotFound: 'Sessão não encontrada.',
} as const;
