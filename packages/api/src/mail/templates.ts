// pt-BR e-mail templates: each returns a subject, a plain-text body and an HTML body built from the same
// paragraphs, so both parts always say the same thing.

import { companyContactLines } from '../organizations/company';
import type { TCompanyDetails } from '../organizations/schema';

export type MailContent = { subject: string; text: string; html: string };

type Paragraph = string | { href: string; label: string };

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * `sender` signs the mail; `details` (the company's CNPJ, phone, e-mail and address, for mails to an
 * organization's clients) go under the signature in a smaller type.
 */
function compose(
  subject: string,
  sender: string,
  paragraphs: Paragraph[],
  details: string[] = [],
): MailContent {
  const text = [
    ...paragraphs.map((paragraph) =>
      typeof paragraph === 'string' ? paragraph : `${paragraph.label}: ${paragraph.href}`,
    ),
    '',
    [`— ${sender}`, ...details].join('\n'),
  ].join('\n\n');
  const body = paragraphs
    .map((paragraph) =>
      typeof paragraph === 'string'
        ? `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`
        : `<p style="margin:0 0 16px"><a href="${escapeHtml(paragraph.href)}" style="display:inline-block;background:#0b7285;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(paragraph.label)}</a></p><p style="margin:0 0 16px;font-size:12px;color:#555">Se o botão não funcionar, copie este endereço no navegador: ${escapeHtml(paragraph.href)}</p>`,
    )
    .join('');
  const footer = details
    .map((line) => `<br><span style="font-size:12px">${escapeHtml(line)}</span>`)
    .join('');
  const html = `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;color:#1a1b1e;background:#f1f3f5;padding:24px"><div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">${body}<p style="margin:24px 0 0;color:#555">— ${escapeHtml(sender)}${footer}</p></div></body></html>`;
  return { subject, text, html };
}

/** A mail from an organization to one of its clients: signed with its name and its details. */
function composeForClient(subject: string, company: TCompanyDetails, paragraphs: Paragraph[]): MailContent {
  return compose(subject, company.name, paragraphs, companyContactLines(company));
}

/**
 * How a client reaches the office: "responda a este e-mail" only when the mail carries the organization's
 * Reply-To (otherwise an answer would go to the no-reply sender), the phone when there is one.
 */
function howToReach(company: TCompanyDetails): string {
  const phone = company.phoneMasked ? `ligue para ${company.phoneMasked}` : null;
  if (company.replyToEmail) return phone ? `responda a este e-mail ou ${phone}` : 'responda a este e-mail';
  return phone ?? 'fale conosco pelo telefone de sempre';
}

export function verificationEmail(input: { name: string; link: string }): MailContent {
  return compose('Confirme seu e-mail no Picineiros', 'Equipe Picineiros', [
    `Olá, ${input.name}!`,
    'Para confirmar seu e-mail e proteger sua conta, use o link abaixo. Ele vale por 24 horas e só pode ser usado uma vez.',
    { href: input.link, label: 'Confirmar e-mail' },
    'Se você não criou uma conta no Picineiros, ignore esta mensagem.',
  ]);
}

export function registrationCodeEmail(input: { name: string; code: string }): MailContent {
  return compose(`Seu código do Picineiros: ${input.code}`, 'Equipe Picineiros', [
    `Olá, ${input.name}!`,
    `Para criar sua conta no Picineiros, digite este código na tela de cadastro: ${input.code}`,
    'Ele vale por 30 minutos. Se precisar, peça um novo na mesma tela.',
    'Se você não pediu para criar uma conta, ignore esta mensagem: nada será criado.',
  ]);
}

/** To an address that already has an account, when someone tries to register with it. */
export function registrationAttemptEmail(input: { name: string; signInLink: string }): MailContent {
  return compose('Tentativa de cadastro com seu e-mail no Picineiros', 'Equipe Picineiros', [
    `Olá, ${input.name}!`,
    'Alguém tentou criar uma conta no Picineiros com este e-mail, que já tem uma conta.',
    'Se foi você, basta entrar com sua senha. Se não lembra dela, use "Esqueci minha senha" na tela de entrada para criar uma nova.',
    { href: input.signInLink, label: 'Entrar no Picineiros' },
    'Se não foi você, ignore esta mensagem: ninguém entra na sua conta sem a sua senha.',
  ]);
}

export function passwordResetEmail(input: { name: string; link: string }): MailContent {
  return compose('Redefinição de senha do Picineiros', 'Equipe Picineiros', [
    `Olá, ${input.name}!`,
    'Recebemos um pedido para redefinir a sua senha. O link abaixo vale por 1 hora e só pode ser usado uma vez; ao usá-lo, você sairá de todos os dispositivos.',
    { href: input.link, label: 'Criar nova senha' },
    'Se não foi você, ignore esta mensagem: sua senha continua a mesma.',
  ]);
}

export function inviteEmail(input: {
  organizationName: string;
  invitedByName: string;
  roleLabel: string;
  link: string;
}): MailContent {
  return compose(`Convite para a equipe ${input.organizationName} no Picineiros`, input.organizationName, [
    'Olá!',
    `${input.invitedByName} convidou você para fazer parte da equipe ${input.organizationName} no Picineiros, com o perfil ${input.roleLabel}.`,
    { href: input.link, label: 'Aceitar convite' },
    'O convite vale por 7 dias e só pode ser usado uma vez.',
  ]);
}

const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** R$ 1.234,56 from integer cents (display only: money is never computed in floats). */
export function formatCentsBrl(cents: number): string {
  return brl.format(cents / 100);
}

export function appointmentReminderEmail(input: {
  company: TCompanyDetails;
  clientName: string;
  date: string;
  time: string;
}): MailContent {
  return composeForClient(`Lembrete: atendimento amanhã, ${input.date} às ${input.time}`, input.company, [
    `Olá, ${input.clientName}!`,
    `Lembramos que o atendimento da sua piscina está marcado para amanhã, ${input.date}, às ${input.time}.`,
    `Se precisar remarcar, ${howToReach(input.company)}.`,
  ]);
}

export function dueTodayEmail(input: {
  company: TCompanyDetails;
  clientName: string;
  description: string;
  amountCents: number;
  dueDate: string;
}): MailContent {
  return composeForClient(
    `Vence hoje: ${input.description} — ${formatCentsBrl(input.amountCents)}`,
    input.company,
    [
      `Olá, ${input.clientName}!`,
      `A cobrança "${input.description}", no valor de ${formatCentsBrl(input.amountCents)}, vence hoje (${input.dueDate}).`,
      'Se você já pagou, desconsidere esta mensagem. Obrigado!',
    ],
  );
}

export function overdueEmail(input: {
  company: TCompanyDetails;
  clientName: string;
  description: string;
  amountCents: number;
  dueDate: string;
  daysLate: number;
}): MailContent {
  const days = input.daysLate === 1 ? '1 dia' : `${input.daysLate} dias`;
  return composeForClient(
    `Pagamento em atraso: ${input.description} — ${formatCentsBrl(input.amountCents)}`,
    input.company,
    [
      `Olá, ${input.clientName}!`,
      `A cobrança "${input.description}", no valor de ${formatCentsBrl(input.amountCents)}, venceu em ${input.dueDate} (há ${days}) e ainda consta em aberto.`,
      `Se você já pagou, desconsidere esta mensagem. Em caso de dúvida, ${howToReach(input.company)}.`,
    ],
  );
}

const signInTime = new Intl.DateTimeFormat('pt-BR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'America/Sao_Paulo',
});

export function newDeviceSignInEmail(input: {
  name: string;
  at: Date;
  client: 'web' | 'desktop';
  browser: string;
  os: string;
  ip: string | null;
  profileLink: string;
}): MailContent {
  const device =
    input.client === 'desktop' ? `aplicativo desktop (${input.os})` : `${input.browser} no ${input.os}`;
  return compose('Novo acesso à sua conta do Picineiros', 'Equipe Picineiros', [
    `Olá, ${input.name}!`,
    `Sua conta foi acessada de um dispositivo que não reconhecemos: ${device}, em ${signInTime.format(input.at)} (horário de Brasília)${input.ip ? `, endereço IP ${input.ip}` : ''}.`,
    'Se foi você, não precisa fazer nada.',
    'Se não foi você, troque sua senha agora e encerre as sessões que não reconhecer na página do seu perfil.',
    { href: input.profileLink, label: 'Revisar acessos' },
    'Você pode desligar estes avisos em Configurações, "Minhas notificações".',
  ]);
}

/** To every owner when one of them asks for the organization's deletion (LGPD): a safeguard and a record. */
export function organizationDeletionEmail(input: {
  name: string;
  organizationName: string;
  requestedByName: string;
  purgeDate: string;
  settingsLink: string;
}): MailContent {
  return compose(`Exclusão agendada: ${input.organizationName}`, 'Equipe Picineiros', [
    `Olá, ${input.name}!`,
    `${input.requestedByName} pediu a exclusão da empresa "${input.organizationName}" no Picineiros. Em ${input.purgeDate}, todos os dados dela (clientes, agenda, financeiro, equipe e histórico) serão apagados definitivamente.`,
    'Até lá, qualquer proprietário pode cancelar o pedido em Configurações, "Privacidade e dados", e também baixar uma cópia de todos os dados.',
    { href: input.settingsLink, label: 'Abrir configurações' },
    'Se ninguém da empresa pediu isso, cancele a exclusão e troque sua senha.',
  ]);
}
