import { describe, expect, it } from 'vitest';
import {
  addNearDuplicateFindings,
  NearDuplicateIndex,
  noticeTextOf,
  withNearDuplicateFinding,
} from '../../src/checks/duplicates/index.js';
import type { Report } from '../../src/report/schema.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { asBody, paragraphsOf, readCorpus, rewordLightly } from './generate.js';

const vacancy = findVacancy('250875')!;
const asg = findVacancy('ASG-PASP')!;
const nato = readCorpus('nato-llm').filter((t) => t.language === 'en');
const notices: Record<string, string[]> = { A: noticeTextOf(vacancy), B: noticeTextOf(asg) };
const noticeFor = (code: string | undefined) => notices[code ?? ''] ?? [];

function indexOf(texts: { id: string; text: string }[], notice: string[] = []) {
  const index = new NearDuplicateIndex<string>({ notice });
  for (const t of texts) index.add(t.id, t.text, `${t.id}.docx`);
  return index;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const longParagraph = (text: string) => paragraphsOf(text).find((p) => words(p) >= 50)!;

describe('NearDuplicateIndex: independent essays on the same topic', () => {
  it('finds no near-duplicates among chatbot essays written separately for the same vacancy', () => {
    for (const code of ['A', 'B', 'C', 'D']) {
      const group = nato.filter((t) => t.vacancy === code);
      const index = indexOf(group, noticeFor(code));
      for (const t of group) expect(index.query(t.text, { exclude: t.id }), `${t.id}`).toEqual([]);
    }
  });

  it('does not count the vacancy wording that candidates quote', () => {
    // Two different essays that both restate every challenge of the notice word for word.
    const restated = asg.challenges.map((c) => c.text).join(' ');
    const [a, b] = nato.filter((t) => t.vacancy === 'C');
    const index = indexOf([{ id: 'a', text: `${restated}\n\n${a.text}` }], noticeTextOf(asg));
    expect(index.query(`${restated}\n\n${b.text}`)).toEqual([]);
  });

  it('does not count a quotation both essays cite, but does count the same words unquoted', () => {
    // 45 words of another essay: a quotation of a source both candidates cite.
    const source = longParagraph(nato[0].text).split(/\s+/).slice(0, 45).join(' ');
    const [a, b] = nato.filter((t) => t.vacancy === 'D');
    const quoted = `As the declaration puts it, “${source}”`;
    const index = indexOf([{ id: 'a', text: `${a.text}\n\n${quoted}` }]);
    expect(index.query(`${b.text}\n\n${quoted}`)).toEqual([]);
    const copied = indexOf([{ id: 'a', text: `${a.text}\n\n${source}` }]);
    expect(copied.query(`${b.text}\n\n${source}`).map((m) => m.id)).toEqual(['a']);
  });
});

describe('NearDuplicateIndex: query then add (as the service does)', () => {
  it('an essay checked and then kept is found by the next upload that copies it', () => {
    const [first, second, copier] = nato.filter((t) => t.vacancy === 'A');
    const index = indexOf([first], notices.A);
    const essay = asBody(paragraphsOf(second.text));
    expect(index.query(essay)).toEqual([]);
    index.add(second.id, essay, `${second.id}.docx`);
    const copy = asBody([...paragraphsOf(copier.text).slice(0, 2), longParagraph(second.text)]);
    expect(index.query(copy).map((m) => m.id)).toEqual([second.id]);
  });
});

describe('NearDuplicateIndex: known overlaps', () => {
  const source = nato.find((t) => t.vacancy === 'A' && words(t.text) > 450)!;
  const hosts = nato.filter((t) => t.vacancy === 'C');
  const others = nato.filter((t) => t.vacancy === 'A' && t !== source);

  it('finds one copied paragraph inside another essay and quotes it with its paragraph index', () => {
    const copied = longParagraph(source.text);
    const host = paragraphsOf(hosts[0].text);
    const essay = asBody([...host.slice(0, 2), copied, ...host.slice(2)]);
    const index = indexOf([source, ...others], notices.A);
    const matches = index.query(essay);
    expect(matches.map((m) => m.id)).toEqual([source.id]);
    const passage = matches[0].passages[0];
    expect(passage.paragraph).toBe(3);
    const inParagraph3 = passage.segments.find((s) => s.paragraph === 3)!;
    expect(copied.startsWith(inParagraph3.text)).toBe(true);
    expect(inParagraph3.words).toBeGreaterThanOrEqual(words(copied) - 2);
  });

  it('finds a shared template (the same opening and closing around different middles)', () => {
    const opening = longParagraph(source.text);
    const closing = paragraphsOf(source.text)
      .filter((p) => words(p) >= 40)
      .at(-1)!;
    const [x, y] = hosts;
    const index = indexOf([{ id: 'x', text: [opening, ...paragraphsOf(x.text), closing].join('\n\n') }]);
    const matches = index.query([opening, ...paragraphsOf(y.text), closing].join('\n\n'));
    expect(matches.map((m) => m.id)).toEqual(['x']);
    expect(matches[0].passages.length).toBeGreaterThanOrEqual(2);
  });

  it('finds the same essay lightly reworded (one word in ten) in long passages', () => {
    const reworded = rewordLightly(source.text, 0.1, 1);
    expect(reworded).not.toBe(source.text);
    const index = indexOf([source, ...others], notices.A);
    const [match, ...rest] = index.query(reworded);
    expect(match.id).toBe(source.id);
    expect(rest).toEqual([]);
    expect(match.share).toBeGreaterThan(0.6);
    // Changed words are bridged: the passages are paragraphs, not fragments between the edits.
    expect(match.longestPassage).toBeGreaterThan(80);
  });

  it('matches an exact copy with Jaccard 1, in either direction', () => {
    const index = indexOf([source, ...others], notices.A);
    const [match] = index.query(source.text, { exclude: 'nobody' });
    expect(match).toMatchObject({ id: source.id, jaccard: 1, share: 1 });
  });
});

describe('near-duplicate findings in reports', () => {
  const report = (file: string, status: Report['status'] = 'pass'): Report => ({
    schemaVersion: 1,
    file,
    sha256: (file.charCodeAt(0) % 10).toString().repeat(64),
    vacancy: vacancy.reference,
    status,
    ...(status === 'rejected' ? { error: { code: 'NOT_DOCX' as const, message: 'not a Word document' } } : {}),
    findings: [],
  });
  const [a, b, c] = nato.filter((t) => t.vacancy === 'B');
  const copied = longParagraph(a.text);

  it('adds a warning naming the other file and sends a passing essay for review', () => {
    const withCopy = [...paragraphsOf(b.text), copied];
    const out = addNearDuplicateFindings(
      [
        { id: '1', report: report('1 - A.docx'), paragraphs: asBody(paragraphsOf(a.text)) },
        { id: '2', report: report('2 - B.docx'), paragraphs: asBody(withCopy) },
        { id: '3', report: report('3 - C.docx'), paragraphs: asBody(paragraphsOf(c.text)) },
        { id: '4', report: report('4 - D.pdf', 'rejected') },
      ],
      asg,
    );
    expect(out.map((r) => r.status)).toEqual(['review', 'review', 'pass', 'rejected']);
    const [finding] = out[1].findings;
    expect(finding).toMatchObject({ rule: 'near-duplicate', category: 'input', severity: 'warning' });
    expect(finding.message).toContain('“1 - A.docx”');
    expect(finding.evidence[0].paragraph).toBe(withCopy.length);
    expect(out[0].findings[0].message).toContain('“2 - B.docx”');
    expect(out[2].findings).toEqual([]);
  });

  it('compares with stored essays but not with a stored copy of the same bytes', () => {
    const mine = report('mine.docx');
    const stored = [
      { id: 's1', sha256: mine.sha256, filename: 'mine.docx', text: a.text },
      { id: 's2', sha256: 'f'.repeat(64), filename: 'earlier.docx', text: `${copied}\n\n${c.text}` },
    ];
    const [out] = addNearDuplicateFindings([{ id: 'x', report: mine, paragraphs: asBody(paragraphsOf(a.text)) }], asg, {
      others: stored,
    });
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0].message).toContain('“earlier.docx”');
    expect(out.findings[0].message).not.toContain('mine.docx');
  });

  it('replaces an earlier near-duplicate finding and restores the status when it no longer applies', () => {
    const flagged = addNearDuplicateFindings(
      [
        { id: '1', report: report('1.docx'), paragraphs: asBody([copied]) },
        { id: '2', report: report('2.docx'), paragraphs: asBody([copied]) },
      ],
      asg,
    )[0];
    expect(flagged.status).toBe('review');
    const cleared = withNearDuplicateFinding(flagged, undefined);
    expect(cleared.findings).toEqual([]);
    expect(cleared.status).toBe('pass');
  });
});
