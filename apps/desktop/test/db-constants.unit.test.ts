import * as db from '@picineiros/db';
import { describe, expect, it } from 'vitest';
import * as shim from '../src/renderer/shims/db-constants';

describe('renderer db-constants shim', () => {
  it('matches the constants exported by @picineiros/db', () => {
    for (const [name, value] of Object.entries(shim)) {
      expect(db[name as keyof typeof db], name).toEqual(value);
    }
  });
});
