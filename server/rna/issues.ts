/** What the rejected-rows file reports: rows left out (errors) and rows imported with a doubt (warnings). */
export type IssueSeverity = "error" | "warning";

export type IssueReason =
  // errors: the row is not imported
  | "MALFORMED_RECORD" | "COLUMN_COUNT" | "INVALID_RNA" | "MISSING_NAME"
  // warnings: the row is imported, the value named is left out or adjusted as said
  | "DUPLICATE" | "UNKNOWN_INSEE_CODE" | "MISSING_INSEE_CODE" | "INVALID_POSTAL_CODE" | "INVALID_DATE" | "DATES_INCONSISTENT"
  | "INVALID_SIRET" | "SIRET_CONFLICT" | "INVALID_THEME_CODE" | "UNKNOWN_THEME" | "UNKNOWN_GROUPING" | "UNKNOWN_POSITION"
  | "TRUNCATED" | "ENCODING";

export interface RowIssue {
  line: number;
  /** Column of the file concerned, when one is. */
  column: string | null;
  severity: IssueSeverity;
  reason: IssueReason;
  /** The value concerned, as read (cut to 200 characters). */
  value: string | null;
  message: string;
}

export function issue(line: number, severity: IssueSeverity, reason: IssueReason, column: string | null, value: string | null, message: string): RowIssue {
  return { line, column, severity, reason, value: value === null ? null : value.length > 200 ? `${value.slice(0, 200)}…` : value, message };
}
