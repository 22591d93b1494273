/**
 * Stands in for codemirror-json-schema's markdown renderer (see
 * electron.vite.config.ts). The library renders schema descriptions as
 * markdown with markdown-it and shiki, which starts a highlighter and fetches
 * themes and a grammar the moment the editor loads. Our descriptions are
 * plain text, so they are shown as text: escaped, never interpreted as HTML.
 */
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function renderMarkdown(text: string, inline = true): string {
  const escaped = text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
  return inline ? escaped : `<p>${escaped}</p>`;
}
