/**
 * A folder of generated essays for the scan bench: real essay texts from ../shared/corpus/ai-text
 * (chatbot essays, student essays, UN speeches), cut to one or two pages, written as .docx with the
 * `docx` package in a few fonts and sizes. Cached under bench/out/ (gitignored) by count.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { paragraphsOf, random, readCorpus } from '../../test/duplicates/generate.js';
import { essayDocx } from '../../test/scan/essays.js';

const FONTS = ['Calibri', 'Times New Roman', 'Arial', 'Cambria'];

export async function ensureEssays(count: number): Promise<string> {
  const dir = resolve('bench', 'out', `essays-${count}`);
  if (existsSync(dir) && readdirSync(dir).filter((f) => f.endsWith('.docx')).length === count) return dir;
  mkdirSync(dir, { recursive: true });
  const texts = ['nato-llm', 'l2-argumentative', 'outfox', 'ungdc-human']
    .flatMap((name) => readCorpus(name))
    .map((t) => t.text);
  const next = random(2024);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const text = texts[i % texts.length];
    // Keep 250-900 words: a one- or two-page essay.
    const limit = 250 + Math.floor(next() * 650);
    const kept: string[] = [];
    let words = 0;
    for (const p of paragraphsOf(text)) {
      if (words >= limit) break;
      kept.push(p);
      words += p.split(/\s+/).length;
    }
    const bytes = await essayDocx({
      title: next() < 0.5 ? 'Key challenges' : undefined,
      paragraphs: kept,
      font: FONTS[i % FONTS.length],
      sizePt: next() < 0.8 ? 11 : 12,
      creator: `Candidate ${i}`,
    });
    const name = `250875 - Key challenges - Candidate ${String(i).padStart(5, '0')}.docx`;
    writeFileSync(join(dir, name), bytes);
  }
  console.error(`generated ${count} essays in ${((performance.now() - started) / 1000).toFixed(1)} s → ${dir}`);
  return dir;
}
