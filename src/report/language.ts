/**
 * The essay's language from its text (never from w:lang, which reflects the author's keyboard
 * settings rather than what they wrote). franc-min's trigram model decides; the official
 * languages map to 'en' and 'fr', everything else to 'other'.
 */
import { franc } from 'franc-min';

export function detectLanguage(text: string): 'en' | 'fr' | 'other' {
  // franc looks at the first part of long texts; 3,000 characters settle the question and keep it fast.
  const sample = text.slice(0, 3000);
  const code = franc(sample, { minLength: 20 });
  if (code === 'eng' || code === 'sco') return 'en';
  if (code === 'fra') return 'fr';
  return 'other';
}
