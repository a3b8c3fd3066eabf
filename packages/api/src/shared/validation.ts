import { z } from 'zod';
import { pt } from 'zod/v4/locales';

// Every zod message (server and UI forms) in pt-BR; field-specific messages are given in the schemas.
z.config(pt());

export { z };

/** Flattens zod issues to `{ 'address.city': 'mensagem' }`, the shape the UI's forms consume. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fieldErrors[key] ??= issue.message;
  }
  return fieldErrors;
}
