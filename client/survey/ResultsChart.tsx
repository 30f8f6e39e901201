import { useEffect, useRef, useState } from 'react';
import * as Plot from '@observablehq/plot';
import { SCALE } from '../../shared/survey/questions.js';
import type { StatementResult } from '../../shared/survey/results.js';
import { SCALE_COLOURS, TEXT_ON, describeCounts, segmentsOf, type Segment } from './chartData.js';

/** The scale's colours, as a legend above the bars (HTML, so it reads as text). */
export function ScaleLegend() {
  return (
    <ul className="survey-legend" aria-label="What the colours mean">
      {SCALE.map((c) => (
        <li key={c.id} className="survey-legend__item">
          <span className="survey-legend__swatch" style={{ background: SCALE_COLOURS[c.id] }} aria-hidden="true" />
          {c.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * One statement's diverging stacked bar, drawn by Observable Plot as SVG. The SVG is one
 * image to assistive technology, named with every figure; the table below holds the same.
 */
export function StatementBar({ result, total }: { result: StatementResult; total: number }) {
  const holder = useRef<HTMLDivElement>(null);
  const [space, setSpace] = useState(0);
  // Drawn again when the room it has changes (a phone turned, a window narrowed), so its text keeps its size.
  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setSpace(Math.round(entry?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const el = holder.current;
    if (!el || space === 0) return;
    const segments = segmentsOf(result.counts);
    const width = Math.max(260, Math.min(720, space));
    const svg = Plot.plot({
      width,
      height: 64,
      marginLeft: 12,
      marginRight: 12,
      x: { domain: [-total, total + total * 0.6], label: null, ticks: [], axis: null },
      y: { axis: null },
      color: { domain: SCALE.map((c) => c.id), range: SCALE.map((c) => SCALE_COLOURS[c.id]) },
      marks: [
        Plot.barX(segments, { x1: 'x1', x2: 'x2', y: () => 'bar', fill: 'choice', stroke: '#505050', strokeWidth: 0.5, insetTop: 8, insetBottom: 8 }),
        // Two marks, so each colour is a constant (not a value for the colour scale).
        ...(['#ffffff', '#000000'] as const).map((ink) =>
          Plot.text(segments.filter((s) => TEXT_ON[s.choice] === ink), { x: (s: Segment) => (s.x1 + s.x2) / 2, y: () => 'bar', text: (s: Segment) => String(s.count), fill: ink, fontSize: 13, fontWeight: 700 }),
        ),
        Plot.ruleX([0], { stroke: '#000000' }),
      ],
    }) as SVGSVGElement;
    // One image with one name: Plot names its groups too ("bar", "rule"), which an image's parts may not carry.
    for (const part of svg.querySelectorAll('[aria-label], [aria-description]')) {
      part.removeAttribute('aria-label');
      part.removeAttribute('aria-description');
    }
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `${result.text}. ${describeCounts(result.counts)}.`);
    el.replaceChildren(svg);
    return () => el.replaceChildren();
  }, [result, total, space]);
  return <div className="survey-bar" ref={holder} data-statement={result.id} />;
}
