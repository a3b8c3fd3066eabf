// The worker thread's entry: plain JavaScript, so it loads in any runner (tsx, vitest, node); it teaches
// this thread TypeScript through tsx's API, then loads the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
