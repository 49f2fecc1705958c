// Small bar charts of the Insights view (uPlot, bundled: no CDN). uPlot draws on a canvas and
// sizes its own elements through element.style (the CSSOM, which the CSP allows; it sets no
// style attribute from markup and adds no <style> or script). Its colours are the window's
// CSS variables, read when a chart is drawn. Where no canvas can be drawn (tests) nothing is
// drawn: the caption under each chart says the busiest slot in words.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface BarChartSpec {
  /** One label per bar (also the x axis). */
  labels: string[];
  values: number[];
  /** The series' name (hover and accessibility). */
  name: string;
  width?: number;
  height?: number;
}

export interface Chart {
  destroy(): void;
}

function canDraw(): boolean {
  try {
    return !!document.createElement("canvas").getContext("2d");
  } catch {
    return false;
  }
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** A bar chart in `host`; null when it cannot be drawn here. */
export function barChart(host: HTMLElement, spec: BarChartSpec): Chart | null {
  if (!canDraw()) return null;
  const n = spec.values.length;
  const accent = cssVar("--accent", "#3b6fe0");
  const muted = cssVar("--fg-muted", "#6b717c");
  const grid = cssVar("--border", "#e1e4e8");
  const font = "11px " + (cssVar("--font", "system-ui") || "system-ui");
  const bars = uPlot.paths.bars ? uPlot.paths.bars({ size: [0.7, 28] }) : undefined;
  const opts: uPlot.Options = {
    width: spec.width ?? 340,
    height: spec.height ?? 130,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: false, range: [-0.5, n - 0.5] },
      y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
    },
    axes: [
      {
        stroke: muted,
        font,
        grid: { show: false },
        ticks: { show: false },
        incrs: [1, 2, 3, 4, 6],
        values: (_u, splits) => splits.map((s) => spec.labels[s] ?? ""),
      },
      { stroke: muted, font, size: 34, grid: { stroke: grid, width: 1 }, ticks: { show: false }, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
    ],
    series: [{}, { label: spec.name, fill: accent, stroke: accent, width: 0, paths: bars, points: { show: false } }],
  };
  try {
    return new uPlot(opts, [spec.values.map((_, i) => i), spec.values], host);
  } catch {
    host.replaceChildren();
    return null;
  }
}
