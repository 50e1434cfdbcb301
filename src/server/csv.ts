/**
 * CSV for spreadsheets, safe against formula injection: a cell a candidate controls (a file name,
 * a note) that starts with = + - @ or a tab / carriage return would run as a formula in Excel or
 * LibreOffice, so it is prefixed with an apostrophe (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
