// The member's calendar feed (iCalendar): the zod schemas of the `calendar` router.
import { z } from '../shared/validation';

/** The feed's secret address; null while the member has none (never created, or disabled). */
export const ZCalendarFeed = z.object({ url: z.string().nullable() });
export type TCalendarFeed = z.infer<typeof ZCalendarFeed>;
