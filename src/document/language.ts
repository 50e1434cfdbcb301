/**
 * The language of a text: 'en', 'fr' (the official languages) or 'other'. Decided from the text
 * itself, never from w:lang, which reflects the author's keyboard settings rather than what they
 * wrote. Shared by the report's `language` field, the AI analysis and challenge coverage, so they
 * always agree.
 */
import { franc } from 'franc-min';

export type Language = 'en' | 'fr' | 'other';

// Comparing against the languages candidates are likely to write in, rather than all 82 of
// franc-min, is 5x faster; anything that is not English or French is 'other' either way.
const CANDIDATES = ['eng', 'fra', 'deu', 'spa', 'ita', 'por', 'nld', 'pol', 'ron', 'tur', 'ces', 'hun', 'swe', 'dan'];
// 1,000 characters (about 170 words) give the same answer as the whole text on all 1,540 texts of
// ../shared/corpus/ai-text (bench/scan/language-detection.ts); more only costs time.
const SAMPLE_CHARS = 1000;

let last: { text: string; language: Language } | undefined;

export function detectLanguage(text: string): Language {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (last?.text === sample) return last.language;
  const code = franc(sample, { minLength: 20, only: CANDIDATES });
  const language: Language = code === 'eng' ? 'en' : code === 'fra' ? 'fr' : 'other';
  last = { text: sample, language };
  return language;
}
