/**
 * Types for svgcanvas (a maintained fork of canvas2svg), which ships none:
 * only the parts the chart export uses. Its Element stands in for a canvas
 * element; its Context records every 2D drawing call as SVG.
 */
declare module 'svgcanvas' {
  export interface SvgCanvasOptions {
    width: number;
    height: number;
    document?: Document;
  }

  export class Context {
    constructor(options: SvgCanvasOptions);
    /** The root <svg> element the drawing calls have built. */
    getSvg(): SVGSVGElement;
    getSerializedSvg(fixNamedEntities?: boolean): string;
  }

  export class Element {
    constructor(options: SvgCanvasOptions);
    readonly ctx: Context;
    readonly svg: SVGSVGElement;
    width: number;
    height: number;
    getContext(type: '2d'): Context;
  }
}
