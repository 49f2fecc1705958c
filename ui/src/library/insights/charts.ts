// Small bar charts of the Insights view, drawn as SVG with the DOM API: no charting library
// (uPlot was tried: its module formats numbers with the system locale at load time and throws
// under LANG=C, which took the whole window down). Colours come from CSS classes, labels are
// text nodes (never markup), and the caption under each chart says the busiest slot in words.

const SVG = "http://www.w3.org/2000/svg";

export interface BarChartSpec {
  /** One label per bar. */
  labels: string[];
  values: number[];
  /** The series' name (the chart's accessible name). */
  name: string;
  width?: number;
  height?: number;
}

export interface Chart {
  destroy(): void;
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** A bar chart in `host`. Every other label is shown when bars are narrow. */
export function barChart(host: HTMLElement, spec: BarChartSpec): Chart | null {
  const width = spec.width ?? 340;
  const height = spec.height ?? 130;
  const axis = 16; // room for the labels under the bars
  const top = 12; // room for the largest value above its bar
  const n = Math.max(1, spec.values.length);
  const max = Math.max(1, ...spec.values);
  const slot = width / n;
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "bar-chart" });
  svg.setAttribute("aria-label", spec.name);
  const title = el("title", {});
  title.textContent = spec.name;
  svg.append(title, el("line", { x1: 0, x2: width, y1: height - axis, y2: height - axis, class: "bar-axis" }));
  const every = slot < 18 ? 3 : 1;
  spec.values.forEach((v, i) => {
    const h = ((height - axis - top) * v) / max;
    const x = i * slot + slot * 0.15;
    const bar = el("rect", { x, y: height - axis - h, width: slot * 0.7, height: h, class: "bar" });
    const tip = el("title", {});
    tip.textContent = `${spec.labels[i] ?? i}: ${v}`;
    bar.append(tip);
    svg.append(bar);
    if (v === max && v > 0) {
      const label = el("text", { x: x + slot * 0.35, y: height - axis - h - 2, class: "bar-value", "text-anchor": "middle" });
      label.textContent = String(v);
      svg.append(label);
    }
    if (i % every === 0) {
      const label = el("text", { x: i * slot + slot / 2, y: height - 3, class: "bar-label", "text-anchor": "middle" });
      label.textContent = spec.labels[i] ?? "";
      svg.append(label);
    }
  });
  host.replaceChildren(svg);
  return { destroy: () => svg.remove() };
}
