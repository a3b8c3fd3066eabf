// Which visits collide with a time slot: one pure rule shared by the server (appointments.overlaps) and the
// desktop replica (which answers the same question offline), so both paths warn about the same visits.
import { addDaysToLocalDate } from '../shared/local-time';

/** The slot being scheduled: a visit's date, start and duration, its client and (optional) assignee. */
export type AppointmentSlot = {
  clientId: string;
  assigneeId?: string | null | undefined;
  date: string;
  startTime: string;
  durationMinutes: number;
  /** The visit being edited, which never collides with itself. */
  excludeId?: string | undefined;
};

/** What the rule needs of another visit. */
export type OverlapCandidate = {
  id: string;
  clientId: string;
  assigneeId: string | null;
  date: string;
  startTime: string;
  durationMinutes: number;
  status: string;
  deletedAt: Date | null;
};

/** Why a visit collides: it is the same client's, the same assignee's, or both. */
export type OverlapReasons = { sameClient: boolean; sameAssignee: boolean };

/**
 * A visit may last up to 24 h, so one that starts the day before can still run into the slot, and a slot
 * that crosses midnight can reach a visit of the next day: candidates come from these three dates.
 */
export function overlapCandidateDates(date: string): { from: string; to: string } {
  return { from: addDaysToLocalDate(date, -1), to: addDaysToLocalDate(date, 1) };
}

const MINUTES_PER_DAY = 24 * 60;

/** Minutes since the epoch's local midnight: local dates and times compared without any time zone. */
function minuteOf(date: string, time: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return (Date.UTC(year, month - 1, day) / 86_400_000) * MINUTES_PER_DAY + hours * 60 + minutes;
}

/**
 * The candidates that overlap the slot in time (touching ends do not: 08:00–09:00 and 09:00–10:00 are fine)
 * and share its client or its assignee; cancelled and archived visits never count. Keeps the candidates'
 * order (the lists' date, time, id).
 */
export function findOverlaps<T extends OverlapCandidate>(
  slot: AppointmentSlot,
  candidates: readonly T[],
): (T & OverlapReasons)[] {
  const start = minuteOf(slot.date, slot.startTime);
  const end = start + slot.durationMinutes;
  const overlapping: (T & OverlapReasons)[] = [];
  for (const candidate of candidates) {
    if (candidate.id === slot.excludeId || candidate.status === 'cancelled' || candidate.deletedAt) continue;
    const sameClient = candidate.clientId === slot.clientId;
    const sameAssignee = Boolean(slot.assigneeId) && candidate.assigneeId === slot.assigneeId;
    if (!sameClient && !sameAssignee) continue;
    const candidateStart = minuteOf(candidate.date, candidate.startTime);
    if (candidateStart < end && start < candidateStart + candidate.durationMinutes) {
      overlapping.push({ ...candidate, sameClient, sameAssignee });
    }
  }
  return overlapping;
}
