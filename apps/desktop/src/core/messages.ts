/** Messages the core itself produces (pt-BR); everything else comes from the server already in pt-BR. */
export const coreMessages = {
  offlineWrite:
    'Sem conexão com o servidor: a alteração não foi salva. Você pode continuar consultando os dados; tente salvar de novo quando a conexão voltar.',
  offlineRead: 'Sem conexão com o servidor, e esta informação não está disponível no computador.',
  signInOffline: 'Sem conexão com o servidor: não é possível entrar agora. Verifique sua internet.',
  signInRequired: 'Sua sessão expirou. Entre novamente.',
  notFound: 'Registro não encontrado.',
  exportNotReady: 'Os dados ainda estão sendo copiados para este computador. Tente exportar em instantes.',
  exportBadFilters: 'Verifique os filtros do relatório.',
  exportNeedsServer:
    'Este relatório (resumo financeiro ou registros arquivados) vem do servidor: conecte-se para baixá-lo.',
} as const;
