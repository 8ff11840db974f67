// Colours for every chart: the Okabe–Ito palette (distinguishable with the common colour-vision
// deficiencies and in greyscale print), viridis for ordered scales, one grey for "too few reports".

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/** Categorical order that avoids yellow (weak on white) until the eighth category. */
export const CATEGORICAL = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.vermillion,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
] as const;

/** Ordered things (levels, shares) use viridis: perceptually uniform and colour-blind safe. */
export const SEQUENTIAL_SCHEME = 'viridis';

/** Greys for text, rules and grid lines: no data is encoded in them. */
export const NEUTRAL = { text: '#555555', rule: '#999999', grid: '#E8E8E8' } as const;

export const SUPPRESSED_GREY = '#8C8C8C';
export const SUPPRESSED_FILL = '#E3E3E3';

/** Scraper-defence decisions: calm blue for allow, rising warmth with severity. */
export const DECISION_COLOURS = {
  allow: OKABE_ITO.blue,
  throttle: OKABE_ITO.orange,
  challenge: OKABE_ITO.reddishPurple,
  block: OKABE_ITO.vermillion,
} as const;

export const RISE_FALL = { rise: OKABE_ITO.blue, fall: OKABE_ITO.vermillion } as const;
