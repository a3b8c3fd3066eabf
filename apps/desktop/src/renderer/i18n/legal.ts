// The privacy policy and the terms of use, in pt-BR. They describe what the product actually does; when a
// feature changes what is stored, who receives it or for how long, change the text here too.

export type LegalDocument = {
  title: string;
  updated: string;
  sections: { heading: string; paragraphs: string[] }[];
};

export const PRIVACY_CONTACT = 'privacidade@picineiros.com.br';

export const privacyPolicy: LegalDocument = {
  title: 'Política de privacidade',
  updated: '29/11/2026',
  sections: [
    {
      heading: 'Quem somos e a quem esta política se aplica',
      paragraphs: [
        'O Picineiros é um sistema de gestão para profissionais de manutenção de piscinas e suas equipes: clientes e piscinas, agenda de atendimentos, cobranças, lembretes, relatórios e assinatura. Esta política explica quais dados pessoais tratamos, por quê, com quem os compartilhamos, por quanto tempo os guardamos e como você exerce seus direitos pela Lei Geral de Proteção de Dados (Lei 13.709/2018, LGPD).',
        'Para os dados da sua conta (nome, e-mail, senha, acessos), o Picineiros é o controlador. Para os dados que a sua empresa cadastra sobre os clientes dela (nomes, documentos, endereços, telefones, e-mails, atendimentos e cobranças), a empresa é a controladora e o Picineiros trata esses dados como operador, apenas para prestar o serviço, seguindo as instruções da empresa.',
      ],
    },
    {
      heading: 'Quais dados tratamos',
      paragraphs: [
        'Conta: nome, e-mail e senha. A senha nunca é guardada: guardamos apenas um resumo irreversível (argon2id). Links enviados por e-mail (confirmação, nova senha, convite) também são guardados só como resumo.',
        'Acessos e segurança: data e hora de cada tentativa de entrada, resultado, endereço IP, navegador ou aplicativo usado e um identificador do dispositivo; sessões ativas. Usamos esses registros para proteger a conta (bloqueio após tentativas erradas, aviso de novo dispositivo) e para o histórico de acessos que você e os administradores da empresa veem.',
        'Empresa: nome, CPF ou CNPJ, fuso horário, logotipo, preferências de notificação e a equipe (membros e perfis).',
        'Dados cadastrados pela empresa: clientes (nome, CPF ou CNPJ, telefone, e-mail, endereço, observações), piscinas, atendimentos, cobranças e pagamentos, notificações internas e o registro de auditoria (quem alterou o quê e quando).',
        'Assinatura: plano, situação, faturas e a forma de pagamento escolhida. Dados de cartão são digitados diretamente no ambiente do Asaas e não passam pelos nossos servidores.',
        'E-mails: guardamos as mensagens que o sistema envia (confirmação de conta, nova senha, convites, lembretes e avisos de cobrança aos clientes da empresa, quando ativados) até serem enviadas e como histórico.',
        'Não usamos cookies de publicidade nem de rastreamento. No navegador há apenas cookies essenciais: o de sessão (inacessível a scripts) e o de proteção contra CSRF.',
      ],
    },
    {
      heading: 'Para que usamos e com qual base legal',
      paragraphs: [
        'Prestar o serviço contratado: criar e manter sua conta, guardar e exibir os dados da empresa, enviar lembretes e avisos, gerar relatórios e sincronizar o aplicativo de computador (execução de contrato, art. 7º, V).',
        'Segurança e prevenção a fraudes: registros de acesso, bloqueio de tentativas, auditoria de alterações (legítimo interesse, art. 7º, IX, e art. 37).',
        'Cobrança da assinatura e obrigações fiscais (execução de contrato e cumprimento de obrigação legal, art. 7º, II e V).',
        'Não vendemos dados, não os usamos para publicidade e não tomamos decisões automatizadas sobre você.',
      ],
    },
    {
      heading: 'Com quem compartilhamos (suboperadores)',
      paragraphs: [
        'Asaas Gestão Financeira S.A.: processa as cobranças da assinatura (PIX, boleto e cartão). Recebe o nome e o CPF ou CNPJ da empresa, e-mail de contato e os valores cobrados.',
        'Provedor de envio de e-mails (SMTP): entrega as mensagens do sistema. Recebe o endereço do destinatário e o conteúdo da mensagem.',
        'Provedor de hospedagem e banco de dados: guarda os dados em servidores contratados pelo Picineiros, com acesso restrito.',
        'Monitoramento de erros (Sentry), quando ativado: recebe relatórios técnicos de falhas, dos quais removemos dados pessoais (e-mails, senhas, tokens, IPs) antes do envio.',
        'Se algum fornecedor tratar dados fora do Brasil, isso ocorre com as garantias exigidas pelo art. 33 da LGPD. Também podemos fornecer dados por ordem judicial ou de autoridade competente.',
      ],
    },
    {
      heading: 'Por quanto tempo guardamos',
      paragraphs: [
        'Enquanto a conta e a empresa existirem. O arquivo de exportação de dados fica disponível por 7 dias ou até ser baixado (o que vier primeiro) e então é apagado.',
        'Exclusão da empresa: um proprietário pede a exclusão confirmando o nome da empresa e a senha; após 30 dias de carência (durante os quais o pedido pode ser cancelado), todos os registros da empresa são apagados definitivamente, inclusive clientes, atendimentos, cobranças, notificações, auditoria, e-mails enviados e arquivos de exportação; as contas de membros que não participam de nenhuma outra empresa são excluídas junto, como na exclusão de conta.',
        'Exclusão da conta: feita por você a qualquer momento no seu perfil. Apagamos a conta, as sessões, os links enviados e os e-mails endereçados a você; nos registros de auditoria e de acesso mantemos apenas o fato (o quê e quando), com o nome trocado por "Usuário removido" e e-mail, IP e navegador apagados.',
        'Cópias de segurança do banco de dados são guardadas por até 14 dias e então apagadas; um dado excluído some delas nesse prazo, e elas não são usadas para reativar dados excluídos.',
      ],
    },
    {
      heading: 'Seus direitos e como exercê-los',
      paragraphs: [
        'A LGPD (art. 18) garante: confirmação de que tratamos seus dados e acesso a eles; correção de dados incompletos ou errados; anonimização, bloqueio ou eliminação do que for desnecessário ou excessivo; portabilidade; informação sobre com quem compartilhamos; eliminação dos dados e revogação do consentimento, quando for essa a base legal.',
        'No próprio sistema: corrija seus dados e os da empresa nas telas de perfil e configurações; baixe todos os dados da empresa em Configurações › Privacidade e dados (proprietários); exclua sua conta em Meu perfil; peça a exclusão da empresa em Configurações › Privacidade e dados.',
        `Clientes das empresas que usam o Picineiros devem procurar primeiro a empresa que os atende, que é a controladora desses dados; ajudaremos a empresa a responder. Para qualquer outro pedido, ou para falar com o encarregado pelo tratamento de dados, escreva para ${PRIVACY_CONTACT}. Você também pode reclamar à Autoridade Nacional de Proteção de Dados (ANPD).`,
      ],
    },
    {
      heading: 'Segurança',
      paragraphs: [
        'Conexões cifradas (HTTPS), senhas com argon2id, sessões curtas com renovação e detecção de reuso, isolamento dos dados de cada empresa, permissões por perfil (proprietário, administrador, equipe) e registro de auditoria. Se ocorrer um incidente de segurança que possa causar risco ou dano relevante, avisaremos as empresas afetadas e a ANPD.',
      ],
    },
    {
      heading: 'Mudanças nesta política',
      paragraphs: [
        'Quando mudarmos algo relevante, avisaremos no sistema ou por e-mail antes de a mudança valer. A data da última atualização aparece no topo desta página.',
      ],
    },
  ],
};

export const termsOfUse: LegalDocument = {
  title: 'Termos de uso',
  updated: '29/11/2026',
  sections: [
    {
      heading: 'O serviço',
      paragraphs: [
        'O Picineiros oferece, por assinatura, um sistema para organizar clientes, piscinas, agenda, cobranças, lembretes e relatórios de empresas de manutenção de piscinas, pelo navegador e por um aplicativo de computador. Ao criar uma conta, você aceita estes termos e a Política de privacidade.',
      ],
    },
    {
      heading: 'Conta e equipe',
      paragraphs: [
        'Você é responsável pela veracidade dos dados informados e pelo sigilo da sua senha. Quem cria a empresa é o proprietário e pode convidar administradores e membros da equipe; cada perfil tem as permissões descritas no sistema. A empresa tem sempre pelo menos um proprietário.',
      ],
    },
    {
      heading: 'Dados dos seus clientes',
      paragraphs: [
        'A sua empresa é a controladora dos dados que cadastra sobre os clientes dela e deve ter base legal para tratá-los, inclusive para enviar lembretes e avisos de cobrança por e-mail (que podem ser desativados em Configurações). O Picineiros trata esses dados apenas para prestar o serviço, conforme a Política de privacidade.',
      ],
    },
    {
      heading: 'Assinatura, pagamento e período de teste',
      paragraphs: [
        'Novas empresas começam com um período de teste gratuito. Depois, o uso continua mediante assinatura de um plano, cobrada pelo Asaas por PIX, boleto ou cartão. Os limites de cada plano aparecem na tela de assinatura.',
        'Se o teste terminar sem assinatura ou uma fatura ficar em aberto após o prazo de tolerância, a empresa passa ao modo somente leitura: tudo continua visível e exportável, mas nada pode ser alterado até a regularização. A exportação de dados e a exclusão da empresa continuam sempre disponíveis.',
        'Você pode cancelar a assinatura a qualquer momento; o acesso segue até o fim do período já pago. Não há reembolso proporcional de períodos já iniciados, salvo quando a lei exigir.',
      ],
    },
    {
      heading: 'Uso aceitável',
      paragraphs: [
        'Não é permitido usar o serviço para atividades ilegais, enviar mensagens não solicitadas, tentar acessar dados de outras empresas, sobrecarregar ou atacar o sistema. Podemos suspender contas que violem estes termos, avisando antes sempre que possível.',
      ],
    },
    {
      heading: 'Disponibilidade e responsabilidade',
      paragraphs: [
        'Trabalhamos para manter o serviço disponível e os dados protegidos, com cópias de segurança, mas o serviço é oferecido como está, e interrupções para manutenção ou por falhas de terceiros podem ocorrer. Nossa responsabilidade fica limitada ao valor pago nos últimos 12 meses, exceto nos casos em que a lei não permite essa limitação.',
      ],
    },
    {
      heading: 'Encerramento e exclusão',
      paragraphs: [
        'Você pode exportar todos os dados da empresa e pedir a exclusão dela a qualquer momento; a exclusão definitiva ocorre 30 dias após o pedido, que pode ser cancelado nesse prazo. Cada pessoa pode excluir a própria conta no perfil.',
      ],
    },
    {
      heading: 'Mudanças e foro',
      paragraphs: [
        'Podemos atualizar estes termos; mudanças relevantes serão avisadas com antecedência. Estes termos seguem a lei brasileira, e fica eleito o foro do domicílio do cliente para resolver eventuais conflitos.',
        `Dúvidas: ${PRIVACY_CONTACT}.`,
      ],
    },
  ],
};
