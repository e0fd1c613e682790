/**
 * A chart drawn by Chart.js, loaded only when a chart is first shown (its own chunk, not
 * in the first load). The canvas is an image with a text alternative; the same numbers
 * are always in the table next to it (the `children`), which is what screen readers read.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface Series {
  label: string;
  values: number[];
  /** A CSS colour. */
  color: string;
}

export interface ChartSpec {
  kind: 'bar' | 'line';
  labels: string[];
  series: Series[];
}

type ChartModule = typeof import('./chartjs.js');
let loading: Promise<ChartModule> | undefined;

/** Chart.js (the parts the dashboard uses), loaded on first use. */
export function chartJs(): Promise<ChartModule> {
  loading ??= import('./chartjs.js');
  return loading;
}

export function ChartFigure({ id, title, summary, spec, children }: { id: string; title: string; summary: string; spec: ChartSpec; children: ComponentChildren }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify(spec);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let live = true;
    const el = canvas.current;
    if (!el || spec.labels.length === 0) return undefined;
    chartJs().then(
      ({ Chart }) => {
        if (!live || !el.getContext('2d')) return;
        chart = new Chart(el, {
          type: spec.kind,
          data: {
            labels: spec.labels,
            datasets: spec.series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color, borderColor: s.color })),
          },
          options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: spec.series.length > 1 } } },
        });
      },
      () => undefined,
    );
    return () => {
      live = false;
      chart?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <figure class="chart card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h2>{title}</h2>
      </figcaption>
      {spec.labels.length > 0 ? (
        <div class="chart-box">
          <canvas ref={canvas} role="img" aria-label={summary} data-testid={`${id}-chart`} />
        </div>
      ) : null}
      {children}
    </figure>
  );
}
