import { AuditEntry } from '@picineiros/db';
import type { FilterQuery } from '@mikro-orm/core';
import type { OrgContext } from '../shared/org-context';
import { addDaysToLocalDate, startOfLocalDate } from '../shared/local-time';
import type { TAuditEntryView, TAuditPage, TListAuditInput } from './schema';

function viewEntry(entry: AuditEntry): TAuditEntryView {
  const system = !entry.membership && !entry.user && !entry.actorName;
  return {
    id: entry.id,
    at: entry.at,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    actor: system
      ? null
      : {
          membershipId: entry.membership?.id ?? null,
          userId: entry.user?.id ?? null,
          name: entry.actorName ?? '',
        },
    changes: entry.changes,
  };
}

function cursorOf(entry: AuditEntry): string {
  return `${entry.at.toISOString()}|${entry.id}`;
}

/** Newest first; keyset pagination on (at, id) so pages stay stable while new entries arrive. */
export async function listAuditEntries(ctx: OrgContext, input: TListAuditInput): Promise<TAuditPage> {
  const timezone = ctx.organization.timezone;
  const where: FilterQuery<AuditEntry> = {};
  if (input.entityType) where.entityType = input.entityType;
  if (input.entityId) where.entityId = input.entityId;
  if (input.membershipId) where.membership = input.membershipId;
  const at: { $gte?: Date; $lt?: Date } = {};
  if (input.from) at.$gte = startOfLocalDate(input.from, timezone);
  if (input.to) at.$lt = startOfLocalDate(addDaysToLocalDate(input.to, 1), timezone);
  if (at.$gte || at.$lt) where.at = at;
  if (input.cursor) {
    const [instant = '', id = ''] = input.cursor.split('|');
    const cursorAt = new Date(instant);
    where.$or = [{ at: { $lt: cursorAt } }, { at: cursorAt, id: { $lt: id } }];
  }
  const entries = await ctx.em.find(AuditEntry, where, {
    orderBy: { at: 'desc', id: 'desc' },
    limit: input.limit + 1,
  });
  const page = entries.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(viewEntry),
    nextCursor: entries.length > input.limit && last ? cursorOf(last) : null,
  };
}
