/** The readable per-file summary `essay-screen check` prints without --json. */
import type { Report } from '../report/schema.js';

const clip = (text: string, max = 90): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function formatSummary(report: Report): string {
  const lines = [`${report.file}  ${report.status.toUpperCase()}`];
  if (report.status === 'rejected' && report.error) {
    lines.push(`  rejected    ${report.error.code}: ${report.error.message}`);
    return lines.join('\n');
  }
  if (report.pages) {
    const p = report.pages;
    const extra = [
      p.source,
      p.countOnRequiredPaper !== undefined ? `${p.countOnRequiredPaper} on required paper` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`  pages       ${p.count} of ${p.limit} allowed: ${p.verdict}${extra ? ` (${extra})` : ''}`);
  }
  if (report.paper)
    lines.push(
      `  paper       ${report.paper.name} ${report.paper.orientation} (${report.paper.widthMm} × ${report.paper.heightMm} mm)`,
    );
  if (report.filename) lines.push(`  filename    ${report.filename.verdict}: ${report.filename.message}`);
  lines.push(`  text        ${report.words ?? 0} words, language ${report.language ?? 'unknown'}`);
  for (const c of report.challenges ?? []) {
    lines.push(`  challenge ${c.id} ${c.verdict.padEnd(8)} ${c.score.toFixed(2)}  ${clip(c.text, 70)}`);
  }
  if (report.ai) {
    const signals = report.ai.signals.length ? `: ${report.ai.signals.join(', ')}` : '';
    lines.push(`  AI signals  ${report.ai.level} (score ${report.ai.score.toFixed(2)})${signals}`);
  }
  const findings = report.findings.filter((f) => f.rule !== 'filename' || f.severity !== 'info');
  if (findings.length) {
    lines.push('  findings');
    for (const f of findings) {
      lines.push(`    ${f.severity.padEnd(7)} ${f.rule.padEnd(20)} ${clip(f.message)}`);
      for (const e of f.evidence.slice(0, 2)) {
        const where = e.where ?? (e.paragraph > 0 ? `¶${e.paragraph}` : '');
        if (e.text) lines.push(`${' '.repeat(37)}${where ? `${where}: ` : ''}"${clip(e.text, 70)}"`);
      }
    }
  }
  return lines.join('\n');
}
