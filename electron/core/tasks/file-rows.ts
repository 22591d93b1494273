/**
 * Rows of a task file, each with the line it starts on, and the problems met
 * while reading them (a line that is not JSON, a CSV row with a stray quote).
 * Nothing is skipped without being reported: the caller fails the whole spec
 * when any problem is listed.
 *
 * JSONL is one JSON object per line, read with JSON.parse (blank lines are
 * not rows). CSV goes through csv-parse, a maintained parser that handles
 * RFC 4180 quoting (commas, quotes and newlines inside quoted values) and
 * byte-order marks, which hand-written splitting gets wrong; its first row
 * names the columns.
 */
import { parse } from 'csv-parse/sync';

export type TaskFileFormat = 'jsonl' | 'csv';

export interface FileRow {
  /** Line the row starts on, from 1. */
  line: number;
  /** Column (or key) → value: strings for CSV, any JSON value for JSONL. */
  values: Record<string, unknown>;
}

export interface RowProblem {
  line: number;
  problem: string;
}

export interface ReadRows {
  rows: FileRow[];
  problems: RowProblem[];
  /** CSV: the header's column names; JSONL: null (each object names its own). */
  header: string[] | null;
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

export function readJsonl(text: string): ReadRows {
  const rows: FileRow[] = [];
  const problems: RowProblem[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((content, i) => {
      if (content.trim() === '') return;
      const line = i + 1;
      let value: unknown;
      try {
        value = JSON.parse(content);
      } catch (error) {
        problems.push({ line, problem: `is not valid JSON (${(error as Error).message}); each line must be one JSON object such as {"question": "…", "answer": "…"}` });
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push({ line, problem: `is ${describeJson(value)}, not a JSON object such as {"question": "…", "answer": "…"}` });
        return;
      }
      rows.push({ line, values: value as Record<string, unknown> });
    });
  return { rows, problems, header: null };
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** The line a record starts on: csv-parse reports the line it ends on, and a quoted value may hold newlines. */
function startLine(record: CsvRecord): number {
  const inner = record.record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
  return record.info.lines - inner;
}

export function readCsv(text: string): ReadRows {
  const problems: RowProblem[] = [];
  // One kind of line break, so line numbers count the same in every file and multi-line values read the same.
  const records = parse(text.replace(/\r\n?/g, '\n'), {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // A record csv-parse cannot read is reported here, never dropped unseen.
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) problems.push({ line: Number(error.lines), problem: `cannot be read as CSV: ${error.message.replace(/ at line \d+/, '')}` });
    },
  }) as unknown as CsvRecord[];
  const [head, ...body] = records;
  if (!head) return { rows: [], problems, header: [] };
  const header = head.record.map((name) => name.trim());
  const rows: FileRow[] = [];
  for (const record of body) {
    const line = startLine(record);
    if (record.record.length !== header.length) {
      problems.push({ line, problem: `has ${record.record.length} values but the header (line 1) names ${header.length} columns; a value holding a comma must be in double quotes` });
      continue;
    }
    rows.push({ line, values: Object.fromEntries(header.map((name, i) => [name, record.record[i]])) });
  }
  return { rows, problems, header };
}

export function readRows(text: string, format: TaskFileFormat): ReadRows {
  return format === 'csv' ? readCsv(text) : readJsonl(text);
}
