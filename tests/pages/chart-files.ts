import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** A chart saved to a file: what the browser was asked to download. */
export interface SavedChart {
  fileName: string;
  bytes: Buffer;
}

/** What an SVG file holds, read by the browser's own XML parser. */
export interface SvgContents {
  /** The parser's complaint, or null when the file is well-formed SVG. */
  parseError: string | null;
  rootName: string;
  width: number;
  height: number;
  title: string;
  texts: string[];
  /** Every stroked path's stroke colour (series lines, error bars, axes). */
  strokes: string[];
  /** Every filled path's fill colour (markers, bands, the page). */
  fills: string[];
  /** Stroked straight-segment paths (series lines, rules, error bars): colour and horizontal extent, px. */
  polylines: Array<{ stroke: string; width: number }>;
}

/** What a PNG file is, read from its bytes and by the browser's image decoder. */
export interface PngContents {
  signature: boolean;
  width: number;
  height: number;
  /** Pixels per inch from the pHYs chunk, or null without one. */
  dpi: number | null;
  /** The browser decoded it to a picture of this size. */
  decoded: { width: number; height: number };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The browser's own XML parser and image decoder, as the page functions
 * below use them: the tests compile without the DOM library, so the few
 * pieces read in the page are named here.
 */
interface XmlNode {
  nodeName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface XmlDocument {
  documentElement: XmlNode;
  querySelector(selector: string): XmlNode | null;
  querySelectorAll(selector: string): Iterable<XmlNode>;
}
interface BrowserReaders {
  DOMParser: new () => { parseFromString(text: string, type: 'image/svg+xml'): XmlDocument };
  createImageBitmap(image: unknown): Promise<{ width: number; height: number }>;
  Blob: new (parts: unknown[], options: { type: string }) => unknown;
}

/** The save controls under every chart (test id of the chart, then -save-png / -save-svg). */
export class ChartFiles {
  constructor(readonly page: Page) {}

  button(chart: Locator | Page, testid: string, format: 'png' | 'svg'): Locator {
    return chart.getByTestId(`${testid}-save-${format}`);
  }

  /** Presses a chart's save button from the keyboard and returns the file the browser downloaded. */
  async save(scope: Locator | Page, testid: string, format: 'png' | 'svg'): Promise<SavedChart> {
    const button = this.button(scope, testid, format);
    await button.focus();
    const downloading = this.page.waitForEvent('download');
    await this.page.keyboard.press('Enter');
    const download = await downloading;
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    await expect(button).toBeEnabled();
    return { fileName: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  /** Keeps a copy under test-results/chart-exports, to look at. */
  async keep(file: SavedChart): Promise<void> {
    const dir = join('test-results', 'chart-exports');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, file.fileName), file.bytes);
  }

  async readSvg(file: SavedChart): Promise<SvgContents> {
    return this.page.evaluate((text) => {
      const browser = globalThis as unknown as BrowserReaders;
      const doc = new browser.DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      const error = doc.querySelector('parsererror');
      const paths = [...doc.querySelectorAll('path, rect')];
      return {
        parseError: error ? (error.textContent ?? 'parse error') : null,
        rootName: root.nodeName,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        title: doc.querySelector('svg > title')?.textContent ?? '',
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
        strokes: paths.map((p) => p.getAttribute('stroke') ?? 'none').filter((s) => s !== 'none'),
        fills: paths.map((p) => p.getAttribute('fill') ?? 'none').filter((f) => f !== 'none'),
        polylines: [...doc.querySelectorAll('path')]
          .filter((p) => (p.getAttribute('stroke') ?? 'none') !== 'none' && /^[\sMLZ\d.,eE+-]+$/.test(p.getAttribute('d') ?? ''))
          .map((p) => {
            const numbers = (p.getAttribute('d') ?? '').match(/-?[\d.]+(?:e[+-]?\d+)?/gi)?.map(Number) ?? [];
            const xs = numbers.filter((_: number, i: number) => i % 2 === 0);
            return { stroke: p.getAttribute('stroke') ?? '', width: xs.length > 0 ? Math.max(...xs) - Math.min(...xs) : 0 };
          }),
      };
    }, file.bytes.toString('utf8'));
  }

  async readPng(file: SavedChart): Promise<PngContents> {
    const bytes = file.bytes;
    const signature = bytes.subarray(0, 8).equals(PNG_SIGNATURE);
    let dpi: number | null = null;
    for (let at = 8; at + 8 <= bytes.length; ) {
      const length = bytes.readUInt32BE(at);
      const type = bytes.toString('latin1', at + 4, at + 8);
      if (type === 'pHYs' && bytes[at + 16] === 1) dpi = Math.round(bytes.readUInt32BE(at + 8) * 0.0254);
      at += 12 + length;
    }
    const decoded = await this.page.evaluate(async (base64) => {
      const browser = globalThis as unknown as BrowserReaders;
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await browser.createImageBitmap(new browser.Blob([data], { type: 'image/png' }));
      return { width: bitmap.width, height: bitmap.height };
    }, bytes.toString('base64'));
    return { signature, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), dpi, decoded };
  }
}
