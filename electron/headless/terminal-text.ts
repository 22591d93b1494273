/**
 * Text from a spec, a database or a server, made safe to print on a terminal.
 * An experiment name can hold escape sequences (that move the cursor, retitle
 * the window or hide what follows) and bidirectional overrides (that make
 * text read differently from what it is). They are replaced with visible
 * escapes, so what is printed is what is stored.
 */

// C0 controls but tab and newline, DEL, and C1 controls (ESC, CSI and OSC start sequences among them).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Bidirectional marks, embeddings, overrides and isolates.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

function escaped(char: string): string {
  return `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`;
}

/** One line of untrusted text: controls and bidi characters escaped, and line breaks too. */
export function printable(text: string): string {
  return text.replace(CONTROL, escaped).replace(BIDI, escaped).replace(/[\t\n]/g, ' ');
}

/** A message of several lines (an error with its issues): line breaks kept, everything else as `printable`. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}
