/**
 * A minimal Server-Sent Events reader for streamed chat completions. It
 * follows the parts of the SSE spec the servers actually use: `data:` lines
 * (several make one event, joined by "\n"), a blank line ends an event, and
 * lines starting with ":" are comments (some proxies send them as
 * keep-alives). `event:`/`id:`/`retry:` fields are ignored: chat completions
 * put everything in `data`. Bytes are decoded with a streaming decoder
 * because a multi-byte character may be split across network reads.
 */

/** Yields each event's data, in order, as the bytes arrive. */
export async function* readSseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // CR, LF and CRLF all end a line; keep a trailing CR until we know whether LF follows.
      let match: RegExpExecArray | null;
      const lineEnd = /\r\n|\n|\r(?=[^\n])/g;
      let consumed = 0;
      while ((match = lineEnd.exec(buffer)) !== null) {
        const line = buffer.slice(consumed, match.index);
        consumed = match.index + match[0].length;
        if (line === '') {
          if (data.length > 0) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
        // Comments (":…") and other fields need nothing from us.
      }
      buffer = buffer.slice(consumed);
      if (done) break;
    }
    // Lenient about a missing final blank line: a server that closes right after its last event still delivered it.
    const tail = buffer.replace(/\r$/, '');
    if (tail.startsWith('data:')) data.push(tail.slice(tail.startsWith('data: ') ? 6 : 5));
    if (data.length > 0) yield data.join('\n');
  } finally {
    reader.releaseLock();
  }
}
