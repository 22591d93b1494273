/**
 * Saves a drawing the app already makes as SVG (the rounds of a run): the
 * same element, copied with a white page and the figure's title and source
 * written above it, as an SVG file or drawn into a PNG at print resolution.
 * The drawing must carry its look in attributes, not in style sheets, for
 * the copy to look the same on its own. Needs a DOM.
 */
import type { FigureLabels } from './printable-config';
import { withResolution } from './png-resolution';
import { PRINT_DPI } from './render';

const SVG_NS = 'http://www.w3.org/2000/svg';
const HEADER = 48;
const MARGIN = 12;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

function text(content: string, x: number, y: number, size: number, weight: string, fill: string): SVGTextElement {
  const node = document.createElementNS(SVG_NS, 'text');
  node.setAttribute('x', String(x));
  node.setAttribute('y', String(y));
  node.setAttribute('font-size', String(size));
  node.setAttribute('font-weight', weight);
  node.setAttribute('font-family', FONT);
  node.setAttribute('fill', fill);
  node.textContent = content;
  return node;
}

/** The drawing as a standalone SVG document (text), titled. */
export function svgFigureText(drawing: SVGSVGElement, labels: FigureLabels, description: string): { text: string; width: number; height: number } {
  const width = Number(drawing.getAttribute('width')) || drawing.clientWidth;
  const height = Number(drawing.getAttribute('height')) || drawing.clientHeight;
  const total = { width: width + 2 * MARGIN, height: height + HEADER + MARGIN };
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(total.width));
  root.setAttribute('height', String(total.height));
  root.setAttribute('viewBox', `0 0 ${total.width} ${total.height}`);
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = labels.subtitle ? `${labels.title} (${labels.subtitle})` : labels.title;
  const desc = document.createElementNS(SVG_NS, 'desc');
  desc.textContent = description;
  const page = document.createElementNS(SVG_NS, 'rect');
  page.setAttribute('width', '100%');
  page.setAttribute('height', '100%');
  page.setAttribute('fill', '#ffffff');
  root.append(title, desc, page, text(labels.title, MARGIN, 22, 15, 'bold', '#36404d'));
  if (labels.subtitle) root.append(text(labels.subtitle, MARGIN, 40, 12, 'normal', '#6b7480'));
  const copy = drawing.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('x', String(MARGIN));
  copy.setAttribute('y', String(HEADER));
  copy.setAttribute('font-family', FONT);
  for (const attribute of ['role', 'aria-label', 'tabindex', 'class', 'data-testid']) copy.removeAttribute(attribute);
  root.append(copy);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`, ...total };
}

export function renderSvgFigure(drawing: SVGSVGElement, labels: FigureLabels, description: string): Blob {
  return new Blob([svgFigureText(drawing, labels, description).text], { type: 'image/svg+xml' });
}

export async function renderSvgFigurePng(drawing: SVGSVGElement, labels: FigureLabels, description: string, dpi = PRINT_DPI): Promise<Blob> {
  const figure = svgFigureText(drawing, labels, description);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(figure.text)}`;
  await image.decode();
  const scale = dpi / 96;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(figure.width * scale);
  canvas.height = Math.round(figure.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('the browser gave no 2D canvas to draw on');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error(`the browser could not encode a ${canvas.width} × ${canvas.height} picture as PNG`);
  return new Blob([withResolution(new Uint8Array(await blob.arrayBuffer()), dpi).slice().buffer], { type: 'image/png' });
}
