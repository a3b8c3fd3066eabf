import { countedWrite } from '../billing/limits';
import { orgProcedure, router } from '../trpc';
import {
  ZAppointmentIdInput,
  ZAppointmentOverlaps,
  ZAppointmentOverlapsInput,
  ZAppointmentPage,
  ZAppointmentView,
  ZCreateAppointmentInput,
  ZListAppointmentsInput,
  ZSetAppointmentStatusInput,
  ZUpdateAppointmentInput,
} from './schema';
import {
  archiveAppointment,
  createAppointment,
  getAppointment,
  listAppointmentOverlaps,
  listAppointments,
  restoreAppointment,
  setAppointmentStatus,
  updateAppointment,
} from './service';

export const appointmentsRouter = router({
  list: orgProcedure
    .input(ZListAppointmentsInput)
    .output(ZAppointmentPage)
    .query(({ ctx, input }) => listAppointments(ctx, input)),
  get: orgProcedure
    .input(ZAppointmentIdInput)
    .output(ZAppointmentView)
    .query(({ ctx, input }) => getAppointment(ctx, input.id)),
  overlaps: orgProcedure
    .input(ZAppointmentOverlapsInput)
    .output(ZAppointmentOverlaps)
    .query(({ ctx, input }) => listAppointmentOverlaps(ctx, input)),
  create: orgProcedure
    .input(ZCreateAppointmentInput)
    .mutation(({ ctx, input }) => countedWrite(ctx, () => createAppointment(ctx, input))),
  update: orgProcedure
    .input(ZUpdateAppointmentInput)
    .mutation(({ ctx, input }) => updateAppointment(ctx, input)),
  setStatus: orgProcedure
    .input(ZSetAppointmentStatusInput)
    .mutation(({ ctx, input }) => setAppointmentStatus(ctx, input)),
  archive: orgProcedure
    .input(ZAppointmentIdInput)
    .mutation(({ ctx, input }) => archiveAppointment(ctx, input.id)),
  restore: orgProcedure
    .input(ZAppointmentIdInput)
    .mutation(({ ctx, input }) => countedWrite(ctx, () => restoreAppointment(ctx, input.id))),
});
