import { describe, expect, it } from 'vitest';
import { clientSearchColumns, foldSearchText, foldSortKey, searchTermsOf } from './search-text';

describe('foldSearchText', () => {
  it('drops accents and case, so João, JOÃO and joao fold alike', () => {
    expect(foldSearchText('João')).toBe('joao');
    expect(foldSearchText('JOÃO')).toBe('joao');
    expect(foldSearchText('Conceição Araújo Güell')).toBe('conceicao araujo guell');
  });

  it('joins words split by punctuation and keeps only [a-z0-9] and single spaces', () => {
    expect(foldSearchText("  D'Ávila-Souza \t e  Cia.  ")).toBe('davilasouza e cia');
    expect(foldSearchText('joao_silva@example.com.br')).toBe('joaosilvaexamplecombr');
    expect(foldSearchText('100% piscina_')).toBe('100 piscina');
  });
});

describe('foldSortKey', () => {
  it('has no spaces, so any collation orders it like bytes', () => {
    expect(foldSortKey('Ana Maria')).toBe('anamaria');
    expect(['anabela', foldSortKey('Ana Maria'), foldSortKey('Álvaro')].sort()).toEqual([
      'alvaro',
      'anabela',
      'anamaria',
    ]);
  });
});

describe('searchTermsOf', () => {
  it('splits words and drops repeats', () => {
    expect(searchTermsOf('JOÃO  da Silva joão')).toEqual(['joao', 'da', 'silva']);
  });

  it('reads a masked document or a spaced phone number as one number', () => {
    expect(searchTermsOf('529.982.247-25')).toEqual(['52998224725']);
    expect(searchTermsOf('(11) 98765-4321')).toEqual(['11987654321']);
    expect(searchTermsOf('11 98765')).toEqual(['1198765']);
  });

  it('never returns a LIKE wildcard and ignores a term with nothing searchable', () => {
    expect(searchTermsOf('%_%')).toEqual([]);
    expect(searchTermsOf('   ')).toEqual([]);
    expect(searchTermsOf('a%b_c')).toEqual(['abc']);
  });

  it('caps the number of words', () => {
    expect(searchTermsOf('a b c d e f g h i j k')).toHaveLength(8);
  });
});

describe('clientSearchColumns', () => {
  it('folds the name for sorting and name, e-mail, document and phone for searching', () => {
    expect(
      clientSearchColumns({
        name: 'João da Silva',
        email: 'Joao.Silva@Example.com',
        document: '52998224725',
        phone: null,
      }),
    ).toEqual({ nameKey: 'joaodasilva', searchText: 'joao da silva joaosilvaexamplecom 52998224725' });
  });
});
