/**
 * Calibration and speed of the near-duplicate index (src/checks/duplicates/).
 *
 *   npx tsx bench/scan/near-duplicates.ts [--essays 20000]
 *
 * 1. Chance overlap: for essays on the same topic that were written independently (the corpora in
 *    ../shared/corpus/ai-text, grouped by vacancy or prompt), the longest shared passage and the
 *    shared share, and how many pairs the rules flag (should be none).
 * 2. Detection: generated overlaps (copy, one copied paragraph, shared opening and closing,
 *    light rewording at 10 / 20 / 30 % of words) and how many are flagged.
 * 3. Speed: adding and querying N generated essays.
 */
import { NearDuplicateIndex, noticeTextOf } from '../../src/checks/duplicates/index.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import {
  asBody,
  type CorpusText,
  paragraphsOf,
  random,
  readCorpus,
  rewordLightly,
} from '../../test/duplicates/generate.js';

const argEssays = process.argv.indexOf('--essays');
const speedEssays = argEssays > 0 ? Number(process.argv[argEssays + 1]) : 20_000;

const NATO_VACANCY: Record<string, string> = { A: '250875', B: 'ASG-PASP' };

interface Group {
  name: string;
  notice: string[];
  texts: CorpusText[];
}

function groups(): Group[] {
  const out: Group[] = [];
  const nato = readCorpus('nato-llm');
  for (const code of ['A', 'B', 'C', 'D']) {
    const texts = nato.filter((t) => t.vacancy === code);
    const ref = NATO_VACANCY[code];
    const vacancy = ref ? findVacancy(ref) : undefined;
    const title = String(texts[0]?.meta?.vacancy_title ?? '');
    out.push({ name: `nato-llm ${code}`, notice: vacancy ? noticeTextOf(vacancy) : [title], texts });
  }
  for (const name of ['l2-argumentative', 'outfox']) {
    const byPrompt = new Map<string, CorpusText[]>();
    for (const t of readCorpus(name)) {
      const prompt = String(t.meta?.prompt ?? t.meta?.prompt_id ?? '');
      if (!prompt || prompt === 'undefined') continue;
      byPrompt.set(prompt, [...(byPrompt.get(prompt) ?? []), t]);
    }
    for (const [prompt, texts] of byPrompt)
      if (texts.length > 1) out.push({ name: `${name}: ${prompt.slice(0, 40)}`, notice: [prompt], texts });
  }
  out.push({ name: 'ungdc-human (all speeches)', notice: [], texts: readCorpus('ungdc-human') });
  return out;
}

function chanceOverlap(): void {
  const permissive = { minPassageWords: 0, minSharedShare: 0, minSharedWords: 0 };
  const byCorpus = new Map<string, { pairs: number; longest: number[]; shares: number[]; flagged: string[] }>();
  for (const group of groups()) {
    const corpus = group.name.split(/[ :]/)[0];
    const stats = byCorpus.get(corpus) ?? { pairs: 0, longest: [], shares: [], flagged: [] };
    byCorpus.set(corpus, stats);
    const strict = new NearDuplicateIndex<string>({ notice: group.notice });
    const loose = new NearDuplicateIndex<string>({ notice: group.notice, rules: permissive });
    for (const t of group.texts) {
      strict.add(t.id, t.text, t.id);
      loose.add(t.id, t.text, t.id);
    }
    stats.pairs += (group.texts.length * (group.texts.length - 1)) / 2;
    for (const t of group.texts) {
      for (const m of loose.query(t.text, { exclude: t.id })) {
        if (m.id < t.id) continue; // each pair once (the query side is the later id)
        stats.longest.push(m.longestPassage);
        stats.shares.push(m.share);
      }
      for (const m of strict.query(t.text, { exclude: t.id })) {
        stats.flagged.push(
          `${t.id} ~ ${m.id} (longest ${m.longestPassage} words, share ${(m.share * 100).toFixed(0)} %): "${m.passages[0]?.text.slice(0, 120)}"`,
        );
      }
    }
  }
  console.log('\n1. Chance overlap between independent essays on the same topic');
  console.log('corpus              pairs   compared  longest passage (max / p99)  max share  flagged');
  for (const [corpus, s] of byCorpus) {
    const sorted = [...s.longest].sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
    console.log(
      `${corpus.padEnd(18)} ${String(s.pairs).padStart(6)} ${String(s.longest.length).padStart(9)}  ${String(sorted.at(-1) ?? 0).padStart(15)} / ${String(p99).padEnd(10)} ${(Math.max(0, ...s.shares) * 100).toFixed(0).padStart(7)} %  ${String(s.flagged.length).padStart(6)}`,
    );
    for (const f of s.flagged.slice(0, 10)) console.log(`    flagged: ${f}`);
  }
}

function detection(): void {
  const vacancy = findVacancy('250875')!;
  const sources = readCorpus('nato-llm').filter((t) => t.language === 'en');
  const others = readCorpus('l2-argumentative').filter((t) => t.text.split(/\s+/).length > 250);
  const next = random(7);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
  const cases: Record<string, (source: string, host: string, i: number) => string> = {
    'exact copy': (s) => s,
    'one copied paragraph (≥ 40 words) in another essay': (s, host) => {
      const paragraph = paragraphsOf(s).find((p) => p.split(/\s+/).length >= 40) ?? s;
      const hostParagraphs = paragraphsOf(host);
      hostParagraphs.splice(Math.min(2, hostParagraphs.length), 0, paragraph);
      return hostParagraphs.join('\n\n');
    },
    'shared template: opening and closing paragraphs': (s, host) => {
      const ps = paragraphsOf(s);
      return [ps[0], ...paragraphsOf(host), ps.at(-1)].join('\n\n');
    },
    'reworded, 10 % of words': (s, _h, i) => rewordLightly(s, 0.1, i),
    'reworded, 20 % of words': (s, _h, i) => rewordLightly(s, 0.2, i),
    'reworded, 30 % of words': (s, _h, i) => rewordLightly(s, 0.3, i),
  };
  console.log('\n2. Detection of generated overlaps (nato-llm sources, l2-argumentative hosts)');
  for (const [name, make] of Object.entries(cases)) {
    let found = 0;
    let total = 0;
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      const index = new NearDuplicateIndex<string>({ notice: noticeTextOf(vacancy) });
      index.add('source', source.text, 'source');
      for (const t of sources) if (t !== source && t.vacancy !== source.vacancy) index.add(t.id, t.text, t.id);
      const derived = make(source.text, pick(others).text, i);
      const matches = index.query(asBody(paragraphsOf(derived)));
      total++;
      if (matches.some((m) => m.id === 'source')) found++;
    }
    console.log(`  ${name.padEnd(52)} ${found}/${total} flagged`);
  }
}

function speed(count: number): void {
  // Essays of ~500 words drawn from a word-bigram model of the corpora: realistic vocabulary and
  // stock phrases, no intended overlap.
  const texts = [...readCorpus('l2-argumentative'), ...readCorpus('ungdc-human'), ...readCorpus('outfox')].map(
    (t) => t.text,
  );
  const follow = new Map<string, string[]>();
  for (const text of texts) {
    const words = text.split(/\s+/).filter(Boolean);
    for (let i = 0; i + 1 < words.length; i++)
      follow.set(words[i], [...(follow.get(words[i]) ?? []), words[i + 1]].slice(-50));
  }
  const starts = [...follow.keys()];
  const next = random(11);
  const essay = (): string => {
    const paragraphs: string[] = [];
    for (let p = 0; p < 5; p++) {
      let word = starts[Math.floor(next() * starts.length)];
      const words = [word];
      for (let i = 0; i < 100; i++) {
        const options = follow.get(word);
        word = options ? options[Math.floor(next() * options.length)] : starts[Math.floor(next() * starts.length)];
        words.push(word);
      }
      paragraphs.push(words.join(' '));
    }
    return paragraphs.join('\n\n');
  };
  const generated = Array.from({ length: count }, essay);
  const index = new NearDuplicateIndex<number>({ notice: noticeTextOf(findVacancy('250875')!) });
  const rssBefore = process.memoryUsage().rss;
  let t = performance.now();
  generated.forEach((text, i) => {
    index.add(String(i), text, i);
  });
  const addMs = performance.now() - t;
  t = performance.now();
  let flagged = 0;
  generated.forEach((text, i) => {
    if (index.query(text, { exclude: String(i) }).length > 0) flagged++;
  });
  const queryMs = performance.now() - t;
  console.log(`\n3. Speed over ${count} generated essays of ~500 words`);
  console.log(`  add:   ${(addMs / count).toFixed(3)} ms/essay (${(count / (addMs / 1000)).toFixed(0)} essays/s)`);
  console.log(
    `  query: ${(queryMs / count).toFixed(3)} ms/essay (${(count / (queryMs / 1000)).toFixed(0)} essays/s), flagged ${flagged}`,
  );
  console.log(`  index memory: ~${((process.memoryUsage().rss - rssBefore) / 1048576).toFixed(0)} MB RSS growth`);
}

chanceOverlap();
detection();
speed(speedEssays);
