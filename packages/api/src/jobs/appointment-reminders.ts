import { Appointment, type Organization } from '@picineiros/db';
import { emailNoticeAllowances, takeEmailNotice } from '../billing/limits';
import { queueMail } from '../mail/outbox';
import { appointmentReminderEmail } from '../mail/templates';
import { recordNotification } from '../notifications/record';
import { describeCompany } from '../organizations/company';
import { addDaysToLocalDate, formatLocalDateBr } from '../shared/local-time';
import { countFor, type DailyJob, type JobCounts } from './daily-job';

/**
 * At the organization's reminder hour (default 06:00 local): one notification per pending or confirmed
 * visit of the next day (to its assignee, or everyone), and an e-mail to the client when the client has
 * an address and the organization sends reminders. Two queries whatever the number of visits.
 */
export const appointmentRemindersJob: DailyJob = {
  name: 'appointment-reminders',
  hourOf: (organization) => organization.appointmentReminderHour,
  async run(em, organizations, localDate, now) {
    const byId = new Map<string, Organization>(
      organizations.map((organization) => [organization.id, organization]),
    );
    const tomorrow = addDaysToLocalDate(localDate, 1);
    const appointments = await em.find(
      Appointment,
      {
        organization: { $in: [...byId.keys()] },
        date: tomorrow,
        status: { $in: ['pending', 'confirmed'] },
        deletedAt: null,
      },
      { populate: ['client'], filters: { tenant: false }, orderBy: { startTime: 'asc', id: 'asc' } },
    );
    const counts = new Map<string, JobCounts>();
    const allowances = await emailNoticeAllowances(em, organizations, now);
    for (const appointment of appointments) {
      const organization = byId.get(appointment.organization.id);
      if (!organization) continue;
      const date = formatLocalDateBr(appointment.date);
      recordNotification(em, {
        organization,
        membership: appointment.assignee ?? null,
        type: 'appointment_reminder',
        entityType: 'appointment',
        entityId: appointment.id,
        title: 'Atendimento amanhã',
        body: `${appointment.client.name}: ${date} às ${appointment.startTime}.`,
        dedupeKey: `appointment_reminder:${appointment.id}:${localDate}`,
      });
      countFor(counts, organization.id, 'notifications');
      // Past the plan's monthly e-mail notices, the in-app reminder still goes out; the e-mail does not.
      if (
        organization.emailAppointmentReminders &&
        appointment.client.email &&
        takeEmailNotice(allowances, organization.id)
      ) {
        queueMail(
          em,
          {
            kind: 'appointment_reminder',
            to: appointment.client.email,
            organizationId: organization.id,
            replyTo: organization.replyToEmail ?? null,
            dedupeKey: `appointment_reminder:${appointment.id}:${localDate}`,
            content: appointmentReminderEmail({
              company: describeCompany(organization),
              clientName: appointment.client.name,
              date,
              time: appointment.startTime,
            }),
          },
          now,
        );
        countFor(counts, organization.id, 'mails');
      }
    }
    return counts;
  },
};
