// The reads the core answers from its replica, each validated by its procedure's own input schema: input the
// server would refuse goes to the server, whose answer carries the field errors. Every path here must answer
// what the server answers (test/replica-parity.test.ts walks them all).
import {
  ZAppointmentIdInput,
  ZAppointmentOverlapsInput,
  ZListAppointmentsInput,
  ZClientIdInput,
  ZListClientsInput,
  ZDashboardSummaryInput,
  ZFinanceEntryIdInput,
  ZListFinanceEntriesInput,
  type z,
} from '@picineiros/api/client';
import type { Replica } from './replica';

/** Where and when the organization is: its time zone and its local date. */
export type LocalPlace = { timezone: string; today: string };

type LocalRead = (replica: Replica, input: unknown, place: LocalPlace) => unknown;

/** A read of valid input; null or undefined: the replica does not hold the answer (archived rows). */
function local<S extends z.ZodType>(
  schema: S,
  read: (replica: Replica, input: z.output<S>, place: LocalPlace) => unknown,
): LocalRead {
  return (replica, input, place) => {
    const parsed = schema.safeParse(input);
    return parsed.success ? (read(replica, parsed.data, place) ?? undefined) : undefined;
  };
}

// Archived rows are not in the replica: a list that asks for them goes to the server.
const LOCAL_READS = {
  'clients.list': local(ZListClientsInput, (replica, input) =>
    input.includeArchived ? undefined : replica.listClients(input),
  ),
  'clients.get': local(ZClientIdInput, (replica, input) => replica.getClient(input.id)),
  'appointments.list': local(ZListAppointmentsInput, (replica, input) =>
    input.includeArchived ? undefined : replica.listAppointments(input),
  ),
  'appointments.get': local(ZAppointmentIdInput, (replica, input) => replica.getAppointment(input.id)),
  'appointments.overlaps': local(ZAppointmentOverlapsInput, (replica, input) =>
    replica.listAppointmentOverlaps(input),
  ),
  'finance.list': local(ZListFinanceEntriesInput, (replica, input, { today }) =>
    input.includeArchived ? undefined : replica.listFinanceEntries(input, today),
  ),
  'finance.get': local(ZFinanceEntryIdInput, (replica, input, { today }) =>
    replica.getFinanceEntry(input.id, today),
  ),
  // Ranged summaries too: the Painel's period filter works offline.
  'dashboard.summary': local(ZDashboardSummaryInput, (replica, input, { today, timezone }) =>
    replica.dashboardSummary(today, timezone, input),
  ),
} satisfies Record<string, LocalRead>;

export type LocalReadPath = keyof typeof LOCAL_READS;
export const LOCAL_READ_PATHS = Object.keys(LOCAL_READS) as LocalReadPath[];

function isLocalRead(path: string): path is LocalReadPath {
  return Object.hasOwn(LOCAL_READS, path);
}

/** A local answer, or undefined when this read needs the server (archived rows, other procedures, bad input). */
export function readLocally(replica: Replica, path: string, input: unknown, place: LocalPlace): unknown {
  return isLocalRead(path) ? LOCAL_READS[path](replica, input, place) : undefined;
}
