/**
 * Chatbot leftovers in a text: conversation wrappers, unfilled placeholders, citation markup of
 * chat tools and literal markdown. Patterns and the level each one lifts the essay to are data in
 * rules/ai/residue.yaml. Used by the chatbot-residue, citation-artifact and markdown-residue checks
 * and by scoreText (so the bench counts residue on the corpus texts too).
 * Not a check: no default export.
 */
import { loadRuleData } from '../../rules/data.js';
import type { AiLevel } from './levels.js';
import { clip, type TextLanguage, type TextParagraph } from './text.js';

export type ResidueKind = 'chatbot' | 'placeholders' | 'citation' | 'markdown';

interface PatternRule {
  id: string;
  level: AiLevel;
  lang: 'en' | 'fr' | 'any';
  pattern: string;
  minCount?: number;
}

type ResidueRules = Record<ResidueKind, PatternRule[]>;

export interface ResidueHit {
  kind: ResidueKind;
  /** Pattern id within its kind, e.g. 'opener', 'bold'. */
  id: string;
  level: AiLevel;
  paragraph: number;
  /** The matched text. */
  match: string;
  /** The paragraph (clipped) for evidence. */
  text: string;
  /** Where the text was found when not in the body (e.g. 'hyperlink'). */
  where?: string;
}

let compiled: Array<PatternRule & { kind: ResidueKind; re: RegExp }> | undefined;

function patterns() {
  if (compiled) return compiled;
  const rules = loadRuleData<ResidueRules>('ai/residue.yaml');
  compiled = (Object.keys(rules) as ResidueKind[]).flatMap((kind) =>
    rules[kind].map((rule) => ({ ...rule, kind, re: new RegExp(rule.pattern, 'iu') })),
  );
  return compiled;
}

/**
 * Residue in paragraphs of text. `language` decides which language's chatbot phrases apply
 * ('other' applies both). `links` are hyperlink targets (citation markup hides there too).
 */
export function findResidue(
  paragraphs: TextParagraph[],
  language: TextLanguage,
  links: Array<{ paragraph: number; target: string; text: string }> = [],
): ResidueHit[] {
  const hits: ResidueHit[] = [];
  for (const rule of patterns()) {
    if (rule.lang !== 'any' && language !== 'other' && rule.lang !== language) continue;
    const found: ResidueHit[] = [];
    for (const p of paragraphs) {
      // Bullet lines inside one paragraph (soft line breaks) count one by one.
      for (const line of p.text.split('\n')) {
        const m = rule.re.exec(line.trim());
        if (m)
          found.push({
            kind: rule.kind,
            id: rule.id,
            level: rule.level,
            paragraph: p.index,
            match: m[0],
            text: clip(line),
          });
      }
    }
    if (rule.kind === 'citation') {
      for (const link of links) {
        const m = rule.re.exec(link.target);
        if (m) {
          found.push({
            kind: rule.kind,
            id: rule.id,
            level: rule.level,
            paragraph: link.paragraph,
            match: m[0],
            text: clip(`${link.text} → ${link.target}`),
            where: 'hyperlink',
          });
        }
      }
    }
    if (found.length >= (rule.minCount ?? 1)) hits.push(...found);
  }
  return hits;
}
