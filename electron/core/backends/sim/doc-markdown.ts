/**
 * Markdown for the generated parts of docs/sim-backend.md: tables, and the
 * marker comments that fence each generated block so the rest of the page
 * stays hand-written.
 */

export interface Column {
  header: string;
  /** Right-align numbers. */
  numeric?: boolean;
}

export function markdownTable(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>): string {
  const head = `| ${columns.map((c) => c.header).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.numeric ? '---:' : '---')).join('|')}|`;
  return [head, rule, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

const start = (key: string): string => `<!-- sim-docs:${key}:start -->`;
const end = (key: string): string => `<!-- sim-docs:${key}:end -->`;

/** The generated block `key` of `doc`, or null when its markers are missing. */
export function generatedBlock(doc: string, key: string): string | null {
  const from = doc.indexOf(start(key));
  const to = doc.indexOf(end(key));
  if (from < 0 || to < from) return null;
  return doc.slice(from + start(key).length, to).trim();
}

/** `doc` with every block in `blocks` replaced; throws when a block has no markers (the page would silently drift). */
export function withGeneratedBlocks(doc: string, blocks: Readonly<Record<string, string>>): string {
  let out = doc;
  for (const [key, content] of Object.entries(blocks)) {
    const from = out.indexOf(start(key));
    const to = out.indexOf(end(key));
    if (from < 0 || to < from) throw new Error(`docs/sim-backend.md has no ${start(key)} … ${end(key)} markers`);
    out = `${out.slice(0, from + start(key).length)}\n${content}\n${out.slice(to)}`;
  }
  return out;
}
