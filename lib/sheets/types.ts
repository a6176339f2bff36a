/** A value in a cell as read or written. */
export type CellValue = string | number | boolean | Date | null;

/** One sheet to write: a name (≤ 31 chars, Excel's limit; []:*?/\ are replaced), a header row, rows. */
export interface Sheet {
  name: string;
  header: string[];
  /**
   * A Date is an instant and is shown in China time (UTC+8), as a date alone when it is midnight in China or
   * midnight UTC (how lib/scalars.ts reads a plain date), else with hours and minutes.
   */
  rows: CellValue[][];
}

/**
 * A table as read from a file: the header cells (text, trimmed by normaliseText) and the data rows with their line in
 * the file (1-based, as Excel or a text editor shows it; a record spanning lines has its first line). Wholly empty
 * rows are skipped, and so are empty cells after a row's last value: read a missing cell as null.
 * An .xlsx date comes as exceljs gives it: a Date whose UTC fields are the date and time shown in Excel; parseDate
 * reads it as China time.
 */
export interface Table {
  header: string[];
  rows: { line: number; cells: CellValue[] }[];
  /** The text encoding a CSV file was read in; absent for .xlsx. */
  encoding?: 'utf-8' | 'gb18030';
}
