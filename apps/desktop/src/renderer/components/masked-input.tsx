import { TextInput, type TextInputProps } from '@mantine/core';

/** A text input that masks as the user types (CPF/CNPJ, phone, CEP), with the mask from the shared module. */
export function MaskedInput({
  mask,
  value,
  onChange,
  ...props
}: Omit<TextInputProps, 'onChange' | 'value'> & {
  mask: (value: string) => string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextInput
      {...props}
      value={value}
      inputMode={props.inputMode ?? 'numeric'}
      onChange={(event) => onChange(mask(event.currentTarget.value))}
    />
  );
}
