import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

export const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

export class Organization extends BaseEntity<
  | 'timezone'
  | 'document'
  | 'appointmentReminderHour'
  | 'financeNoticeHour'
  | 'emailAppointmentReminders'
  | 'emailDueNotices'
  | 'emailOverdueNotices'
  | 'deletionRequestedAt'
  | 'purgeAfter'
  | 'logo'
  | 'logoContentType'
  | 'phone'
  | 'replyToEmail'
  | 'cep'
  | 'street'
  | 'streetNumber'
  | 'complement'
  | 'district'
  | 'city'
  | 'uf'
  | 'firstStepsDismissedAt'
> {
  name!: string;
  /** CPF (11 digits) or CNPJ (14 digits), digits only; optional until billing needs it. */
  document?: string | null;
  /** Company details the clients see on reports, PDFs and e-mails; stored normalized like a client's. */
  phone?: string | null;
  /** Where clients' answers to the organization's e-mails go (the e-mails' Reply-To). */
  replyToEmail?: string | null;
  cep?: string | null;
  street?: string | null;
  streetNumber?: string | null;
  complement?: string | null;
  district?: string | null;
  city?: string | null;
  uf?: string | null;
  timezone: string = DEFAULT_TIMEZONE;
  /** Local hour (0–23) of the daily reminders for the next day's visits. */
  appointmentReminderHour = 6;
  /** Local hour (0–23) of the daily due-today and overdue notices. */
  financeNoticeHour = 7;
  /** Which e-mails go to the organization's clients (in-app notifications always happen). */
  emailAppointmentReminders = true;
  emailDueNotices = true;
  emailOverdueNotices = true;
  /** Deletion asked for by an owner (LGPD): the organization is purged once `purgeAfter` has passed. */
  deletionRequestedAt?: Date | null;
  purgeAfter?: Date | null;
  /**
   * The logo printed on report headers (PNG or JPEG, at most 512 KB), kept in the database rather than on
   * disk so that any server instance behind the load balancer can read it. Lazy: loaded only when asked for.
   */
  logo?: Buffer | null;
  /** 'image/png' or 'image/jpeg', sniffed from the bytes when uploaded. */
  logoContentType?: string | null;
  /** An owner or admin hid the dashboard's "Primeiros passos" before finishing them. */
  firstStepsDismissedAt?: Date | null;
}

export const OrganizationSchema = new EntitySchema<Organization, BaseEntity<string>>({
  class: Organization,
  extends: BaseEntitySchema,
  tableName: 'organizations',
  properties: {
    name: { type: 'string', length: 120 },
    document: { type: 'string', length: 14, nullable: true },
    phone: { type: 'string', length: 11, nullable: true },
    replyToEmail: { type: 'string', length: 254, nullable: true },
    cep: { type: 'string', length: 8, nullable: true },
    street: { type: 'string', length: 120, nullable: true },
    streetNumber: { type: 'string', length: 20, nullable: true },
    complement: { type: 'string', length: 80, nullable: true },
    district: { type: 'string', length: 80, nullable: true },
    city: { type: 'string', length: 80, nullable: true },
    uf: { type: 'string', length: 2, nullable: true },
    timezone: { type: 'string', length: 64, default: DEFAULT_TIMEZONE },
    appointmentReminderHour: { type: 'integer', default: 6 },
    financeNoticeHour: { type: 'integer', default: 7 },
    emailAppointmentReminders: { type: 'boolean', default: true },
    emailDueNotices: { type: 'boolean', default: true },
    emailOverdueNotices: { type: 'boolean', default: true },
    deletionRequestedAt: { type: 'datetime', nullable: true },
    purgeAfter: { type: 'datetime', nullable: true },
    logo: { type: 'blob', nullable: true, lazy: true },
    logoContentType: { type: 'string', length: 16, nullable: true },
    firstStepsDismissedAt: { type: 'datetime', nullable: true },
  },
});
