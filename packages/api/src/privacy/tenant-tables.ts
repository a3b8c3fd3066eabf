import { ReferenceKind, type EntityMetadata, type MetadataStorage } from '@mikro-orm/core';

/**
 * Which rows of each table belong to an organization, found from the ORM's metadata so that a table added
 * later is exported (and purged) without anyone remembering to list it:
 *
 * 1. `organizations`: the organization's own row.
 * 2. A table with a many-to-one to Organization, or an `organizationId` column: its rows of the organization.
 * 3. A table with a many-to-one to a table of rule 2 (notification reads → notifications): rows of those.
 * 4. `users`: the organization's members (their profiles, never their password hashes).
 * 5. A table with a many-to-one to User (login events): the members' rows since each joined.
 *
 * Anything else must be named in GLOBAL_TABLES with the reason it holds no organization data; the privacy
 * test fails on a table that is neither scoped nor listed.
 */
export type OrganizationScope = {
  organizationId: string;
  /** The members, and when each joined: their own rows (login events) count from that moment on. */
  members: readonly { userId: string; joinedAt: Date }[];
};

/** A row of any table, as the generic export and purge see it. */
export type AnyRow = { id?: unknown; [column: string]: unknown };

export type TenantTable = {
  meta: EntityMetadata;
  /** How the rows were found, for the manifest ('organization', 'direct', 'via notification', 'members'…). */
  rule: string;
  /**
   * A MikroORM filter query selecting the organization's rows (use with `filters: false`). Typed loosely:
   * the entity is only known at run time, and MikroORM's FilterQuery of an index signature is `{}`.
   */
  where(scope: OrganizationScope): Record<string, unknown>;
};

/** Tables that hold no organization's data, and why. */
export const GLOBAL_TABLES: Record<string, string> = {
  RateLimitHit:
    "counters of rate-limited actions keyed by e-mail or IP, not by organization (erasure deletes an erased e-mail's)",
  PendingRegistration:
    'sign-ups waiting for their e-mail code, before any organization exists; purged 30 minutes after',
  Plan: "the catalogue of Picineiros' plans, the same for every organization",
  RequestCounter:
    'per-minute call counters of the request budget, keyed by session and deleted after a few minutes',
};

/** Tables of members that the export leaves out although they are scoped, and why. */
export const NOT_EXPORTED: Record<string, string> = {
  Session: 'refresh-token families (credentials); sign-ins are exported as login events',
};

/** Columns never written to an export: credentials, even hashed, and what a secret URL is derived from. */
export const SECRET_PROPERTIES = new Set([
  'passwordHash',
  'tokenHash',
  'previousTokenHash',
  'calendarFeedSalt',
]);

const LINK = /\bhttps?:\/\/[^\s"'<>]+/gi;

/** Every http(s) URL in a text replaced: a mail's links carry one-time tokens (invite, reset, verification). */
export function redactLinks(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(LINK, '[link removido]') : value;
}

/**
 * Columns exported only after a redaction, by entity: the outbox's bodies keep their words (what was sent
 * to whom is the organization's record) but lose their links, which may still work (an invite's link
 * creates an account for whoever holds it).
 */
export const REDACTED_PROPERTIES: Record<string, Record<string, (value: unknown) => unknown>> = {
  MailMessage: { text: redactLinks, html: redactLinks },
};

function manyToOne(meta: EntityMetadata, target: string) {
  return meta.props.find((prop) => prop.kind === ReferenceKind.MANY_TO_ONE && prop.type === target);
}

function organizationProperty(meta: EntityMetadata): string | undefined {
  if (meta.className === 'Organization') return undefined;
  const relation = manyToOne(meta, 'Organization');
  if (relation) return relation.name;
  return meta.props.find((prop) => prop.kind === ReferenceKind.SCALAR && prop.name === 'organizationId')
    ?.name;
}

export type TablePlan = { tables: TenantTable[]; unclassified: string[]; excluded: string[] };

/** Every concrete table, classified by the rules above. */
export function planOrganizationTables(metadata: MetadataStorage): TablePlan {
  const all = Object.values(metadata.getAll()).filter(
    (meta) => !meta.abstract && !meta.embeddable && !meta.virtual && !meta.pivotTable,
  );
  const direct = new Map<string, string>();
  for (const meta of all) {
    const property = organizationProperty(meta);
    if (property) direct.set(meta.className, property);
  }
  const tables: TenantTable[] = [];
  const unclassified: string[] = [];
  const excluded: string[] = [];
  for (const meta of [...all].sort((a, b) => a.tableName.localeCompare(b.tableName))) {
    const name = meta.className;
    if (GLOBAL_TABLES[name] !== undefined) continue;
    if (NOT_EXPORTED[name] !== undefined) {
      excluded.push(name);
      continue;
    }
    const ownProperty = direct.get(name);
    if (name === 'Organization') {
      tables.push({ meta, rule: 'organization', where: ({ organizationId }) => ({ id: organizationId }) });
      continue;
    }
    if (ownProperty) {
      tables.push({
        meta,
        rule: 'direct',
        where: ({ organizationId }) => ({ [ownProperty]: organizationId }),
      });
      continue;
    }
    const parent = meta.props.find(
      (prop) => prop.kind === ReferenceKind.MANY_TO_ONE && direct.has(prop.type) && prop.type !== name,
    );
    const parentProperty = parent ? direct.get(parent.type) : undefined;
    if (parent && parentProperty) {
      tables.push({
        meta,
        rule: `via ${parent.name}`,
        where: ({ organizationId }) => ({ [parent.name]: { [parentProperty]: organizationId } }),
      });
      continue;
    }
    if (name === 'User') {
      tables.push({
        meta,
        rule: 'members',
        where: ({ members }) => ({ id: { $in: members.map((member) => member.userId) } }),
      });
      continue;
    }
    const user = manyToOne(meta, 'User');
    if (user) {
      tables.push({
        meta,
        rule: `members via ${user.name}`,
        // Like audit.logins: a member's rows from when they joined, not their life before the organization.
        where: ({ members }) =>
          members.length === 0
            ? { [user.name]: { $in: [] } }
            : {
                $or: members.map((member) => ({
                  [user.name]: member.userId,
                  createdAt: { $gte: member.joinedAt },
                })),
              },
      });
      continue;
    }
    unclassified.push(name);
  }
  return { tables, unclassified, excluded };
}
