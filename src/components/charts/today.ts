// Today (the as-of date) on a time axis: a rule at the end of the day, labelled above the frame.
import * as Plot from '@observablehq/plot';
import { dayEnd } from './time.ts';

export function todayMarks(asOf: string): Plot.Markish[] {
  return [
    Plot.ruleX([dayEnd(asOf)], { className: 'cal-today', stroke: 'currentColor', strokeWidth: 2 }),
    Plot.text([dayEnd(asOf)], { x: (d: Date) => d, text: () => `Today (as of ${asOf})`, frameAnchor: 'top', lineAnchor: 'bottom', dy: -4, className: 'cal-today-label' }),
  ];
}
