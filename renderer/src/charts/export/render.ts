/**
 * Draws a chart into a file: PNG through an offscreen canvas at print
 * resolution, SVG through svgcanvas, a 2D context that records each drawing
 * call as an SVG element. Both draw the same chart.js configuration the
 * screen shows (plugins such as the error bars included), so the file is the
 * figure on screen, not a re-drawing of it. Needs a DOM.
 */
import { Chart, type ChartConfiguration } from 'chart.js';
import { Element as SvgCanvasElement } from 'svgcanvas';
import { registerCharts } from '../register';
import { printableConfig, type FigureLabels } from './printable-config';
import { withResolution } from './png-resolution';

export interface FigureSize {
  width: number;
  height: number;
}

/** CSS pixels per inch. */
const SCREEN_DPI = 96;
/** Print resolution: the chart keeps its on-screen size in inches and gets 300 pixels to each. */
export const PRINT_DPI = 300;

const SVG_NS = 'http://www.w3.org/2000/svg';

export async function renderPng(
  config: ChartConfiguration,
  labels: FigureLabels,
  size: FigureSize,
  dpi = PRINT_DPI,
): Promise<Blob> {
  registerCharts();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size.width);
  canvas.height = Math.round(size.height);
  const chart = new Chart(canvas, printableConfig(config, labels, dpi / SCREEN_DPI));
  try {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error(`the browser could not encode a ${canvas.width} × ${canvas.height} picture as PNG`);
    const marked = withResolution(new Uint8Array(await blob.arrayBuffer()), dpi);
    return new Blob([marked.slice().buffer], { type: 'image/png' });
  } finally {
    chart.destroy();
  }
}

export function renderSvg(
  config: ChartConfiguration,
  labels: FigureLabels,
  size: FigureSize,
  description: string,
): Blob {
  registerCharts();
  const width = Math.round(size.width);
  const height = Math.round(size.height);
  const element = new SvgCanvasElement({ width, height });
  // chart.js takes any object with getContext('2d') as its canvas on the basic platform.
  const chart = new Chart(element as unknown as HTMLCanvasElement, printableConfig(config, labels, 1));
  try {
    const svg = element.ctx.getSvg();
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = labels.subtitle ? `${labels.title} (${labels.subtitle})` : labels.title;
    const desc = document.createElementNS(SVG_NS, 'desc');
    desc.textContent = description;
    svg.insertBefore(desc, svg.firstChild);
    svg.insertBefore(title, svg.firstChild);
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
    return new Blob([text], { type: 'image/svg+xml' });
  } finally {
    // Destroying clears the recording context, so only after the SVG is written out.
    chart.destroy();
  }
}
