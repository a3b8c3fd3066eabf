import { describe, expect, it } from 'vitest';
import { planCepFill } from '../src/renderer/components/cep-fill';

const PAULISTA = { street: 'Avenida Paulista', district: 'Bela Vista', city: 'São Paulo', uf: 'SP' };
const BLANK = { street: '', district: '', city: '', uf: '' };

describe(`planCepFill`, () => {
  it(`fills every blank field`, () => {
    expect(planCepFill(BLANK, PAULISTA, {})).toEqual({ fill: PAULISTA, conflicts: {} });
  });

  it(`never overwrites what the user typed: a different value is offered, an equal one left alone`, () => {
    const typed = { street: 'Rua Augusta', district: '', city: 'São Paulo', uf: 'SP' };
    expect(planCepFill(typed, PAULISTA, {})).toEqual({
      fill: { district: 'Bela Vista' },
      conflicts: { street: 'Avenida Paulista' },
    });
  });

  it(`replaces what an earlier lookup filled when the CEP changes`, () => {
    const copacabana = {
      street: 'Avenida Atlântica',
      district: 'Copacabana',
      city: 'Rio de Janeiro',
      uf: 'RJ',
    };
    const afterFirst = { ...PAULISTA, city: 'São Paulo (capital)' };
    expect(planCepFill(afterFirst, copacabana, PAULISTA)).toEqual({
      fill: { street: 'Avenida Atlântica', district: 'Copacabana', uf: 'RJ' },
      conflicts: { city: 'Rio de Janeiro' },
    });
  });

  it(`leaves a field alone when the service has nothing for it (a CEP of a whole town)`, () => {
    const town = { street: '', district: '', city: 'Holambra', uf: 'SP' };
    expect(planCepFill({ ...BLANK, street: 'Rua das Tulipas' }, town, {})).toEqual({
      fill: { city: 'Holambra', uf: 'SP' },
      conflicts: {},
    });
  });
});
