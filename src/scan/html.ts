/**
 * The scan's self-contained HTML report: a summary, a table of every file (sortable and
 * filterable by a few lines of inline script; without script it is a plain table) and a detail
 * section per file with its findings and the quoted evidence. Every piece of text from a file or
 * a report is escaped. Details are spooled to a temporary file while the table is written, so the
 * report is produced in one pass without holding all reports in memory.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../report/schema.js';
import type { ReportWriter, ScanRecord, ScanSummary } from './output.js';

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STATUS_LABEL: Record<Report['status'], string> = {
  pass: 'Pass',
  review: 'Review',
  fail: 'Fail',
  rejected: 'Rejected',
};
const STATUS_ORDER: Record<Report['status'], number> = { fail: 0, rejected: 1, review: 2, pass: 3 };
const AI_ORDER: Record<string, number> = { none: 0, low: 1, medium: 2, high: 3 };

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:1.5rem;color:#1b1f24}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}h3{font-size:1rem;margin:0}
.meta{color:#555;margin:0 0 1rem}
.counts{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0}
.count{border-radius:6px;padding:.4rem .8rem;font-weight:600}
.pass{background:#e3f4e6;color:#14532d}.review{background:#fff4d6;color:#6b4b00}.fail{background:#fde2e1;color:#7f1d1d}.rejected{background:#ece9f7;color:#3b2a7a}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f5f7;position:sticky;top:0}
th[data-sortable]{cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.85em;font-weight:600}
.tools{display:flex;gap:.75rem;margin:.5rem 0}
.file{border:1px solid #ddd;border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
.file dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
.file dt{color:#555}.file dd{margin:0}
.finding{margin:.4rem 0}.sev{font-weight:600;text-transform:uppercase;font-size:.75em;margin-right:.3rem}
.sev-error{color:#b91c1c}.sev-warning{color:#a16207}.sev-info{color:#4b5563}
blockquote{margin:.25rem 0 .25rem 1rem;padding-left:.6rem;border-left:3px solid #ccc;color:#333;white-space:pre-wrap}
.note{color:#555;font-size:.9em}
@media print{.tools{display:none}th{position:static}}
`;

// Sorting and filtering; the table works without it. Cells carry data-v for numeric order.
const SCRIPT = `
(function(){
  var table=document.getElementById('files');if(!table)return;
  var body=table.tBodies[0];
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,col){
    th.setAttribute('data-sortable','');th.tabIndex=0;
    function sort(){
      var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(o){o.removeAttribute('aria-sort')});
      th.setAttribute('aria-sort',dir>0?'ascending':'descending');
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[col],y=b.cells[col];
        var vx=x.getAttribute('data-v'),vy=y.getAttribute('data-v');
        if(vx!==null&&vy!==null)return dir*(parseFloat(vx)-parseFloat(vy));
        return dir*x.textContent.localeCompare(y.textContent);
      });
      rows.forEach(function(r){body.appendChild(r)});
    }
    th.addEventListener('click',sort);
    th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort()}});
  });
  var text=document.getElementById('filter'),status=document.getElementById('status');
  function filter(){
    var q=text.value.toLowerCase(),s=status.value;
    Array.prototype.forEach.call(body.rows,function(r){
      var show=(!s||r.getAttribute('data-status')===s)&&(!q||r.textContent.toLowerCase().indexOf(q)>=0);
      r.hidden=!show;
    });
  }
  document.getElementById('tools').hidden=false;
  text.addEventListener('input',filter);status.addEventListener('change',filter);
})();
`;

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function head(summary: ScanSummary): string {
  const { counts } = summary;
  const title = `Essay screening: ${summary.vacancy.reference}`;
  const badges = (['pass', 'review', 'fail', 'rejected'] as const)
    .map((s) => `<span class="count ${s}">${escapeHtml(STATUS_LABEL[s])}: ${counts[s]}</span>`)
    .join('');
  const extra = [
    summary.cached ? `${summary.cached} reused from an earlier scan` : '',
    summary.nearDuplicates ? `${summary.nearDuplicates} with near-duplicates` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(summary.vacancy.title)}<br>Folder ${escapeHtml(summary.dir)} · ${summary.total} files · screened ${escapeHtml(summary.startedAt.slice(0, 16).replace('T', ' '))} UTC in ${seconds(summary.elapsedMs)}${extra ? ` · ${escapeHtml(extra)}` : ''}</p>
<div class="counts">${badges}</div>
<h2>Files</h2>
<div class="tools" id="tools" hidden><label>Find <input id="filter" type="search"></label>
<label>Status <select id="status"><option value="">all</option>${(['fail', 'rejected', 'review', 'pass'] as const)
    .map((s) => `<option value="${s}">${STATUS_LABEL[s]}</option>`)
    .join('')}</select></label></div>
<table id="files"><thead><tr><th>File</th><th>Status</th><th>Pages</th><th>File name</th><th>Challenges</th><th>AI signals</th><th>Findings</th></tr></thead>
<tbody>
`;
}

function row(record: ScanRecord, n: number): string {
  const r = record.report;
  const challenges = r.challenges
    ? `${r.challenges.filter((c) => c.verdict === 'covered').length}/${r.challenges.length} covered`
    : '';
  const missing = r.challenges?.filter((c) => c.verdict !== 'covered').length ?? 0;
  const pages = r.pages ? `${r.pages.count} of ${r.pages.limit} (${r.pages.verdict})` : '';
  const findings =
    r.status === 'rejected' ? (r.error?.code ?? '') : String(r.findings.filter((f) => f.severity !== 'info').length);
  const status = escapeHtml(r.status);
  return (
    `<tr data-status="${status}"><td><a href="#f${n}">${escapeHtml(record.path)}</a></td>` +
    `<td data-v="${STATUS_ORDER[r.status] ?? -1}"><span class="badge ${status}">${escapeHtml(STATUS_LABEL[r.status])}</span></td>` +
    `<td class="num" data-v="${r.pages?.count ?? -1}">${escapeHtml(pages)}</td>` +
    `<td>${escapeHtml(r.filename?.verdict ?? '')}</td>` +
    `<td data-v="${r.challenges ? missing : -1}">${escapeHtml(challenges)}</td>` +
    `<td data-v="${r.ai ? (AI_ORDER[r.ai.level] ?? 0) : -1}">${escapeHtml(r.ai?.level ?? '')}</td>` +
    `<td class="num" data-v="${r.status === 'rejected' ? -1 : findings}">${escapeHtml(findings)}</td></tr>\n`
  );
}

function evidenceHtml(evidence: { paragraph: number; text: string; where?: string }[]): string {
  return evidence
    .map((e) => {
      const where = e.where ?? (e.paragraph > 0 ? `paragraph ${e.paragraph}` : '');
      return `<blockquote>${where ? `<span class="note">${escapeHtml(where)}:</span> ` : ''}${escapeHtml(e.text)}</blockquote>`;
    })
    .join('');
}

function detail(record: ScanRecord, n: number): string {
  const r = record.report;
  const facts: [string, string][] = [['Status', STATUS_LABEL[r.status]]];
  if (r.error) facts.push(['Not screened', `${r.error.code}: ${r.error.message}`]);
  if (r.pages)
    facts.push([
      'Pages',
      `${r.pages.count} of ${r.pages.limit} allowed (${r.pages.verdict})${r.pages.note ? `. ${r.pages.note}` : ''}`,
    ]);
  if (r.paper)
    facts.push(['Paper', `${r.paper.name} ${r.paper.orientation} (${r.paper.widthMm} × ${r.paper.heightMm} mm)`]);
  if (r.filename) facts.push(['File name', `${r.filename.verdict}: ${r.filename.message}`]);
  if (r.words !== undefined) facts.push(['Text', `${r.words} words${r.language ? `, language ${r.language}` : ''}`]);
  if (r.ai)
    facts.push([
      'AI signals',
      `${r.ai.level} (score ${r.ai.score.toFixed(2)})${r.ai.signals.length ? `: ${r.ai.signals.join(', ')}` : ''}`,
    ]);
  const dl = facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  const challenges = (r.challenges ?? [])
    .map(
      (c) =>
        `<li><strong>${escapeHtml(c.verdict)}</strong> (${c.score.toFixed(2)}) ${escapeHtml(c.text)}${evidenceHtml(c.evidence.slice(0, 2))}</li>`,
    )
    .join('');
  const findings = r.findings
    .filter((f) => r.status !== 'rejected' || f.rule !== 'intake')
    .map(
      (f) =>
        `<div class="finding"><span class="sev sev-${f.severity}">${escapeHtml(f.severity)}</span><strong>${escapeHtml(f.rule)}</strong>: ${escapeHtml(f.message)}` +
        `${f.actual || f.expected ? ` <span class="note">(${escapeHtml([f.actual, f.expected && `expected ${f.expected}`].filter(Boolean).join('; '))})</span>` : ''}` +
        `${evidenceHtml(f.evidence)}${f.note ? `<div class="note">${escapeHtml(f.note)}</div>` : ''}</div>`,
    )
    .join('');
  return `<section class="file" id="f${n}"><h3>${escapeHtml(record.path)} <span class="badge ${escapeHtml(r.status)}">${escapeHtml(STATUS_LABEL[r.status])}</span></h3>
<dl>${dl}</dl>${challenges ? `<h4>Key challenges</h4><ul>${challenges}</ul>` : ''}${findings ? `<h4>Findings</h4>${findings}` : ''}
<p class="note"><a href="#files">Back to the table</a></p></section>\n`;
}

export function htmlWriter(write: (text: string) => Promise<void>, summary: ScanSummary): ReportWriter {
  let n = 0;
  let spool: { dir: string; path: string; stream: NodeJS.WritableStream & { close(cb: () => void): void } } | undefined;
  const spoolWrite = async (text: string) => {
    if (!spool) {
      const dir = await mkdtemp(join(tmpdir(), 'essay-screen-html-'));
      const path = join(dir, 'details.html');
      spool = { dir, path, stream: createWriteStream(path) };
    }
    const stream = spool.stream;
    if (!stream.write(text)) await new Promise((resolve) => stream.once('drain', resolve));
  };
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await write(head(summary));
  };
  return {
    async write(record) {
      await start();
      n++;
      await write(row(record, n));
      await spoolWrite(detail(record, n));
    },
    async finish() {
      await start();
      await write('</tbody></table>\n<h2>Details</h2>\n');
      if (spool) {
        const { dir, path, stream } = spool;
        await new Promise<void>((resolve) => stream.close(() => resolve()));
        for await (const chunk of createReadStream(path, { encoding: 'utf8' })) await write(chunk as string);
        await rm(dir, { recursive: true, force: true });
      }
      await write(`<script>${SCRIPT}</script>\n</body></html>\n`);
    },
  };
}
