/**
 * Numeric attributes with broken values ("1.2.3", "1e999", "abc", a 100-million-point font…) in a
 * real Word file and a generated essay, screened through the worker pool: every report must hold
 * only finite numbers (NaN was seen in page figures after damaged XML) and match the schema, and
 * no worker may run out of time or memory. The full sweep, every numeric attribute of seven seeds
 * with 17 values, is `npx tsx bench/fuzz/attribute-values.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeVariants } from '../../bench/fuzz/attribute-values.js';
import { loadSeeds, type Seed } from '../../bench/fuzz/harness.js';
import { reportProblem } from '../../bench/fuzz/problems.js';
import { createScreenPool, type ScreenPool } from '../../src/pool/index.js';
import { findVacancy } from '../../src/rules/vacancy.js';

/** Values that gave NaN, Infinity or a runaway layout before the attribute readers were fixed. */
const VALUES = ['1.2.3', '.', '12..5pt', '1e999', 'abc', '', '999999999999', '100000000'];
/** The attributes behind those reports: sizes, spacing, margins, page size, widths, w:val of w:sz/w:w/w:spacing. */
const ATTRIBUTES = ['w:val', 'w:after', 'w:before', 'w:line', 'w:top', 'w:bottom', 'w:w', 'w:h', 'w:space', 'w:left'];

describe('broken numeric attributes (CI size)', () => {
  let pool: ScreenPool;
  let seeds: Seed[];
  beforeAll(async () => {
    pool = createScreenPool({ size: 2, timeoutMs: 20_000, maxMemoryMb: 512 });
    const all = await loadSeeds();
    seeds = [
      all.find((s) => s.name === 's003_TemplateDocument.docx'),
      all.find((s) => s.name === 'generated-0.docx'),
    ].filter((s): s is Seed => s !== undefined);
  });
  afterAll(() => pool?.close());

  it(
    'gives finite numbers and a valid report for every value in sizes, spacing, margins and widths',
    {
      timeout: 180_000,
    },
    async () => {
      expect(seeds).toHaveLength(2);
      const vacancy = findVacancy('250875');
      if (!vacancy) throw new Error('vacancy 250875 missing');
      const variants = seeds.flatMap((seed) => [
        ...attributeVariants(seed, VALUES, {
          attributes: ATTRIBUTES,
          parts: ['word/document.xml', 'word/styles.xml'],
        }),
      ]);
      expect(variants.length).toBeGreaterThan(100);
      const broken: string[] = [];
      let reports = 0;
      await Promise.all(
        variants.map(async ({ label, bytes }) => {
          const report = await pool.run({ bytes, filename: 'Key challenges.docx' }, vacancy, { pageEngine: 'layout' });
          if (report.status !== 'rejected') reports++;
          const problem = reportProblem(report);
          if (problem) broken.push(`${label}: ${problem}`);
        }),
      );
      expect(broken.sort()).toEqual([]);
      // The damage is in attribute values, not in the XML: the files are still screened.
      expect(reports).toBe(variants.length);
    },
  );
});
