import { TRPCError } from '@trpc/server';
import { messages } from './messages';
import { z } from './validation';

/**
 * A BAD_REQUEST that names the field, for rules only the service can check (a pool of another client, an
 * assignee who is not a member): the error formatter turns the zod cause into `fieldErrors`, like input
 * validation does.
 */
export function fieldError(field: string, message: string): TRPCError {
  return fieldErrors([[field, message]]);
}

/** The same for several fields at once. */
export function fieldErrors(entries: [field: string, message: string][]): TRPCError {
  // ZodRealError, not ZodError: only a real Error subclass survives tRPC's cause handling.
  const cause = new z.ZodRealError(
    entries.map(([field, message]) => ({
      code: 'custom' as const,
      path: field.split('.'),
      message,
      input: undefined,
    })),
  );
  return new TRPCError({ code: 'BAD_REQUEST', message: messages.invalidInput, cause });
}
