import { type ComponentChildren, jsx } from '../../lib/jsx.js';
/**
 * Small charts drawn as SVG on the server. Hand-written: Chartist and
 * Observable Plot draw in a browser DOM (on the server they would need jsdom),
 * and these pages run only our own scripts; a bar chart and a line chart are
 * a few dozen lines. Each chart is an image with a title and a description
 * for screen readers; the page shows the same numbers in a table beside it.
 */

export interface ChartPoint {
  label: string;
  value: number;
}

interface ChartProps {
  /** Read first by screen readers, and shown on hover. */
  title: string;
  /** What the chart shows in words, e.g. its total and its highest point. */
  desc: string;
  points: ChartPoint[];
}

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { top: 12, right: 8, bottom: 28, left: 44 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** The axis top: a round number at or above the highest value, and 1 for an empty chart so nothing divides by zero. */
export function axisTop(values: number[]): number {
  const max = Math.max(0, ...values);
  if (max === 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

const y = (value: number, top: number) => PAD.top + PLOT_H - (value / top) * PLOT_H;

function Frame({ title, desc, top, labels, children }: { title: string; desc: string; top: number; labels: ChartPoint[]; children: ComponentChildren }) {
  // Every few labels only, so thirty days stay legible on a phone.
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const slot = PLOT_W / Math.max(1, labels.length);
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img">
      <title>{title}</title>
      <desc>{desc}</desc>
      <g class="chart__axis" aria-hidden="true">
        {(Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top]).map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick, top)} y2={y(tick, top)} />
            <text x={PAD.left - 6} y={y(tick, top) + 4} text-anchor="end">
              {tick}
            </text>
          </g>
        ))}
        {labels.map((p, i) =>
          i % every === 0 ? (
            <text key={p.label} x={PAD.left + slot * (i + 0.5)} y={HEIGHT - 8} text-anchor="middle">
              {p.label}
            </text>
          ) : null,
        )}
      </g>
      {children}
    </svg>
  );
}

export function BarChart({ title, desc, points }: ChartProps) {
  const top = axisTop(points.map((p) => p.value));
  const slot = PLOT_W / Math.max(1, points.length);
  return (
    <Frame title={title} desc={desc} top={top} labels={points}>
      <g class="chart__bars" aria-hidden="true">
        {points.map((p, i) => (
          <rect key={p.label} x={PAD.left + slot * i + slot * 0.15} width={slot * 0.7} y={y(p.value, top)} height={PLOT_H - (y(p.value, top) - PAD.top)} />
        ))}
      </g>
    </Frame>
  );
}

export function LineChart({ title, desc, points }: ChartProps) {
  const top = axisTop(points.map((p) => p.value));
  const slot = PLOT_W / Math.max(1, points.length);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${(PAD.left + slot * (i + 0.5)).toFixed(1)},${y(p.value, top).toFixed(1)}`).join(' ');
  return (
    <Frame title={title} desc={desc} top={top} labels={points}>
      {points.length > 0 && <path class="chart__line" d={path} aria-hidden="true" />}
    </Frame>
  );
}
