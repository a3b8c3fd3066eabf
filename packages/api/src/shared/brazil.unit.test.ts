import { describe, expect, it } from 'vitest';
import {
  brazilMessages,
  documentTypeOf,
  isValidCep,
  isValidCnpj,
  isValidCpf,
  maskCep,
  maskDocument,
  maskPhone,
  matchUfs,
  normalizeDocument,
  normalizePhone,
  phoneKindOf,
  UF_NAMES,
  ufLabel,
  UFS,
  ZCep,
  ZCnpj,
  ZCpf,
  ZCpfCnpj,
  ZPhoneBR,
  ZUf,
} from './brazil';

describe('CPF', () => {
  it('accepts valid check digits, masked or not', () => {
    expect(isValidCpf('529.982.247-25')).toBe(true);
    expect(isValidCpf('52998224725')).toBe(true);
    expect(isValidCpf(' 111.444.777-35 ')).toBe(true);
    // A first check digit that computes to 10 becomes 0.
    expect(isValidCpf('000.000.001-91')).toBe(true);
  });

  it('refuses wrong check digits, repeated digits and wrong lengths', () => {
    expect(isValidCpf('529.982.247-24')).toBe(false);
    expect(isValidCpf('529.982.247-15')).toBe(false);
    expect(isValidCpf('111.111.111-11')).toBe(false);
    expect(isValidCpf('000.000.000-00')).toBe(false);
    expect(isValidCpf('5299822472')).toBe(false);
    expect(isValidCpf('529982247255')).toBe(false);
    expect(isValidCpf('5299822472a')).toBe(false);
    expect(isValidCpf('')).toBe(false);
  });
});

describe('CNPJ', () => {
  it('accepts valid numeric CNPJs, masked or not', () => {
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('11222333000181')).toBe(true);
  });

  it('accepts the alphanumeric CNPJ (issued from July 2026), in any case', () => {
    expect(isValidCnpj('12.ABC.345/01DE-35')).toBe(true);
    expect(isValidCnpj('12abc34501de35')).toBe(true);
    expect(normalizeDocument('12.abc.345/01de-35')).toBe('12ABC34501DE35');
  });

  it('refuses wrong check digits, repeated digits, letters in the check digits and wrong lengths', () => {
    expect(isValidCnpj('11.222.333/0001-82')).toBe(false);
    expect(isValidCnpj('12.ABC.345/01DE-36')).toBe(false);
    expect(isValidCnpj('00.000.000/0000-00')).toBe(false);
    expect(isValidCnpj('12ABC34501DE3A')).toBe(false);
    expect(isValidCnpj('1122233300018')).toBe(false);
    expect(isValidCnpj('11.222.333/0001-8!')).toBe(false);
  });

  it('tells CPF from CNPJ', () => {
    expect(documentTypeOf('52998224725')).toBe('cpf');
    expect(documentTypeOf('11222333000181')).toBe('cnpj');
    expect(documentTypeOf('12ABC34501DE35')).toBe('cnpj');
    expect(documentTypeOf('12345')).toBeNull();
  });
});

describe('document masks', () => {
  it('masks complete documents', () => {
    expect(maskDocument('52998224725')).toBe('529.982.247-25');
    expect(maskDocument('11222333000181')).toBe('11.222.333/0001-81');
    expect(maskDocument('12abc34501de35')).toBe('12.ABC.345/01DE-35');
  });

  it('masks as the user types, switching to CNPJ after 11 characters', () => {
    expect(maskDocument('529')).toBe('529');
    expect(maskDocument('5299')).toBe('529.9');
    expect(maskDocument('529.982.2')).toBe('529.982.2');
    expect(maskDocument('529982247251')).toBe('52.998.224/7251');
    expect(maskDocument('11.222.333/0001-8199')).toBe('11.222.333/0001-81');
    expect(maskDocument('')).toBe('');
  });
});

describe('phone numbers', () => {
  it('recognizes mobiles and landlines with area code, in any usual notation', () => {
    expect(phoneKindOf('(11) 98765-4321')).toBe('mobile');
    expect(phoneKindOf('11987654321')).toBe('mobile');
    expect(phoneKindOf('+55 11 98765-4321')).toBe('mobile');
    expect(phoneKindOf('0 11 98765 4321')).toBe('mobile');
    expect(phoneKindOf('(21) 3456-7890')).toBe('landline');
    expect(phoneKindOf('(011) 2345-6789')).toBe('landline');
    expect(phoneKindOf('+55 (51) 5555.1234')).toBe('landline');
  });

  it('refuses unknown area codes, bad lengths, mobiles without the 9 and text', () => {
    expect(phoneKindOf('(20) 98765-4321')).toBeNull();
    expect(phoneKindOf('(10) 3456-7890')).toBeNull();
    expect(phoneKindOf('(11) 8765-4321')).toBeNull();
    expect(phoneKindOf('(11) 6765-4321')).toBeNull();
    expect(phoneKindOf('98765-4321')).toBeNull();
    expect(phoneKindOf('(11) 98765-43210')).toBeNull();
    expect(phoneKindOf('11 98765-4321 ramal 2')).toBeNull();
    expect(phoneKindOf('')).toBeNull();
  });

  it('normalizes to digits with area code and masks', () => {
    expect(normalizePhone('+55 (11) 98765-4321')).toBe('11987654321');
    expect(normalizePhone('(011) 3456-7890')).toBe('1134567890');
    expect(maskPhone('11987654321')).toBe('(11) 98765-4321');
    expect(maskPhone('1134567890')).toBe('(11) 3456-7890');
    expect(maskPhone('119')).toBe('(11) 9');
    expect(maskPhone('1198765')).toBe('(11) 9876-5');
  });
});

describe('CEP', () => {
  it('validates, normalizes and masks', () => {
    expect(isValidCep('01310-100')).toBe(true);
    expect(isValidCep('01310100')).toBe(true);
    expect(isValidCep('01.310-100')).toBe(true);
    expect(isValidCep('0131-0100')).toBe(true);
    expect(isValidCep('00000-000')).toBe(false);
    expect(isValidCep('1310-100')).toBe(false);
    expect(isValidCep('01310-10a')).toBe(false);
    expect(maskCep('01310100')).toBe('01310-100');
    expect(maskCep('013101')).toBe('01310-1');
  });
});

describe('UF', () => {
  it('lists the 26 states and the Federal District, each with its name', () => {
    expect(UFS).toHaveLength(27);
    expect(Object.keys(UF_NAMES).sort()).toEqual([...UFS].sort());
  });
});

describe('zod schemas', () => {
  it('output the normalized value', () => {
    expect(ZCpf.parse(' 529.982.247-25 ')).toBe('52998224725');
    expect(ZCnpj.parse('12.abc.345/01de-35')).toBe('12ABC34501DE35');
    expect(ZCpfCnpj.parse('11.222.333/0001-81')).toBe('11222333000181');
    expect(ZPhoneBR.parse('+55 (11) 98765-4321')).toBe('11987654321');
    expect(ZCep.parse('01310-100')).toBe('01310100');
    expect(ZUf.parse(' sp ')).toBe('SP');
  });

  it('give pt-BR messages that say what is wrong', () => {
    const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
      result.error?.issues[0]?.message;
    expect(messageOf(ZCpfCnpj.safeParse('529.982.247-24'))).toBe(brazilMessages.cpfInvalid);
    expect(messageOf(ZCpfCnpj.safeParse('11.222.333/0001-82'))).toBe(brazilMessages.cnpjInvalid);
    expect(messageOf(ZCpfCnpj.safeParse('123'))).toBe(brazilMessages.documentInvalid);
    expect(messageOf(ZCpfCnpj.safeParse('1'.repeat(40)))).toBe(brazilMessages.documentInvalid);
    expect(messageOf(ZCpf.safeParse('11.222.333/0001-81'))).toBe(brazilMessages.cpfInvalid);
    expect(messageOf(ZPhoneBR.safeParse('(20) 98765-4321'))).toBe(brazilMessages.phoneInvalid);
    expect(messageOf(ZCep.safeParse('123'))).toBe(brazilMessages.cepInvalid);
    expect(messageOf(ZUf.safeParse('XX'))).toBe(brazilMessages.ufInvalid);
  });
});

describe('matchUfs (a UF picker that accepts what is typed)', () => {
  it('puts the exact code or the exact name first, accents and case optional', () => {
    expect(matchUfs('SP')[0]).toBe('SP');
    expect(matchUfs('sp')[0]).toBe('SP');
    expect(matchUfs(' São Paulo ')).toEqual(['SP']);
    expect(matchUfs('sao paulo')).toEqual(['SP']);
    expect(matchUfs('SAO PAULO')).toEqual(['SP']);
    expect(matchUfs('Pará')[0]).toBe('PA');
    expect(matchUfs('para')).toEqual(['PA', 'PB', 'PR']);
    expect(matchUfs('mato grosso')).toEqual(['MT', 'MS']);
    expect(matchUfs(ufLabel('RJ'))).toEqual(['RJ']);
  });

  it('does not read a code inside a word ("sp" is not Espírito Santo)', () => {
    expect(matchUfs('sp')).toEqual(['SP']);
    expect(matchUfs('es')).toEqual(['ES']);
  });

  it('lists starts of codes, names and words', () => {
    // Codes first (SC, SE, SP), then names and words: Espírito Santo, Mato Grosso do Sul, Rio Grande do Sul.
    expect(matchUfs('s')).toEqual(['SC', 'SE', 'SP', 'ES', 'MS', 'RS']);
    expect(matchUfs('rio')).toEqual(['RJ', 'RN', 'RS']);
    expect(matchUfs('paulo')).toEqual(['SP']);
    expect(matchUfs('gerais')).toEqual(['MG']);
  });

  it('gives nothing for nothing or for what is no UF', () => {
    expect(matchUfs('')).toEqual([]);
    expect(matchUfs('  ')).toEqual([]);
    expect(matchUfs('XX')).toEqual([]);
    expect(matchUfs('Lisboa')).toEqual([]);
  });

  it('labels a UF with its name', () => {
    expect(ufLabel('SP')).toBe('SP — São Paulo');
    expect(UFS.every((uf) => matchUfs(ufLabel(uf))[0] === uf)).toBe(true);
  });
});
