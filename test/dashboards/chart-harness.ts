// Test helpers for chart specs: compile with Vega-Lite collecting every warning, render to SVG
// with rows, count the marks drawn, and walk a spec for the properties every chart must have.
import { compile } from 'vega-lite';
import type { ChartRow } from '../../dashboards/data/chart-rows.ts';
import type { Spec } from '../../dashboards/specs/common.ts';
import { renderSvg } from '../../dashboards/report/render-svg.ts';

export function compileWarnings(spec: Spec): string[] {
  const warnings: string[] = [];
  const logger = {
    level() {
      return logger as never;
    },
    warn(...args: unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
    error(...args: unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
  };
  compile(spec, { logger });
  return warnings;
}

/** Items of data marks in the SVG (what the browser tests count too): paths, texts, lines… */
export function countSvgMarks(svg: string): number {
  let count = 0;
  const groups = svg.matchAll(/<g class="mark-[a-z]+ role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/g);
  for (const group of groups)
    count += (group[1]?.match(/<(path|text|line|rect|circle|image)\b/g) ?? []).length;
  return count;
}

export async function render(spec: Spec, datasets: Record<string, ChartRow[]>) {
  const { svg, warnings } = await renderSvg(spec, datasets);
  return { svg, warnings, marks: countSvgMarks(svg) };
}

/** Every value under `key` anywhere in a JSON-like tree. */
export function collect(node: unknown, key: string, found: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const item of node) collect(item, key, found);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) found.push(v);
      collect(v, key, found);
    }
  }
  return found;
}

/** Every #rrggbb colour written anywhere in a spec. */
export function hexColours(spec: unknown): string[] {
  return [...new Set(JSON.stringify(spec).match(/#[0-9A-Fa-f]{6}\b/g) ?? [])].map((c) => c.toUpperCase());
}
