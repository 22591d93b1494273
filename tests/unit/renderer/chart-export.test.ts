/** Saving a chart: the file's name, the PNG's print resolution, and the configuration drawn into the file. */
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ChartConfiguration } from 'chart.js';
import { buildAccuracyChart } from '../../../renderer/src/charts/accuracy-chart';
import { buildFitChart } from '../../../renderer/src/charts/fit-chart';
import { chartFileName, slug } from '../../../renderer/src/charts/export/file-name';
import { paperBackground, printableConfig } from '../../../renderer/src/charts/export/printable-config';
import { crc32, hasPngSignature, withResolution } from '../../../renderer/src/charts/export/png-resolution';

describe('file names', () => {
  it('joins the figure title and the experiment as words a file system takes', () => {
    expect(chartFileName('Speedup by team size', 'Paper: Amdahl (sim)', 'svg')).toBe('speedup-by-team-size--paper-amdahl-sim.svg');
    expect(chartFileName('USL: speed of vote (majority) on sim:default', 'Café teams', 'png')).toBe('usl-speed-of-vote-majority-on-sim-default--cafe-teams.png');
  });

  it('leaves the experiment out when the chart has none, and falls back to "chart" for a title of symbols', () => {
    expect(chartFileName('Rounds', null, 'png')).toBe('rounds.png');
    expect(chartFileName('→ ×', null, 'svg')).toBe('chart.svg');
  });

  it('cuts a long title at a word boundary', () => {
    const long = slug('The speedup of every team size against Amdahl for each model and mode and parallel fraction');
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toBe('the-speedup-of-every-team-size-against-amdahl-for-each-model');
  });

  it('keeps apart the panels of one figure, whose titles differ only at the end', () => {
    const panel = (which: string): string => chartFileName(`Speedup over one agent (the paper's) — paper:claude-sonnet-4-6 · ${which}`, 'Paper: claude-sonnet-4-6', 'svg');
    expect(panel('pre-assigned')).toBe('speedup-over-one-agent-the-paper-s-paper-claude-sonnet-4-6-pre-assigned--paper-claude-sonnet-4-6.svg');
    expect(panel('self-claim (decentralized)')).not.toBe(panel('pre-assigned'));
    const long = chartFileName('word '.repeat(100), 'experiment '.repeat(100), 'png');
    expect(long.length).toBeLessThanOrEqual(120 + 2 + 60 + 4);
  });
});

/** A minimal valid PNG (1 × 1, grey), with an IHDR, one IDAT and IEND, built here with zlib's own CRC. */
function tinyPng(extra: Array<[string, Buffer]> = []): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlibCrc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const idat = Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), ...extra.map(([t, d]) => chunk(t, d)), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]),
  );
}

interface Chunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}
function chunks(png: Uint8Array): Chunk[] {
  const bytes = Buffer.from(png);
  const out: Chunk[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crcOk: bytes.readUInt32BE(at + 8 + length) === zlibCrc32(bytes.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

describe('PNG print resolution', () => {
  it('computes the CRC a PNG reader checks', () => {
    for (const text of ['', 'IEND', 'pHYs and some data']) expect(crc32(new Uint8Array(Buffer.from(text)))).toBe(zlibCrc32(Buffer.from(text)));
  });

  it('adds a pHYs chunk of 300 dpi right after the header, with a valid CRC, keeping every other chunk', () => {
    const marked = withResolution(tinyPng(), 300);
    expect(hasPngSignature(marked)).toBe(true);
    const list = chunks(marked);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(list.every((c) => c.crcOk)).toBe(true);
    const phys = list[1]!.data;
    expect(phys.readUInt32BE(0)).toBe(11811); // 300 / 0.0254, pixels per metre
    expect(phys.readUInt32BE(4)).toBe(11811);
    expect(phys[8]).toBe(1);
  });

  it('replaces a resolution the PNG already had, and refuses what is not a PNG', () => {
    const old = Buffer.from([0, 0, 0x0e, 0xc4, 0, 0, 0x0e, 0xc4, 1]);
    const list = chunks(withResolution(tinyPng([['pHYs', old]]), 300));
    expect(list.filter((c) => c.type === 'pHYs')).toHaveLength(1);
    expect(list.find((c) => c.type === 'pHYs')!.data.readUInt32BE(0)).toBe(11811);
    expect(() => withResolution(new Uint8Array([1, 2, 3]), 300)).toThrow(/PNG signature/);
  });
});

describe('the configuration drawn into a file', () => {
  const accuracy = buildAccuracyChart([
    { label: 'single', structure: 'single', points: [{ size: 1, accuracy: 0.7, ciLow: 0.6, ciHigh: 0.8, trials: 30, noAnswer: 0, failed: 0 }] },
    {
      label: 'vote',
      structure: 'vote',
      points: [
        { size: 3, accuracy: 0.75, ciLow: 0.65, ciHigh: 0.85, trials: 30, noAnswer: 0, failed: 0 },
        { size: 5, accuracy: 0.8, ciLow: 0.7, ciHigh: 0.9, trials: 30, noAnswer: 0, failed: 0 },
      ],
    },
  ]).config as unknown as ChartConfiguration;
  const printable = printableConfig(accuracy, { title: 'Accuracy by team size', subtitle: 'Votes' }, 300 / 96);

  it('writes the title and the experiment into the picture, draws once at the given pixel ratio, without tooltips or events', () => {
    expect(printable.options?.plugins?.title).toMatchObject({ display: true, text: 'Accuracy by team size' });
    expect(printable.options?.plugins?.subtitle).toMatchObject({ display: true, text: 'Votes' });
    expect(printable.options?.plugins?.tooltip).toMatchObject({ enabled: false });
    expect(printable.options).toMatchObject({ responsive: false, animation: false, devicePixelRatio: 300 / 96, events: [] });
    expect(printable.plugins?.[0]).toBe(paperBackground);
    // The screen's own plugins (the error bars) are still drawn.
    expect(printable.plugins).toEqual(expect.arrayContaining(accuracy.plugins ?? []));
    expect(printableConfig(accuracy, { title: 'T', subtitle: null }, 1).options?.plugins?.subtitle).toMatchObject({ display: false });
  });

  it('keeps the data and the legend, and strokes lines call by call (an SVG context cannot read a Path2D)', () => {
    expect(printable.data.datasets.map((d) => d.label)).toEqual(accuracy.data.datasets.map((d) => d.label));
    expect(printable.data.datasets.map((d) => d.data)).toEqual(accuracy.data.datasets.map((d) => d.data));
    for (const dataset of printable.data.datasets) expect(dataset).toHaveProperty('segment', {});
    expect(printable.options?.plugins?.legend).toBe(accuracy.options?.plugins?.legend);
    expect(printable.options?.scales).toBe(accuracy.options?.scales);
  });

  it('leaves the on-screen configuration as it was', () => {
    expect(accuracy.options?.animation).not.toBe(false);
    expect(accuracy.data.datasets.some((d) => 'segment' in d)).toBe(false);
    expect(accuracy.options?.plugins?.title).toBeUndefined();
  });

  it("moves room kept above the plot for a rule's label under the title", () => {
    const fit = buildFitChart({
      series: [{ label: 'Amdahl', curve: [{ n: 1, value: 1, low: 1, high: 1 }, { n: 4, value: 2, low: 1.8, high: 2.2 }], measured: [] }],
      rules: [{ label: 'ceiling', short: 'max', orientation: 'horizontal', value: 2.5 }],
      y: { title: 'Speedup', format: String, step: 0.25 },
    }).config as unknown as ChartConfiguration;
    const printed = printableConfig(fit, { title: 'Amdahl', subtitle: 'E' }, 1);
    expect(printed.options?.plugins?.subtitle).toMatchObject({ padding: { bottom: 10 + 24 } });
  });
});
