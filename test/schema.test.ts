import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedSchemas, serialise } from '../scripts/gen-schemas.js';

describe('committed JSON Schemas', () => {
  it.each(Object.keys(generatedSchemas()))('%s matches the zod schema it is generated from', (path) => {
    const committed = readFileSync(join(process.cwd(), path), 'utf8');
    // If this fails, run: npx tsx scripts/gen-schemas.ts
    expect(committed).toBe(serialise(generatedSchemas()[path]));
  });
});
