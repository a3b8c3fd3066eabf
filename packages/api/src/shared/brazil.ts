// Brazilian identifiers shared by the server and the UI's forms: CPF/CNPJ, phone numbers, CEP and UF.
// Values are stored normalized (no mask) and shown masked; the `mask*` functions also work on partial
// input, so a form can mask as the user types.
import { foldSearchText } from '@picineiros/db/search-text';
import { z } from './validation';

export const UFS = [
  'AC',
  'AL',
  'AM',
  'AP',
  'BA',
  'CE',
  'DF',
  'ES',
  'GO',
  'MA',
  'MG',
  'MS',
  'MT',
  'PA',
  'PB',
  'PE',
  'PI',
  'PR',
  'RJ',
  'RN',
  'RO',
  'RR',
  'RS',
  'SC',
  'SE',
  'SP',
  'TO',
] as const;
export type Uf = (typeof UFS)[number];

export const UF_NAMES: Record<Uf, string> = {
  AC: 'Acre',
  AL: 'Alagoas',
  AM: 'Amazonas',
  AP: 'Amapá',
  BA: 'Bahia',
  CE: 'Ceará',
  DF: 'Distrito Federal',
  ES: 'Espírito Santo',
  GO: 'Goiás',
  MA: 'Maranhão',
  MG: 'Minas Gerais',
  MS: 'Mato Grosso do Sul',
  MT: 'Mato Grosso',
  PA: 'Pará',
  PB: 'Paraíba',
  PE: 'Pernambuco',
  PI: 'Piauí',
  PR: 'Paraná',
  RJ: 'Rio de Janeiro',
  RN: 'Rio Grande do Norte',
  RO: 'Rondônia',
  RR: 'Roraima',
  RS: 'Rio Grande do Sul',
  SC: 'Santa Catarina',
  SE: 'Sergipe',
  SP: 'São Paulo',
  TO: 'Tocantins',
};

export function isUf(value: string): value is Uf {
  return (UFS as readonly string[]).includes(value);
}

/** 'SP — São Paulo': how a UF reads in a picker. */
export function ufLabel(uf: Uf): string {
  return `${uf} — ${UF_NAMES[uf]}`;
}

/**
 * The UFs a typed text may mean, best first: the code ("sp"), the full name ("sao paulo", accents and case
 * optional), a code's start ("s"), a name's start ("para": Pará first, as it is the whole name), a word's
 * start ("paulo"). A picker lists these, and Enter or Tab takes the first.
 */
export function matchUfs(text: string): Uf[] {
  const query = foldSearchText(text);
  if (query === '') return [];
  const rankOf = (uf: Uf): number => {
    const code = uf.toLowerCase();
    const name = foldSearchText(UF_NAMES[uf]);
    if (query === code || query === name || query === foldSearchText(ufLabel(uf)))
      return query === code ? 0 : 1;
    if (code.startsWith(query)) return 2;
    if (name.startsWith(query)) return 3;
    if (name.split(' ').some((word) => word.startsWith(query))) return 4;
    return -1;
  };
  return UFS.map((uf) => ({ uf, rank: rankOf(uf) }))
    .filter(({ rank }) => rank >= 0)
    .sort((left, right) => left.rank - right.rank)
    .map(({ uf }) => uf);
}

export function onlyDigits(value: string): string {
  return value.replace(/\D/g, '');
}

/** Fills `pattern` ('#' = one character of `value`) as far as `value` goes: '123456' → '123.456'. */
export function applyMask(pattern: string, value: string): string {
  let result = '';
  let index = 0;
  for (const slot of pattern) {
    if (index >= value.length) break;
    if (slot === '#') {
      result += value.charAt(index);
      index += 1;
    } else {
      result += slot;
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// CPF and CNPJ

export type DocumentType = 'cpf' | 'cnpj';

const CPF_LENGTH = 11;
const CNPJ_LENGTH = 14;
const CPF_MASK = '###.###.###-##';
const CNPJ_MASK = '##.###.###/####-##';

/**
 * Strips the mask ('.', '/', '-', spaces) and upper-cases. CNPJs issued from July 2026 have letters in
 * their first 12 characters (Receita Federal, IN RFB 2.229/2024), so a CNPJ is not digits only any more.
 */
export function normalizeDocument(value: string): string {
  return value.replace(/[\s./-]/g, '').toUpperCase();
}

function allSame(value: string): boolean {
  return value.split('').every((char) => char === value.charAt(0));
}

/** Check digit by modulo 11 over `weights`, characters valued as their code minus 48 ('0' = 0, 'A' = 17). */
function checkDigit(base: string, weights: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < weights.length; index += 1) {
    sum += (base.charCodeAt(index) - 48) * (weights[index] ?? 0);
  }
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

const CPF_WEIGHTS_1 = [10, 9, 8, 7, 6, 5, 4, 3, 2];
const CPF_WEIGHTS_2 = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_WEIGHTS_1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_WEIGHTS_2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/** Accepts a CPF with or without mask. Rejects repeated digits (000.000.000-00 passes the arithmetic). */
export function isValidCpf(value: string): boolean {
  const cpf = normalizeDocument(value);
  if (!/^\d{11}$/.test(cpf) || allSame(cpf)) return false;
  const first = checkDigit(cpf, CPF_WEIGHTS_1);
  const second = checkDigit(cpf, CPF_WEIGHTS_2);
  return cpf.endsWith(`${first}${second}`);
}

/** Accepts a numeric or alphanumeric CNPJ, with or without mask. */
export function isValidCnpj(value: string): boolean {
  const cnpj = normalizeDocument(value);
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj) || allSame(cnpj)) return false;
  const first = checkDigit(cnpj, CNPJ_WEIGHTS_1);
  const second = checkDigit(cnpj, CNPJ_WEIGHTS_2);
  return cnpj.endsWith(`${first}${second}`);
}

/** The kind of a normalized, valid document; null when it is neither a valid CPF nor a valid CNPJ. */
export function documentTypeOf(value: string): DocumentType | null {
  if (isValidCpf(value)) return 'cpf';
  if (isValidCnpj(value)) return 'cnpj';
  return null;
}

/** Masks a CPF (up to 11 characters) or CNPJ (more), complete or partial: '12345678909' → '123.456.789-09'. */
export function maskDocument(value: string): string {
  const document = normalizeDocument(value).replace(/[^0-9A-Z]/g, '');
  return document.length <= CPF_LENGTH
    ? applyMask(CPF_MASK, document)
    : applyMask(CNPJ_MASK, document.slice(0, CNPJ_LENGTH));
}

// ---------------------------------------------------------------------------------------------------------
// Phone numbers

/** Area codes (DDD) in use, per Anatel's numbering plan. */
export const DDDS = [
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46,
  47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85,
  86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
] as const;
const DDD_SET = new Set<number>(DDDS);

export type PhoneKind = 'mobile' | 'landline';

/**
 * Digits with the area code: 11 for a mobile (DDD + 9 + 8 digits), 10 for a landline (DDD + [2-5] + 7).
 * Drops a country code (+55) and a long-distance prefix (0). Input that is not a phone number comes back
 * as its digits, which fail `isValidPhone`.
 */
export function normalizePhone(value: string): string {
  let digits = onlyDigits(value);
  if ((digits.length === 12 || digits.length === 13) && digits.startsWith('55')) digits = digits.slice(2);
  if ((digits.length === 11 || digits.length === 12) && digits.startsWith('0')) digits = digits.slice(1);
  return digits;
}

export function phoneKindOf(value: string): PhoneKind | null {
  if (!/^[\d\s()+.-]*$/.test(value)) return null;
  const phone = normalizePhone(value);
  if (!DDD_SET.has(Number(phone.slice(0, 2)))) return null;
  if (/^\d{2}9\d{8}$/.test(phone)) return 'mobile';
  if (/^\d{2}[2-5]\d{7}$/.test(phone)) return 'landline';
  return null;
}

export function isValidPhone(value: string): boolean {
  return phoneKindOf(value) !== null;
}

/** '11987654321' → '(11) 98765-4321', '1134567890' → '(11) 3456-7890'; partial input is masked as far as it goes. */
export function maskPhone(value: string): string {
  const digits = onlyDigits(value).slice(0, 11);
  return applyMask(digits.length <= 10 ? '(##) ####-####' : '(##) #####-####', digits);
}

// ---------------------------------------------------------------------------------------------------------
// CEP

export function normalizeCep(value: string): string {
  return value.replace(/[\s.-]/g, '');
}

export function isValidCep(value: string): boolean {
  const cep = normalizeCep(value);
  return /^\d{8}$/.test(cep) && cep !== '00000000';
}

/** '01310100' → '01310-100'; partial input is masked as far as it goes. */
export function maskCep(value: string): string {
  return applyMask('#####-###', onlyDigits(value).slice(0, 8));
}

// ---------------------------------------------------------------------------------------------------------
// Zod schemas (field messages in pt-BR). Each outputs the normalized value.

export const brazilMessages = {
  documentInvalid: 'Informe um CPF (11 dígitos) ou um CNPJ (14 caracteres).',
  cpfInvalid: 'CPF inválido: confira os dígitos.',
  cnpjInvalid: 'CNPJ inválido: confira os dígitos.',
  phoneInvalid: 'Telefone inválido: informe DDD e número, como (11) 98765-4321 ou (11) 3456-7890.',
  cepInvalid: 'CEP inválido: informe 8 dígitos, como 01310-100.',
  ufInvalid: 'UF inválida: escolha um estado da lista.',
} as const;

export const ZCpf = z
  .string()
  .trim()
  .max(20, { error: brazilMessages.cpfInvalid })
  .refine(isValidCpf, { error: brazilMessages.cpfInvalid })
  .transform(normalizeDocument);

export const ZCnpj = z
  .string()
  .trim()
  .max(24, { error: brazilMessages.cnpjInvalid })
  .refine(isValidCnpj, { error: brazilMessages.cnpjInvalid })
  .transform(normalizeDocument);

/** A CPF or a CNPJ; the message says which one failed its check digits. */
export const ZCpfCnpj = z
  .string()
  .trim()
  .max(24, { error: brazilMessages.documentInvalid })
  .transform(normalizeDocument)
  .superRefine((document, context) => {
    if (documentTypeOf(document)) return;
    const message =
      document.length === CPF_LENGTH && /^\d+$/.test(document)
        ? brazilMessages.cpfInvalid
        : document.length === CNPJ_LENGTH
          ? brazilMessages.cnpjInvalid
          : brazilMessages.documentInvalid;
    context.addIssue({ code: 'custom', message });
  });

/** A Brazilian mobile or landline number with area code. */
export const ZPhoneBR = z
  .string()
  .trim()
  .max(25, { error: brazilMessages.phoneInvalid })
  .refine(isValidPhone, { error: brazilMessages.phoneInvalid })
  .transform(normalizePhone);

export const ZCep = z
  .string()
  .trim()
  .max(12, { error: brazilMessages.cepInvalid })
  .refine(isValidCep, { error: brazilMessages.cepInvalid })
  .transform(normalizeCep);

/** Accepts 'sp' as well as 'SP'. */
export const ZUf = z.string().trim().toUpperCase().refine(isUf, { error: brazilMessages.ufInvalid });
