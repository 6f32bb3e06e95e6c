import { ClauseStatus, FamilyCount } from './evidence-report';

/**
 * The picture of one family's status: a stacked bar of its clauses per status, under the family
 * name and total, over a legend that names every status in words, so that the picture reads in
 * greyscale. Only geometry, in the units of an SVG view box; the HTML renderer draws it.
 */

/** The width of the picture, in view box units (CSS pixels at its natural size). */
export const STATUS_BAR_WIDTH = 540;

/** Font sizes of the picture's text: the family name and total, a segment's count, the legend. */
export const STATUS_BAR_FONT = { heading: 13, count: 12, legend: 11 } as const;

/** The baseline of the family name and total. */
const HEADING_BASELINE = 15;
/** The bar's vertical place and the white gap between two segments. */
const BAR = { top: 22, height: 22, gap: 2 } as const;
/** The legend's first baseline, line height, swatch size and the space around an item. */
const LEGEND = { top: 62, lineHeight: 16, swatch: 10, swatchGap: 4, itemGap: 14 } as const;
/** A generous width of a character, in ems, so that estimated text never clips. */
const CHAR_WIDTH_EM = 0.6;
/** The space between the family name and the total. */
const HEADING_GAP = 16;
/** The space a segment keeps on either side of its label. */
const SEGMENT_PADDING = 4;

/** One status's part of the bar. */
export interface StatusBarSegment {
  /** The status. */
  readonly status: ClauseStatus;
  /** How many clauses of the family have it. */
  readonly count: number;
  /** Left edge. */
  readonly x: number;
  /** Width, without the gap to the next segment. */
  readonly width: number;
  /** The middle of the segment, where its label goes. */
  readonly centre: number;
  /** What the segment shows: its count and status, or its count, as its width allows; or nothing. */
  readonly label: string;
}

/** One status named in the legend, with its swatch. */
export interface StatusBarLegendItem {
  /** The status. */
  readonly status: ClauseStatus;
  /** The text, e.g. `5 met`. */
  readonly text: string;
  /** Left edge of the swatch. */
  readonly x: number;
  /** Left edge of the text. */
  readonly textX: number;
  /** Baseline of the text. */
  readonly y: number;
}

/** The picture of one family. */
export interface StatusBar {
  /** The family. */
  readonly family: string;
  /** The heading on the left: the family name, cut short with `…` where it would reach the total. */
  readonly name: string;
  /** The heading on the right, e.g. `10 clauses`. */
  readonly total: string;
  /** The baseline of both headings. */
  readonly headingBaseline: number;
  /** The counts in words, for the accessible name, e.g. `Audit: 3 clauses: 2 met, 1 provided.` */
  readonly description: string;
  /** The segments, left to right, in the order of the family's counts; none for an empty family. */
  readonly segments: StatusBarSegment[];
  /** The legend, in the order of the segments. */
  readonly legend: StatusBarLegendItem[];
  /** The height of the picture. */
  readonly height: number;
  /** Where the bar lies. */
  readonly bar: { readonly top: number; readonly height: number };
  /** The size of a legend swatch. */
  readonly swatch: number;
}

/** Lays out the picture of one family from its counts per status. */
export function familyStatusBar(family: FamilyCount): StatusBar {
  const present = family.counts.filter((c) => c.count > 0);
  const total = `${family.total} ${family.total === 1 ? 'clause' : 'clauses'}`;
  const words = present.map((c) => `${c.count} ${c.status}`);
  let x = 0;
  const segments = present.map((c, i): StatusBarSegment => {
    const full = (c.count / family.total) * STATUS_BAR_WIDTH;
    const width = round(i === present.length - 1 ? full : full - BAR.gap);
    const left = round(x);
    x += full;
    return {
      status: c.status,
      count: c.count,
      x: left,
      width,
      centre: round(left + width / 2),
      label: [`${c.count} ${c.status}`, String(c.count)].find((l) => fits(l, width)) ?? '',
    };
  });
  const legend: StatusBarLegendItem[] = [];
  let left = 0;
  let y = LEGEND.top;
  present.forEach((c, i) => {
    const width = LEGEND.swatch + LEGEND.swatchGap + textWidth(words[i], STATUS_BAR_FONT.legend);
    if (left > 0 && left + width > STATUS_BAR_WIDTH) {
      left = 0;
      y += LEGEND.lineHeight;
    }
    const textX = left + LEGEND.swatch + LEGEND.swatchGap;
    legend.push({ status: c.status, text: words[i], x: round(left), textX: round(textX), y });
    left += width + LEGEND.itemGap;
  });
  const room = STATUS_BAR_WIDTH - HEADING_GAP - textWidth(total, STATUS_BAR_FONT.heading);
  const chars = Math.floor(room / textWidth('x', STATUS_BAR_FONT.heading));
  return {
    family: family.family,
    name: family.family.length > chars ? `${family.family.slice(0, chars - 1)}…` : family.family,
    total,
    headingBaseline: HEADING_BASELINE,
    description: `${family.family}: ${total}${words.length > 0 ? `: ${words.join(', ')}` : ''}.`,
    segments,
    legend,
    height: (legend.length > 0 ? y : LEGEND.top - LEGEND.lineHeight) + 5,
    bar: { top: BAR.top, height: BAR.height },
    swatch: LEGEND.swatch,
  };
}

/** The width text of that size takes at most. */
function textWidth(text: string, size: number): number {
  return text.length * CHAR_WIDTH_EM * size;
}

/** Whether a segment of that width holds the label. */
function fits(label: string, width: number): boolean {
  return textWidth(label, STATUS_BAR_FONT.count) + 2 * SEGMENT_PADDING <= width;
}

/** Rounds to a tenth, so that the same counts always give the same markup. */
function round(n: number): number {
  return Math.round(n * 10) / 10;
}
