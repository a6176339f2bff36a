// Spreadsheet I/O for agency ledgers (台账) in and query results out: .xlsx through exceljs, .csv through
// csv-parse/csv-stringify, and the normalisation of what clerks type (cells.ts).
export type { CellValue, Sheet, Table } from './types';
export { readTable, readTableFromBuffer, tableKindOf, decodeText, type TableKind } from './read';
export { workbookBuffer, csvBuffer, writeTable, neutralise, chinaDateText } from './write';
export { normaliseText, parseDate, parseNumber, parseBoolean, splitList, type Parsed } from './cells';
