// The package's three entry points: this one (the router's type, all a tRPC client needs), ./client (what the
// desktop renderer and core import: schemas, views, constants, labels, formatting helpers; nothing that needs
// Node or the ORM, because the renderer is bundled for the browser) and ./server (what apps/server imports).
export type { AppRouter } from './router';
