import { notifications } from '@mantine/notifications';
import type { z } from 'zod';
import { fieldErrorsOf } from '../api/client';
import { t } from '../i18n';
import { isGlobalBillingRefusal } from '../queries/billing';
import { messageOf } from './page-state';

/**
 * Validates form values with a shared zod schema (the server's own), giving Mantine's form errors keyed by
 * path ('pools.0.volumeLiters'), the same keys the server's `fieldErrors` use.
 */
export function validateWith(schema: z.ZodType, toInput: (values: never) => unknown) {
  return (values: unknown): Record<string, string> => {
    const result = schema.safeParse(toInput(values as never));
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.map(String).join('.') || '_';
      errors[key] ??= issue.message;
    }
    return errors;
  };
}

/** Puts a failed call's field errors on their fields; anything else becomes a red notification. */
export function showMutationError(
  error: unknown,
  setErrors?: (errors: Record<string, string>) => void,
): void {
  const fieldErrors = fieldErrorsOf(error);
  if (setErrors && Object.keys(fieldErrors).length > 0) setErrors(fieldErrors);
  // A read-only organization or a plan limit: the app-wide handler (app.tsx) has shown its notice already.
  if (isGlobalBillingRefusal(error)) return;
  notifications.show({ color: 'red', message: messageOf(error) });
}

export function showSuccess(message: string): void {
  notifications.show({ color: 'teal', message });
}

/** The callbacks of a save: "Salvo" when it worked, otherwise `showMutationError` (field errors on the form). */
export function savedFeedback(setErrors?: (errors: Record<string, string>) => void) {
  return {
    onSuccess: () => showSuccess(t('common.saved')),
    onError: (error: unknown) => showMutationError(error, setErrors),
  };
}
