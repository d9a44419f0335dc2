import type { ReactNode } from "react";
import { barChartLayout, columnChartLayout, type ChartCategory, type ChartLayout, type ChartSeries } from "./chart-geometry";

/*
 * Report charts as server-rendered inline SVG: no script, no third party, printable. Each chart is
 * an image with a title and a description for assistive technology, and is followed by the table of
 * its numbers (the table is the accessible form; the chart is for the eye). Series differ by pattern
 * and are named in a legend, and every bar carries its value as text, so nothing rests on colour.
 */

interface ChartFrameProps {
  id: string;
  title: string;
  description: string;
  /** What a value is written as: a count, a per cent, a dash for nothing to measure. */
  formatValue: (value: number | null) => string;
}

function seriesFill(id: string, index: number): string {
  return index === 0 ? "#1d4f91" : `url(#${id}-pattern-${index})`;
}

function Patterns({ id, count }: { id: string; count: number }) {
  const patterns: ReactNode[] = [];
  for (let index = 1; index < count; index += 1) {
    patterns.push(
      <pattern key={index} id={`${id}-pattern-${index}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform={`rotate(${index === 1 ? 45 : -45})`}>
        <rect width="6" height="6" fill="#ffffff" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#a34700" strokeWidth="3" />
      </pattern>,
    );
  }
  return <defs>{patterns}</defs>;
}

function Legend({ id, series }: { id: string; series: readonly ChartSeries[] }) {
  if (series.length < 2) return null;
  return (
    <ul className="chart__legend">
      {series.map((one, index) => (
        <li key={one.key}>
          <svg width="16" height="16" aria-hidden="true" focusable="false">
            <Patterns id={`${id}-legend`} count={series.length} />
            <rect x="0.5" y="0.5" width="15" height="15" fill={seriesFill(`${id}-legend`, index)} stroke="#1a1a1a" />
          </svg>{" "}
          {one.label}
        </li>
      ))}
    </ul>
  );
}

function ChartImage({ id, title, description, layout, seriesCount, children }: { id: string; title: string; description: string; layout: ChartLayout; seriesCount: number; children: ReactNode }) {
  return (
    <svg
      className="chart__image"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-description`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-description`}>{description}</desc>
      <Patterns id={id} count={seriesCount} />
      {children}
    </svg>
  );
}

export interface ColumnChartProps extends ChartFrameProps {
  categories: readonly ChartCategory[];
  series: readonly ChartSeries[];
  maximum?: number;
}

/** Columns by category (months), one per series side by side. */
export function ColumnChart({ id, title, description, formatValue, categories, series, maximum }: ColumnChartProps) {
  const layout = columnChartLayout(categories, series, { maximum });
  const baseline = layout.plot.top + layout.plot.height;
  return (
    <div className="chart">
      <Legend id={id} series={series} />
      <ChartImage id={id} title={title} description={description} layout={layout} seriesCount={series.length}>
        <g className="chart__axis" aria-hidden="true">
          {layout.ticks.map((tick) => (
            <g key={tick.value}>
              <line x1={layout.plot.left} x2={layout.plot.left + layout.plot.width} y1={tick.position} y2={tick.position} className="chart__grid" />
              <text x={layout.plot.left - 6} y={tick.position} textAnchor="end" dominantBaseline="middle">
                {formatValue(tick.value)}
              </text>
            </g>
          ))}
          <line x1={layout.plot.left} x2={layout.plot.left + layout.plot.width} y1={baseline} y2={baseline} className="chart__baseline" />
          {layout.categoryPositions.map((category) => (
            <text key={category.key} x={category.position} y={baseline + 18} textAnchor="middle">
              {category.label}
            </text>
          ))}
        </g>
        <g aria-hidden="true">
          {layout.bars.map((bar) => {
            const seriesIndex = series.findIndex((one) => one.key === bar.seriesKey);
            return (
              <g key={`${bar.seriesKey}-${bar.categoryKey}`}>
                <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={seriesFill(id, seriesIndex)} stroke="#1a1a1a" strokeWidth={bar.height > 0 ? 0.5 : 0} />
                <text x={bar.labelX} y={bar.labelY} textAnchor="middle" className="chart__value">
                  {formatValue(bar.value)}
                </text>
              </g>
            );
          })}
        </g>
      </ChartImage>
    </div>
  );
}

export interface BarChartProps extends ChartFrameProps {
  categories: readonly ChartCategory[];
  series: ChartSeries;
  maximum?: number;
}

/** Horizontal bars, one per category, names on the left. */
export function BarChart({ id, title, description, formatValue, categories, series, maximum }: BarChartProps) {
  const layout = barChartLayout(categories, series, { maximum });
  const bottom = layout.plot.top + layout.plot.height;
  return (
    <div className="chart">
      <ChartImage id={id} title={title} description={description} layout={layout} seriesCount={1}>
        <g className="chart__axis" aria-hidden="true">
          {layout.ticks.map((tick) => (
            <g key={tick.value}>
              <line x1={tick.position} x2={tick.position} y1={layout.plot.top} y2={bottom} className="chart__grid" />
              <text x={tick.position} y={bottom + 16} textAnchor="middle">
                {formatValue(tick.value)}
              </text>
            </g>
          ))}
          <line x1={layout.plot.left} x2={layout.plot.left} y1={layout.plot.top} y2={bottom} className="chart__baseline" />
          {layout.categoryPositions.map((category) => (
            <text key={category.key} x={layout.plot.left - 8} y={category.position} textAnchor="end" dominantBaseline="middle">
              {category.label}
            </text>
          ))}
        </g>
        <g aria-hidden="true">
          {layout.bars.map((bar) => (
            <g key={bar.categoryKey}>
              <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={seriesFill(id, 0)} />
              <text x={bar.labelX} y={bar.labelY} dominantBaseline="middle" className="chart__value">
                {formatValue(bar.value)}
              </text>
            </g>
          ))}
        </g>
      </ChartImage>
    </div>
  );
}
