// Vega-Lite → Vega on the server, once per page model: browsers then load only vega (no
// vega-lite bundle to parse, no compile per chart), which is most of the first chart's time.
import type { Spec as VegaSpec } from 'vega';
import { compile } from 'vega-lite';
import type { Spec } from './common.ts';

/**
 * Charts that follow their column's width keep one band per row, which Vega-Lite notes as
 * "Dropping fit-y"; that is the intent. Every other warning fails the spec unit tests instead.
 */
const silent = {
  level(_?: number) {
    return silent as never;
  },
  warn() {
    return silent;
  },
  info() {
    return silent;
  },
  debug() {
    return silent;
  },
  error() {
    return silent;
  },
};

export function toVega(spec: Spec): VegaSpec {
  return compile(spec, { logger: silent }).spec;
}
