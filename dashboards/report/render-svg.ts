// Server-side rendering of one chart: Vega-Lite → Vega → SVG with vega's headless View (no canvas
// needed for SVG). The rows go in as the spec's named datasets, exactly as the pages do it.
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import type { ChartRow } from '../data/chart-rows.ts';
import type { Spec } from '../specs/common.ts';

export interface RenderedChart {
  readonly svg: string;
  /** Vega-Lite's warnings while compiling: empty for a healthy spec. */
  readonly warnings: readonly string[];
}

export async function renderSvg(spec: Spec, datasets: Record<string, ChartRow[]>): Promise<RenderedChart> {
  const warnings: string[] = [];
  const logger = {
    level(_?: number) {
      return logger as never;
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
    error(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
  };
  const vega = compile({ ...spec, datasets } as Spec, { logger }).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    await view.runAsync();
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}
