// What the desktop (renderer and core) and the server share: zod schemas, row -> view functions, paging,
// constants, pt-BR labels and messages, report rows and files, Brazilian and date helpers. The renderer is
// bundled for the browser, so nothing reachable from here may import Node, the ORM or a server-only package.
export * from './accounts/schema';
export * from './appointments/overlaps';
export * from './appointments/schema';
export * from './appointments/view';
export * from './billing/schema';
export * from './clients/schema';
export * from './clients/view';
export * from './dashboard/schema';
export * from './dashboard/summary';
export * from './finance/schema';
export * from './finance/view';
export * from './members/schema';
export * from './organizations/company';
export * from './organizations/logo-image';
export * from './organizations/schema';
export * from './privacy/schema';
export * from './reports/csv';
export * from './reports/filters';
export * from './reports/pdf';
export * from './reports/rows';
export * from './reports/table';
export * from './shared/address';
export * from './shared/brazil';
export * from './shared/constants';
export * from './shared/labels';
export * from './shared/local-time';
export * from './shared/messages';
export * from './shared/paging';
export * from './shared/scalars';
export * from './shared/scrub';
export * from './shared/search-text';
export * from './shared/typed-date';
export * from './shared/validation';
export * from './sync/schema';
