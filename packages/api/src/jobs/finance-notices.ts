import { FinanceEntry, type Organization } from '@picineiros/db';
import { emailNoticeAllowances, takeEmailNotice } from '../billing/limits';
import { queueMail } from '../mail/outbox';
import { dueTodayEmail, formatCentsBrl, overdueEmail } from '../mail/templates';
import { recordNotification } from '../notifications/record';
import { describeCompany } from '../organizations/company';
import { addDaysToLocalDate, formatLocalDateBr, type LocalDate } from '../shared/local-time';
import { countFor, type DailyJob, type JobCounts } from './daily-job';

/** Overdue entries are announced on each of the first days after the due date (then the dashboard shows them). */
export const OVERDUE_NOTICE_DAYS = 3;

function daysBetween(earlier: LocalDate, later: LocalDate): number {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000);
}

/**
 * At the organization's notice hour (default 07:00 local): a notice for each pending entry due today and
 * for each pending entry 1 to 3 days overdue, in the app and, when enabled, by e-mail to the client.
 * Two queries whatever the number of entries.
 */
export const financeNoticesJob: DailyJob = {
  name: 'finance-notices',
  hourOf: (organization) => organization.financeNoticeHour,
  async run(em, organizations, localDate, now) {
    const byId = new Map<string, Organization>(
      organizations.map((organization) => [organization.id, organization]),
    );
    const entries = await em.find(
      FinanceEntry,
      {
        organization: { $in: [...byId.keys()] },
        status: 'pending',
        deletedAt: null,
        dueDate: { $gte: addDaysToLocalDate(localDate, -OVERDUE_NOTICE_DAYS), $lte: localDate },
      },
      { populate: ['client'], filters: { tenant: false }, orderBy: { dueDate: 'asc', id: 'asc' } },
    );
    const counts = new Map<string, JobCounts>();
    const allowances = await emailNoticeAllowances(em, organizations, now);
    for (const entry of entries) {
      const organization = byId.get(entry.organization.id);
      if (!organization) continue;
      const daysLate = daysBetween(entry.dueDate, localDate);
      const dueToday = daysLate === 0;
      const type = dueToday ? 'finance_due_today' : 'finance_overdue';
      const dueDate = formatLocalDateBr(entry.dueDate);
      const amount = formatCentsBrl(entry.amountCents);
      recordNotification(em, {
        organization,
        type,
        entityType: 'financeEntry',
        entityId: entry.id,
        title: dueToday ? 'Cobrança vence hoje' : 'Cobrança em atraso',
        body: dueToday
          ? `${entry.client.name}: ${entry.description} — ${amount}, vence hoje.`
          : `${entry.client.name}: ${entry.description} — ${amount}, venceu em ${dueDate} (${daysLate} ${daysLate === 1 ? 'dia' : 'dias'}).`,
        dedupeKey: `${type}:${entry.id}:${localDate}`,
      });
      countFor(counts, organization.id, 'notifications');
      const sendMail = dueToday ? organization.emailDueNotices : organization.emailOverdueNotices;
      // Past the plan's monthly e-mail notices, the in-app notice still goes out; the e-mail does not.
      if (sendMail && entry.client.email && takeEmailNotice(allowances, organization.id)) {
        const common = {
          company: describeCompany(organization),
          clientName: entry.client.name,
          description: entry.description,
          amountCents: entry.amountCents,
          dueDate,
        };
        queueMail(
          em,
          {
            kind: type,
            to: entry.client.email,
            organizationId: organization.id,
            replyTo: organization.replyToEmail ?? null,
            dedupeKey: `${type}:${entry.id}:${localDate}`,
            content: dueToday ? dueTodayEmail(common) : overdueEmail({ ...common, daysLate }),
          },
          now,
        );
        countFor(counts, organization.id, 'mails');
      }
    }
    return counts;
  },
};
