import { Anchor, Text } from '@mantine/core';
import { isValidCep, maskCep, onlyDigits } from '@picineiros/api/client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { t } from '../i18n';
import { addressKeys } from '../queries/keys';
import { useApi, useSignedIn } from '../session-context';
import { planCepFill, type CepFillFields } from './cep-fill';
import { MaskedInput } from './masked-input';

/**
 * The CEP of an address form: masks as the user types and, once a new CEP has 8 digits, looks it up
 * (address.lookupCep, through the server on both paths) and fills street, district, city and UF. A field
 * the user typed is never overwritten silently: the form offers "Usar endereço do CEP" instead. A CEP the
 * service does not know, a slow or unreachable service (offline desktop) only show a quiet line: saving is
 * never blocked.
 */
export function CepField({
  label,
  value,
  onChange,
  address,
  onFill,
  error,
  disabled,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The form's current street, district, city and UF. */
  address: CepFillFields;
  onFill: (fields: Partial<CepFillFields>) => void;
  error?: ReactNode;
  disabled?: boolean;
}) {
  const api = useApi();
  const { orgId } = useSignedIn();
  const digits = onlyDigits(value);
  // Only a CEP the user typed here is looked up: opening a saved client does not re-check its address.
  const [asked, setAsked] = useState<string | null>(null);
  const lookup = useQuery({
    queryKey: addressKeys.cep(orgId, asked ?? ''),
    queryFn: () => api.address.lookupCep.query({ cep: asked ?? '' }),
    enabled: asked !== null && !disabled,
    staleTime: Infinity,
    retry: false,
  });
  // The form's address as of the last render, read by the effect below without re-running it.
  const latestAddress = useRef(address);
  useEffect(() => {
    latestAddress.current = address;
  });
  const filledByLookup = useRef<Partial<CepFillFields>>({});
  const appliedFor = useRef<string | null>(null);
  const [conflicts, setConflicts] = useState<Partial<CepFillFields>>({});

  useEffect(() => {
    const answer = lookup.data;
    if (!asked || answer?.status !== 'found' || appliedFor.current === asked) return;
    appliedFor.current = asked;
    const plan = planCepFill(latestAddress.current, answer.address, filledByLookup.current);
    filledByLookup.current = { ...filledByLookup.current, ...plan.fill };
    if (Object.keys(plan.fill).length > 0) onFill(plan.fill);
    setConflicts(plan.conflicts);
  }, [asked, lookup.data, onFill]);

  const change = (next: string) => {
    onChange(next);
    const nextDigits = onlyDigits(next);
    if (nextDigits === digits) return;
    setConflicts({});
    setAsked(isValidCep(nextDigits) ? nextDigits : null);
  };

  const applyFound = () => {
    onFill(conflicts);
    filledByLookup.current = { ...filledByLookup.current, ...conflicts };
    setConflicts({});
  };

  let description: ReactNode = null;
  if (asked && asked === digits) {
    if (lookup.isFetching) description = t('cep.searching');
    else if (lookup.data?.status === 'not_found') description = t('cep.notFound');
    else if (lookup.isError || lookup.data?.status === 'unavailable') description = t('cep.unavailable');
    else if (lookup.data?.status === 'found' && Object.keys(conflicts).length > 0) {
      const found = lookup.data.address;
      description = (
        <>
          {t('cep.differs', {
            address: [found.street, found.district, `${found.city}/${found.uf}`].filter(Boolean).join(', '),
          })}{' '}
          <Anchor component="button" type="button" size="xs" onClick={applyFound}>
            {t('cep.useFound')}
          </Anchor>
        </>
      );
    } else if (lookup.data?.status === 'found') description = t('cep.filled');
  }

  return (
    <MaskedInput
      label={label}
      mask={maskCep}
      value={value}
      onChange={change}
      error={error}
      disabled={disabled}
      description={
        description ? (
          <Text span size="xs" c="dimmed" data-testid="cep-status" aria-live="polite">
            {description}
          </Text>
        ) : undefined
      }
      inputWrapperOrder={['label', 'input', 'description', 'error']}
    />
  );
}
