// Query keys of the reports, logo and calendar-feed screens (one factory per domain, as in keys.ts).
export const logoKeys = {
  logo: (orgId: string) => [orgId, 'organizations', 'logo'] as const,
};

export const calendarKeys = {
  feed: (orgId: string) => [orgId, 'calendar', 'feed'] as const,
};
