/** A host URL as the lab keys hosts (as OLLAMA_HOST is read), for comparing a spec's host with an event's. */
export function hostKey(raw: string): string {
  const text = raw.trim();
  try {
    const url = new URL(/^https?:\/\//i.test(text) ? text : `http://${text}`);
    if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
    if (!url.port && url.protocol === 'http:' && !/:\d+$/.test(text)) url.port = '11434';
    return url.origin;
  } catch {
    return text;
  }
}
