/** One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces; quotes doubled. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A text cell a spreadsheet would read as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe
 * (OWASP "CSV injection"). Only for free text: codes and numbers are written as they are.
 */
export function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

/** One CSV record, CRLF-terminated (RFC 4180); the cells are already encoded with csvField or csvText. */
export function csvRecord(cells: readonly string[]): string {
  return `${cells.join(",")}\r\n`;
}
