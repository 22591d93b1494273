/**
 * A chart's configuration as it is drawn into a file rather than on screen:
 * the same datasets, scales and plugins, with the figure's title and the
 * experiment written into the picture, a white page behind it, a fixed size
 * at a given pixel ratio, and nothing that only makes sense on screen
 * (animation, tooltips, resize observers, pointer events). Pure: the config
 * handed in is not changed.
 */
import { BasicPlatform, type ChartConfiguration, type ChartOptions, type Plugin } from 'chart.js';
import { INK, MUTED_INK } from '../palette';

export interface FigureLabels {
  title: string;
  /** The experiment the figure comes from, written under the title; null to leave it out. */
  subtitle: string | null;
}

/** Height the title and subtitle take above the plot, px (added to the on-screen height so the plot keeps its size). */
export const TITLE_ROOM = 72;

/** A white page: a canvas is transparent, and a transparent figure prints on whatever lies behind it. */
export const paperBackground: Plugin = {
  id: 'quorumPaperBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** A margin round the figure, px: on screen the panel gives one, on paper nothing does. */
const MARGIN = 12;

/**
 * The chart's own padding above the plot is room for labels drawn over its
 * top edge (a rule's name); with a title above it must stay between the
 * title and the plot, so it moves under the title.
 */
function paddingAbovePlot(options: ChartOptions): number {
  const padding = options.layout?.padding;
  if (typeof padding === 'number') return padding;
  if (padding && typeof padding === 'object' && 'top' in padding && typeof padding.top === 'number') return padding.top;
  return 0;
}

function paddingRight(options: ChartOptions): number {
  const padding = options.layout?.padding;
  if (typeof padding === 'number') return padding;
  if (padding && typeof padding === 'object' && 'right' in padding && typeof padding.right === 'number') return padding.right;
  return 0;
}

export function printableConfig(config: ChartConfiguration, labels: FigureLabels, pixelRatio: number): ChartConfiguration {
  const options: ChartOptions = config.options ?? {};
  const underTitle = 10 + paddingAbovePlot(options);
  const datasets = config.data.datasets.map((dataset) => {
    // chart.js strokes a line through a cached Path2D unless the dataset has
    // segment styles; an SVG-recording context cannot read a Path2D, so an
    // (empty) segment option makes it stroke the path call by call.
    const copy = { ...dataset, data: [...dataset.data] } as typeof dataset & { segment?: object };
    copy.segment = {};
    return copy;
  });
  return {
    ...config,
    data: { ...config.data, datasets },
    plugins: [paperBackground, ...(config.plugins ?? [])],
    platform: BasicPlatform,
    options: {
      ...options,
      responsive: false,
      maintainAspectRatio: false,
      animation: false,
      devicePixelRatio: pixelRatio,
      events: [],
      layout: { padding: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: Math.max(MARGIN, paddingRight(options)) } },
      plugins: {
        ...options.plugins,
        title: { display: true, text: labels.title, color: INK, align: 'start', font: { size: 15, weight: 'bold' }, padding: { top: 0, bottom: labels.subtitle ? 2 : underTitle } },
        subtitle: { display: labels.subtitle !== null, text: labels.subtitle ?? '', color: MUTED_INK, align: 'start', font: { size: 12 }, padding: { bottom: underTitle } },
        tooltip: { enabled: false },
      },
    },
  };
}
