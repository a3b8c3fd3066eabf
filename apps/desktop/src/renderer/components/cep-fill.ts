// What a CEP lookup may write into an address form. Pure, so the rule is tested on its own
// (test/cep-fill.unit.test.ts): a field is filled when it is blank or still holds what an earlier lookup put
// there; a value the user typed is never overwritten silently (the form offers to replace it instead).

export type CepFillFields = { street: string; district: string; city: string; uf: string };

export type CepFillPlan = {
  /** Fields to set now (blank, or filled by an earlier lookup). */
  fill: Partial<CepFillFields>;
  /** Fields the user typed that differ from the CEP's address: replaced only if the user asks. */
  conflicts: Partial<CepFillFields>;
};

const FIELDS = ['street', 'district', 'city', 'uf'] as const;

export function planCepFill(
  current: CepFillFields,
  found: CepFillFields,
  previouslyFilled: Partial<CepFillFields>,
): CepFillPlan {
  const plan: CepFillPlan = { fill: {}, conflicts: {} };
  for (const field of FIELDS) {
    const value = current[field].trim();
    const next = found[field];
    if (!next || value === next) continue;
    if (value === '' || value === previouslyFilled[field]) plan.fill[field] = next;
    else plan.conflicts[field] = next;
  }
  return plan;
}
