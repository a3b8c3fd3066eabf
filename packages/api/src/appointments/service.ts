import { Appointment, Client, Membership, Pool } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import { assertWithinLimit } from '../billing/limits';
import { recordNotification } from '../notifications/record';
import { fieldError } from '../shared/field-error';
import { formatLocalDateBr } from '../shared/local-time';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import {
  placeholders,
  selectTenantRows,
  sqlCondition,
  type SqlCondition,
  type TenantScope,
} from '../shared/tenant-rows';
import { keysetPage } from '../shared/paging';
import { findOverlaps, overlapCandidateDates } from './overlaps';
import { APPOINTMENT_NEXT_STATUSES } from './schema';
import { appointmentCursorOf, parseAppointmentCursor, toAppointmentView, type AppointmentRow } from './view';
import type {
  AppointmentOverlaps,
  AppointmentPage,
  AppointmentView,
  TAppointmentOverlapsInput,
  TCreateAppointmentInput,
  TListAppointmentsInput,
  TSetAppointmentStatusInput,
  TUpdateAppointmentInput,
} from './schema';

// The view's type lives with its schema; the reports import it from here too.
export type { AppointmentView } from './schema';

/** A visit as a list reads it: plain columns under the entity's property names, references as ids (see `readAppointmentViews`). */
type AppointmentListRow = AppointmentRow & {
  client: string;
  client_name: string;
  pool: string | null;
  assignee: string | null;
};

const APPOINTMENT_VIEW_PROPERTIES = [
  'id',
  'client',
  'pool',
  'date',
  'startTime',
  'durationMinutes',
  'assignee',
  'status',
  'notes',
  'priceCents',
  'cancelReason',
  'version',
  'createdAt',
  'updatedAt',
  'deletedAt',
] as const satisfies readonly (keyof AppointmentListRow)[];

/**
 * Visits for a list, as plain rows (see shared/tenant-rows.ts: no entities, the organization always in
 * the WHERE). `where` is about the alias `a`; the order is by (date, startTime, id). The client's name comes
 * from a correlated subquery on its primary key: evaluated for the page's rows only, it cannot turn into a
 * join that trades the index order for a hash join over every client of the organization.
 */
export async function readAppointmentViews(
  ctx: TenantScope,
  where: readonly SqlCondition[],
  limit: number,
): Promise<AppointmentView[]> {
  const rows = await selectTenantRows<AppointmentListRow>(ctx, {
    entity: Appointment,
    alias: 'a',
    properties: APPOINTMENT_VIEW_PROPERTIES,
    extraColumns: ['(select c.name from clients c where c.id = a.client_id) as client_name'],
    where,
    orderBy: 'a.date, a.start_time, a.id',
    limit,
  });
  return rows.map((row) =>
    toAppointmentView(row, {
      clientId: row.client,
      clientName: row.client_name,
      poolId: row.pool ?? null,
      assigneeId: row.assignee ?? null,
    }),
  );
}

export function viewAppointment(appointment: Appointment): AppointmentView {
  return toAppointmentView(appointment, {
    clientId: appointment.client.id,
    clientName: appointment.client.name,
    poolId: appointment.pool?.id ?? null,
    assigneeId: appointment.assignee?.id ?? null,
  });
}

/** More visits of one client or assignee in three days than a warning could list. */
const OVERLAP_CANDIDATES_MAX = 200;

export async function findAppointment(ctx: OrgContext, id: string): Promise<Appointment> {
  // The tenant filter scopes this to the caller's organization: another organization's id is not found.
  const appointment = await ctx.em.findOne(Appointment, { id }, { populate: ['client'] });
  if (!appointment) throw new TRPCError({ code: 'NOT_FOUND', message: messages.appointmentNotFound });
  return appointment;
}

async function findActiveClient(ctx: OrgContext, id: string): Promise<Client> {
  const client = await ctx.em.findOne(Client, { id });
  if (!client) throw new TRPCError({ code: 'NOT_FOUND', message: messages.appointmentClientNotFound });
  if (client.deletedAt) throw fieldError('clientId', messages.appointmentClientArchived);
  return client;
}

async function findPoolOf(ctx: OrgContext, client: Client, id: string): Promise<Pool> {
  const pool = await ctx.em.findOne(Pool, { id });
  if (!pool) throw new TRPCError({ code: 'NOT_FOUND', message: messages.appointmentPoolNotFound });
  if (pool.client.id !== client.id) throw fieldError('poolId', messages.appointmentPoolOfAnotherClient);
  if (pool.deletedAt) throw fieldError('poolId', messages.appointmentPoolArchived);
  return pool;
}

async function findAssignee(ctx: OrgContext, id: string): Promise<Membership> {
  // Memberships are not tenant-filtered (a user has several): scope by the organization explicitly.
  const membership = await ctx.em.findOne(Membership, { id, organization: ctx.organization });
  if (!membership) throw fieldError('assigneeId', messages.appointmentAssigneeNotMember);
  return membership;
}

function refuseIfArchived(appointment: Appointment): void {
  if (appointment.deletedAt) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: messages.appointmentArchived });
  }
}

export async function listAppointments(
  ctx: OrgContext,
  input: TListAppointmentsInput,
): Promise<AppointmentPage> {
  const where: SqlCondition[] = [];
  if (!input.includeArchived) where.push(sqlCondition('a.deleted_at is null'));
  if (input.from) where.push(sqlCondition('a.date >= ?', input.from));
  if (input.to) where.push(sqlCondition('a.date <= ?', input.to));
  if (input.status?.length) {
    where.push(sqlCondition(`a.status in (${placeholders(input.status)})`, ...input.status));
  }
  if (input.clientId) where.push(sqlCondition('a.client_id = ?', input.clientId));
  if (input.assigneeId) where.push(sqlCondition('a.assignee_id = ?', input.assigneeId));
  if (input.billable) {
    // What createFinanceEntryFromAppointment accepts; the unique (organization, appointment) key of the
    // entries serves the NOT EXISTS.
    where.push(
      sqlCondition(
        "a.status = 'done' and a.price_cents > 0" +
          ' and exists (select 1 from clients c where c.id = a.client_id and c.deleted_at is null)' +
          ' and not exists (select 1 from finance_entries f where f.organization_id = ? and f.appointment_id = a.id)',
        ctx.organization.id,
      ),
    );
  }
  if (input.cursor) {
    // Keyset pagination on the sort key (date, startTime, id): stable under inserts, cheap at any depth.
    const { date, startTime, id } = parseAppointmentCursor(input.cursor);
    // The redundant `date >= cursor` starts the index range at the cursor (the OR alone filters every earlier
    // row, which makes a long walk such as a report quadratic).
    where.push(sqlCondition('a.date >= ?', date));
    where.push(
      sqlCondition(
        '(a.date > ? or (a.date = ? and a.start_time > ?) or (a.date = ? and a.start_time = ? and a.id > ?))',
        date,
        date,
        startTime,
        date,
        startTime,
        id,
      ),
    );
  }
  const rows = await readAppointmentViews(ctx, where, input.limit + 1);
  return keysetPage(rows, input.limit, appointmentCursorOf);
}

export async function getAppointment(ctx: OrgContext, id: string): Promise<AppointmentView> {
  return viewAppointment(await findAppointment(ctx, id));
}

export async function createAppointment(
  ctx: OrgContext,
  input: TCreateAppointmentInput,
): Promise<AppointmentView> {
  const client = await findActiveClient(ctx, input.clientId);
  const pool = input.poolId ? await findPoolOf(ctx, client, input.poolId) : null;
  const assignee = input.assigneeId ? await findAssignee(ctx, input.assigneeId) : null;
  await assertWithinLimit(ctx, ctx.organization, 'appointmentsPerMonth', { localDate: input.date });
  const appointment = ctx.em.create(Appointment, {
    organization: ctx.organization,
    client,
    pool,
    date: input.date,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
    assignee,
    notes: input.notes || null,
    priceCents: input.priceCents ?? null,
  });
  // Written in the same flush (one transaction) as the appointment: both exist or neither.
  recordNotification(ctx.em, {
    organization: ctx.organization,
    type: 'appointment_created',
    entityType: 'appointment',
    entityId: appointment.id,
    title: messages.appointmentCreatedTitle,
    body: messages.appointmentCreatedBody(client.name, formatLocalDateBr(input.date), input.startTime),
    actor: ctx.membership,
  });
  await ctx.em.flush();
  return viewAppointment(appointment);
}

export async function updateAppointment(
  ctx: OrgContext,
  input: TUpdateAppointmentInput,
): Promise<AppointmentView> {
  const appointment = await findAppointment(ctx, input.id);
  refuseIfArchived(appointment);
  if (input.version !== undefined && input.version !== appointment.version) {
    throw new TRPCError({ code: 'CONFLICT', message: messages.concurrentEdit });
  }
  const client =
    input.clientId && input.clientId !== appointment.client.id
      ? await findActiveClient(ctx, input.clientId)
      : appointment.client;
  const clientChanged = client.id !== appointment.client.id;
  if (input.poolId !== undefined) {
    appointment.pool = input.poolId ? await findPoolOf(ctx, client, input.poolId) : null;
  } else if (clientChanged) {
    // The old pool belongs to the old client.
    appointment.pool = null;
  }
  appointment.client = client;
  if (input.assigneeId !== undefined) {
    appointment.assignee = input.assigneeId ? await findAssignee(ctx, input.assigneeId) : null;
  }
  if (input.date !== undefined) appointment.date = input.date;
  if (input.startTime !== undefined) appointment.startTime = input.startTime;
  if (input.durationMinutes !== undefined) appointment.durationMinutes = input.durationMinutes;
  if (input.notes !== undefined) appointment.notes = input.notes || null;
  if (input.priceCents !== undefined) appointment.priceCents = input.priceCents;
  await ctx.em.flush();
  return viewAppointment(appointment);
}

export async function setAppointmentStatus(
  ctx: OrgContext,
  input: TSetAppointmentStatusInput,
): Promise<AppointmentView> {
  const appointment = await findAppointment(ctx, input.id);
  refuseIfArchived(appointment);
  // Asking for the current status again (a retried call) changes nothing and is not an error.
  if (appointment.status !== input.status) {
    if (!APPOINTMENT_NEXT_STATUSES[appointment.status].includes(input.status)) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: messages.appointmentTransitionRefused(appointment.status, input.status),
      });
    }
    appointment.status = input.status;
    // A reason belongs to the cancellation; reopening forgets it.
    appointment.cancelReason = input.status === 'cancelled' ? input.reason || null : null;
    await ctx.em.flush();
  }
  return viewAppointment(appointment);
}

/**
 * The visits of the slot's client or assignee that overlap it in time (not cancelled, not archived): the UI
 * warns about them and still lets the user save. Candidates are read by the (organization, client, date)
 * and (organization, assignee, date) indexes over three dates (see overlapCandidateDates); the rule itself
 * is the pure function the desktop replica uses too.
 */
export async function listAppointmentOverlaps(
  ctx: OrgContext,
  input: TAppointmentOverlapsInput,
): Promise<AppointmentOverlaps> {
  const { from, to } = overlapCandidateDates(input.date);
  const where: SqlCondition[] = [
    sqlCondition('a.deleted_at is null'),
    sqlCondition("a.status <> 'cancelled'"),
    sqlCondition('a.date >= ?', from),
    sqlCondition('a.date <= ?', to),
    input.assigneeId
      ? sqlCondition('(a.client_id = ? or a.assignee_id = ?)', input.clientId, input.assigneeId)
      : sqlCondition('a.client_id = ?', input.clientId),
  ];
  if (input.excludeId) where.push(sqlCondition('a.id <> ?', input.excludeId));
  const candidates = await readAppointmentViews(ctx, where, OVERLAP_CANDIDATES_MAX);
  return { items: findOverlaps(input, candidates) };
}

export async function archiveAppointment(ctx: OrgContext, id: string): Promise<AppointmentView> {
  const appointment = await findAppointment(ctx, id);
  if (!appointment.deletedAt) {
    appointment.deletedAt = ctx.clock();
    await ctx.em.flush();
  }
  return viewAppointment(appointment);
}

export async function restoreAppointment(ctx: OrgContext, id: string): Promise<AppointmentView> {
  const appointment = await findAppointment(ctx, id);
  if (appointment.deletedAt) {
    await assertWithinLimit(ctx, ctx.organization, 'appointmentsPerMonth', { localDate: appointment.date });
    appointment.deletedAt = null;
    await ctx.em.flush();
  }
  return viewAppointment(appointment);
}
