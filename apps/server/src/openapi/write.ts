import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument, serializeOpenApiDocument } from './document';

/** Where the committed document lives (the repository's docs/). */
export const OPENAPI_FILE = fileURLToPath(new URL('../../../../docs/openapi.json', import.meta.url));

// `pnpm --filter @picineiros/server openapi`: regenerates docs/openapi.json from the code.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OPENAPI_FILE, serializeOpenApiDocument(buildOpenApiDocument()));
  console.log(`wrote ${OPENAPI_FILE}`);
}
