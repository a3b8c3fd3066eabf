import { SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { maskDocument, maskPhone, type AddressView } from '@picineiros/api/client';
import { useCallback } from 'react';
import { t } from '../i18n';
import type { CepFillFields } from './cep-fill';
import { CepField } from './cep-field';
import { MaskedInput } from './masked-input';
import { UfSelect } from './typed-select';

/** What the shared blocks need of a Mantine form whose values hold at least `Values`. */
type FormOf<Values> = Pick<
  UseFormReturnType<Values>,
  'values' | 'errors' | 'getInputProps' | 'setFieldValue'
>;

/** An address as the forms hold it (clients, Dados da empresa): '' for a blank field. */
export type AddressValues = {
  cep: string;
  street: string;
  number: string;
  complement: string;
  district: string;
  city: string;
  uf: string;
};

export function addressValuesOf(address: AddressView | undefined): AddressValues {
  return {
    cep: address?.cepMasked ?? '',
    street: address?.street ?? '',
    number: address?.number ?? '',
    complement: address?.complement ?? '',
    district: address?.district ?? '',
    city: address?.city ?? '',
    uf: address?.uf ?? '',
  };
}

/**
 * CPF/CNPJ and phone, masked as typed (two cells of the caller's grid). The labels are the caller's: a
 * client's and the company's read alike but are their own words.
 */
export function DocumentPhoneFields({
  form,
  documentLabel,
  phoneLabel,
  disabled,
}: {
  form: FormOf<{ document: string; phone: string }>;
  documentLabel: string;
  phoneLabel: string;
  disabled?: boolean;
}) {
  return (
    <>
      <MaskedInput
        label={documentLabel}
        mask={maskDocument}
        inputMode="text"
        disabled={disabled}
        {...form.getInputProps('document')}
        value={form.values.document}
        onChange={(value) => form.setFieldValue('document', value)}
      />
      <MaskedInput
        label={phoneLabel}
        mask={maskPhone}
        disabled={disabled}
        {...form.getInputProps('phone')}
        value={form.values.phone}
        onChange={(value) => form.setFieldValue('phone', value)}
      />
    </>
  );
}

/**
 * The address block (CEP, street, number, complement, district, city, UF) of a form with `address` values,
 * in a grid of four: the CEP fills the fields it knows (CepField).
 */
export function AddressFields({
  form,
  disabled,
}: {
  form: FormOf<{ address: AddressValues }>;
  disabled?: boolean;
}) {
  const { setFieldValue } = form;
  const fill = useCallback(
    (fields: Partial<CepFillFields>) => {
      for (const [field, value] of Object.entries(fields)) setFieldValue(`address.${field}`, value);
    },
    [setFieldValue],
  );
  const { address } = form.values;
  return (
    <SimpleGrid cols={4}>
      <CepField
        label={t('clients.cep')}
        value={address.cep}
        onChange={(value) => form.setFieldValue('address.cep', value)}
        address={address}
        onFill={fill}
        error={form.errors['address.cep']}
        disabled={disabled}
      />
      <TextInput
        label={t('clients.street')}
        style={{ gridColumn: 'span 2' }}
        disabled={disabled}
        {...form.getInputProps('address.street')}
      />
      <TextInput
        label={t('clients.streetNumber')}
        disabled={disabled}
        {...form.getInputProps('address.number')}
      />
      <TextInput
        label={t('clients.complement')}
        disabled={disabled}
        {...form.getInputProps('address.complement')}
      />
      <TextInput
        label={t('clients.district')}
        disabled={disabled}
        {...form.getInputProps('address.district')}
      />
      <TextInput label={t('clients.city')} disabled={disabled} {...form.getInputProps('address.city')} />
      <UfSelect
        label={t('clients.uf')}
        disabled={disabled}
        {...form.getInputProps('address.uf')}
        value={address.uf}
        onChange={(value) => form.setFieldValue('address.uf', value)}
      />
    </SimpleGrid>
  );
}
