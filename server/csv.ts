/**
 * CSV as RFC 4180 writes it (https://www.rfc-editor.org/rfc/rfc4180): fields with a comma, quote or
 * line break are quoted, quotes doubled, lines end with CRLF. Small enough not to need a library.
 */

/**
 * Spreadsheet programs run a cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage return
 * before one) as a formula, so an exported passage could execute. Such a cell gets a leading `'`,
 * which spreadsheets hide and treat as "this is text".
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A comment line above or below the table (`# name: value`), for the export's stamp and notices. */
export function csvComment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}\r\n`;
}
