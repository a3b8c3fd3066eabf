import type { UniqueConstraintViolationException } from '@mikro-orm/core';
import { CLIENT_DOCUMENT_UNIQUE } from '@picineiros/db';
import type { TRPCError } from '@trpc/server';
import { fieldError } from './field-error';
import { messages } from './messages';

/**
 * Unique indexes that are a form field's rule. The service checks them first for a friendly answer; when
 * parallel requests pass that check together, the database refuses all but one, and the refusal becomes the
 * same field error. Postgres names the index in its message; SQLite names the columns.
 */
const UNIQUE_FIELDS: { postgres: string; sqlite: string; field: string; message: string }[] = [
  {
    postgres: `"${CLIENT_DOCUMENT_UNIQUE}"`,
    sqlite: 'UNIQUE constraint failed: clients.organization_id, clients.document',
    field: 'document',
    message: messages.clientDocumentTaken,
  },
];

/** The field error a unique violation stands for, or undefined (a plain CONFLICT). */
export function fieldErrorOfUniqueViolation(
  error: UniqueConstraintViolationException,
): TRPCError | undefined {
  const rule = UNIQUE_FIELDS.find(
    ({ postgres, sqlite }) => error.message.includes(postgres) || error.message.includes(sqlite),
  );
  return rule ? fieldError(rule.field, rule.message) : undefined;
}
