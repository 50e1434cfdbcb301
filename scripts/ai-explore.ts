/**
 * Exploration: prints each candidate style feature per corpus group (median, 90th, 99th percentile)
 * and per-phrase hit rates, so that features that fire on human groups can be ruled out BEFORE the
 * model uses them. Run: npx tsx scripts/ai-explore.ts [--phrases]
 */
import { candidateLlmWords, computeFeatures, FEATURE_IDS, textStats } from '../src/checks/ai/features.js';
import { paragraphsOf } from '../src/checks/ai/text.js';
import { loadRuleData } from '../src/rules/data.js';
import { AI_SOURCES, HUMAN_GROUPS, loadAiCorpus } from './ai-corpus.js';

const minWords = 250;
const corpus = loadAiCorpus().filter((t) => t.language === 'en');
const rows = corpus
  .map((t) => ({ t, stats: textStats(paragraphsOf(t.text)) }))
  .filter((r) => r.stats.words >= minWords);
const groups = [...HUMAN_GROUPS, ...AI_SOURCES];
const q = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))] : Number.NaN;
};
if (process.argv.includes('--phrases')) {
  const phrases = loadRuleData<{ phrases: string[] }>('ai/style.yaml').phrases;
  console.log('phrase'.padEnd(50), groups.map((g) => g.slice(0, 9).padStart(9)).join(''));
  for (const p of phrases) {
    const re = new RegExp(`\\b${p}`, 'i');
    const shares = groups.map((g) => {
      const inG = rows.filter((r) => r.t.group === g);
      return inG.filter((r) => re.test(r.t.text)).length / Math.max(1, inG.length);
    });
    console.log(p.slice(0, 50).padEnd(50), shares.map((s) => (s * 100).toFixed(0).padStart(9)).join(''));
  }
  process.exit(0);
}
const feats = rows.map((r) => ({ group: r.t.group, f: computeFeatures(r.stats, candidateLlmWords()) }));
console.log('n per group:', groups.map((g) => `${g}=${feats.filter((x) => x.group === g).length}`).join(' '));
for (const id of FEATURE_IDS) {
  console.log(`\n${id}   (median / p90 / p99)`);
  for (const g of groups) {
    const xs = feats.filter((x) => x.group === g).map((x) => x.f[id].value);
    console.log(
      `  ${g.padEnd(22)} ${q(xs, 0.5).toFixed(2).padStart(7)} ${q(xs, 0.9).toFixed(2).padStart(7)} ${q(xs, 0.99).toFixed(2).padStart(7)}`,
    );
  }
}
