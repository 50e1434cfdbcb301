/** Wording shared by the coverage checks' messages. Shared module (no default export). */

/** The challenge's text cut at a word boundary for a one-line message. */
export function shortChallenge(text: string, max = 90): string {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/[.;]$/, '');
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : max).replace(/[,;:]$/, '')}…`;
}
