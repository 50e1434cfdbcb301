/**
 * Residue and forensics signals on generated .docx files, both ways: documents that must raise
 * the signal and documents that must not — starting with human essays with ordinary Word metadata.
 */
import { Document, ExternalHyperlink, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { corpusText, essayDocx, para, paras, runAi } from './fixtures.js';

// Real human writing from the shared corpus: a UN General Debate excerpt and an ELLIPSE essay (high band).
const UN_SPEECH = corpusText('ungdc-human/ungdc-human.jsonl', 'ungdc-JPN-2012').text;
const LEARNER_ESSAY = corpusText('l2-argumentative/l2-argumentative.jsonl', 'ellipse-9D33CC6B9AEF').text;
const NATO_RESIDUE = corpusText('nato-llm/nato-llm.jsonl', 'nato-ai-002').text;
const NATO_FRENCH = corpusText('nato-llm/nato-llm.jsonl', 'nato-ai-009').text;

const AI_RULES = [
  'chatbot-residue',
  'citation-artifact',
  'markdown-residue',
  'short-editing-time',
  'single-revision',
  'generator-metadata',
  'llm-vocabulary',
  'low-burstiness',
  'stock-transitions',
  'participial-clauses',
];

describe('human essays with normal Word metadata', () => {
  for (const [name, text] of [
    ['UN speech', UN_SPEECH],
    ['learner essay', LEARNER_ESSAY],
  ] as const) {
    it(`${name}: raises no AI finding and level none`, async () => {
      const run = await runAi(essayDocx(paras(text)));
      expect(run.findings.filter((f) => AI_RULES.includes(f.rule))).toEqual([]);
      expect(run.ai.level).toBe('none');
      expect(run.ai.signals).toEqual([]);
      expect(run.ai.score).toBeLessThan(0.5);
    });
  }
});

describe('chatbot-residue', () => {
  it('flags an English chatbot opener and closing offer as high, quoting the paragraph', async () => {
    const body =
      para('Certainly! Here is a draft of your essay for the position of Head of Section.') +
      paras(UN_SPEECH) +
      para("Let me know if you'd like me to shorten it to one page.");
    const run = await runAi(essayDocx(body));
    const [finding] = run.byRule('chatbot-residue');
    expect(finding.severity).toBe('warning');
    expect(finding.evidence[0]).toMatchObject({ paragraph: 1 });
    expect(finding.evidence[0].text).toContain('Certainly! Here is a draft');
    expect(finding.evidence.some((e) => e.text.includes("Let me know if you'd like"))).toBe(true);
    expect(run.ai.level).toBe('high');
    expect(run.ai.signals).toContain('chatbot-residue');
  });

  it('flags an unfilled placeholder as medium', async () => {
    const run = await runAi(
      essayDocx(
        paras(UN_SPEECH) + para('With [X years] of experience in multilateral diplomacy, I would bring a calm hand.'),
      ),
    );
    expect(run.byRule('chatbot-residue')).toHaveLength(1);
    expect(run.ai.level).toBe('medium');
  });

  it('flags French residue in a French essay, which gets no style judgement', async () => {
    const body = para('Bien sûr ! Voici une proposition de texte pour votre candidature.') + paras(NATO_FRENCH);
    const run = await runAi(essayDocx(body));
    expect(run.byRule('chatbot-residue')).toHaveLength(1);
    expect(run.ai.level).toBe('high');
    expect(run.ai.note).toMatch(/French/);
    expect(
      run.findings.filter((f) =>
        ['llm-vocabulary', 'low-burstiness', 'stock-transitions', 'participial-clauses'].includes(f.rule),
      ),
    ).toEqual([]);
  });

  it('does not flag the same French essay without the opener', async () => {
    const run = await runAi(essayDocx(paras(NATO_FRENCH)));
    expect(run.byRule('chatbot-residue')).toEqual([]);
    expect(run.ai.level).toBe('none');
  });

  it('ignores residue a reader cannot see (hidden text is the formatting checks’ business)', async () => {
    const run = await runAi(
      essayDocx(para('As an AI language model, I wrote this.', { hidden: true }) + paras(UN_SPEECH)),
    );
    expect(run.byRule('chatbot-residue')).toEqual([]);
  });

  it('does not take an ordinary "here is" sentence for a chatbot opener', async () => {
    const run = await runAi(
      essayDocx(para('Here is an example from my posting in Vienna that shows what I mean.') + paras(UN_SPEECH)),
    );
    expect(run.byRule('chatbot-residue')).toEqual([]);
  });
});

describe('citation-artifact', () => {
  it('flags oaicite markup in the text as high', async () => {
    const run = await runAi(
      essayDocx(
        paras(UN_SPEECH) + para('Allies agreed new spending targets in 2025. :contentReference[oaicite:3]{index=3}'),
      ),
    );
    const [finding] = run.byRule('citation-artifact');
    expect(finding.severity).toBe('warning');
    expect(finding.evidence[0].text).toContain('oaicite');
    expect(run.ai.level).toBe('high');
  });

  it('flags a ChatGPT referrer in a hyperlink target (docx package) as medium', async () => {
    const doc = new Document({
      creator: 'Jane Doe',
      lastModifiedBy: 'Jane Doe',
      revision: 9,
      sections: [
        {
          children: [
            ...UN_SPEECH.split('\n')
              .filter(Boolean)
              .map((t) => new Paragraph(t)),
            new Paragraph({
              children: [
                new TextRun('See the summit declaration: '),
                new ExternalHyperlink({
                  link: 'https://www.nato.int/cps/en/natohq/official_texts.htm?utm_source=chatgpt.com',
                  children: [new TextRun('official texts')],
                }),
              ],
            }),
          ],
        },
      ],
    });
    const run = await runAi(new Uint8Array(await Packer.toBuffer(doc)));
    const [finding] = run.byRule('citation-artifact');
    expect(finding.evidence[0].where).toBe('hyperlink');
    expect(run.ai.level).toBe('medium');
  });

  it('does not flag an ordinary link', async () => {
    const run = await runAi(
      essayDocx(paras(UN_SPEECH) + '<w:p><w:hyperlink r:id="rIdLink1"><w:r><w:t>NATO</w:t></w:r></w:hyperlink></w:p>', {
        relationships: [
          { id: 'rIdLink1', type: 'hyperlink', target: 'https://www.nato.int/?utm_source=newsletter', external: true },
        ],
      }),
    );
    expect(run.byRule('citation-artifact')).toEqual([]);
  });
});

describe('markdown-residue', () => {
  it('flags literal bold and heading markdown as medium', async () => {
    const run = await runAi(essayDocx(para('## Key challenges') + para('**1. Allied unity**') + paras(UN_SPEECH)));
    const [finding] = run.byRule('markdown-residue');
    expect(finding.severity).toBe('warning');
    expect(finding.evidence.map((e) => e.paragraph)).toEqual([2, 1]);
    expect(run.ai.level).toBe('medium');
  });

  it('treats plain "- " list lines as weak (low) and a single dash line as nothing', async () => {
    const two = await runAi(
      essayDocx(paras(UN_SPEECH) + para('- consultations among Allies') + para('- relations with partners')),
    );
    expect(two.byRule('markdown-residue')[0].severity).toBe('info');
    expect(two.ai.level).toBe('low');
    const one = await runAi(essayDocx(paras(UN_SPEECH) + para('- consultations among Allies')));
    expect(one.byRule('markdown-residue')).toEqual([]);
  });

  it('flags a whole chatbot answer pasted with its markdown (nato-ai-002) as high', async () => {
    const run = await runAi(essayDocx(paras(NATO_RESIDUE)));
    expect(run.ai.level).toBe('high');
    expect(run.ai.signals).toEqual(expect.arrayContaining(['chatbot-residue', 'markdown-residue']));
  });
});

describe('forensics: weak signals, low at most', () => {
  it('flags minutes of editing time for a full essay', async () => {
    const run = await runAi(
      essayDocx(paras(UN_SPEECH), { app: '<TotalTime>3</TotalTime><Application>Microsoft Office Word</Application>' }),
    );
    const [finding] = run.byRule('short-editing-time');
    expect(finding.severity).toBe('info');
    expect(finding.message).toMatch(/3 minutes/);
    expect(finding.message).toMatch(/not evidence/);
    expect(run.ai.level).toBe('low');
  });

  it('does not flag the editing time of a short note', async () => {
    const run = await runAi(
      essayDocx(para('Thank you for considering my application.'), {
        app: '<TotalTime>1</TotalTime><Application>Microsoft Office Word</Application>',
      }),
    );
    expect(run.byRule('short-editing-time')).toEqual([]);
  });

  it('flags revision 1 and a single Word editing session', async () => {
    const run = await runAi(
      essayDocx(paras(UN_SPEECH), {
        core: '<dc:creator>Jane Doe</dc:creator><cp:revision>1</cp:revision>',
        settings: '<w:rsids><w:rsidRoot w:val="00A1B2C3"/><w:rsid w:val="00A1B2C3"/></w:rsids>',
      }),
    );
    const [finding] = run.byRule('single-revision');
    expect(finding.message).toMatch(/saved only once/);
    expect(finding.message).toMatch(/1 editing session/);
  });

  it('flags python-docx template metadata', async () => {
    const run = await runAi(
      essayDocx(paras(UN_SPEECH), {
        core: '<dc:creator>python-docx</dc:creator><dc:description>generated by python-docx</dc:description><cp:revision>3</cp:revision>',
      }),
    );
    expect(run.byRule('generator-metadata')[0].message).toMatch(/python-docx/);
  });

  it('flags the docx JavaScript library defaults', async () => {
    const doc = new Document({
      sections: [
        {
          children: UN_SPEECH.split('\n')
            .filter(Boolean)
            .map((t) => new Paragraph(t)),
        },
      ],
    });
    const run = await runAi(new Uint8Array(await Packer.toBuffer(doc)));
    expect(run.byRule('generator-metadata')[0].message).toMatch(/docx JavaScript library/);
    // docx also writes revision 1: two weak signals together still make "low", never more.
    expect(run.byRule('single-revision')).toHaveLength(1);
    expect(run.ai.level).toBe('low');
  });

  it('never lifts the level above low, even with every forensic signal at once', async () => {
    const run = await runAi(
      essayDocx(paras(UN_SPEECH), {
        core: '<dc:creator>python-docx</dc:creator><cp:revision>1</cp:revision>',
        app: '<TotalTime>0</TotalTime><Application>Microsoft Office Word</Application>',
        settings: '<w:rsids><w:rsidRoot w:val="00A1B2C3"/></w:rsids>',
      }),
    );
    expect(new Set(run.ai.signals)).toEqual(new Set(['short-editing-time', 'single-revision', 'generator-metadata']));
    expect(run.ai.level).toBe('low');
    expect(run.findings.every((f) => f.severity !== 'error')).toBe(true);
  });

  it('does not treat word processors (LibreOffice, WPS, Google Docs exports) as generators', async () => {
    for (const application of [
      'LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/e19e193f88cd6c0525a17fb7a176ed8e6a3e2aa1',
      'WPS Office_12.2.0.13201_F1E327BC-269C-435d-A152-05C5408002CA',
    ]) {
      const run = await runAi(
        essayDocx(paras(UN_SPEECH), { app: `<TotalTime>120</TotalTime><Application>${application}</Application>` }),
      );
      expect(run.byRule('generator-metadata')).toEqual([]);
    }
    // Google Docs exports carry no app.xml and no revision.
    const gdocs = await runAi(
      essayDocx(paras(UN_SPEECH), { core: '<dc:title>Key challenges</dc:title>', app: undefined, settings: undefined }),
    );
    expect(gdocs.findings.filter((f) => f.category === 'ai')).toEqual([]);
  });
});

describe('short texts', () => {
  it('gives no style level under the minimum length and says why', async () => {
    const run = await runAi(
      essayDocx(
        para('Moreover, fostering diverse insights is crucial. Additionally, this approach plays a pivotal role.'),
      ),
    );
    expect(run.ai.level).toBe('none');
    expect(run.ai.note).toMatch(/too short/);
  });
});
