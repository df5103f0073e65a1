import { useEffect, useRef } from 'react';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import {
  getInstanceByDom,
  init,
  registerMap,
  use as registerECharts,
  type ECharts,
  type EChartsCoreOption,
} from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Tree-shaken: only what the wall's and the briefing's charts draw goes into the bundle. A chart
// needing another series type or component registers it here, in the one place that owns ECharts.
registerECharts([
  LineChart,
  BarChart,
  MapChart,
  GridComponent,
  TooltipComponent,
  MarkLineComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

const registeredMaps = new Set<string>();

/** The app's face (theme.css), which ships with it and has Vietnamese; canvas text does not inherit CSS. */
const CHART_FONT = "'Be Vietnam Pro', system-ui, sans-serif";

let canvas2d: boolean | undefined;
function canvasAvailable(): boolean {
  if (canvas2d === undefined) {
    try {
      canvas2d = document.createElement('canvas').getContext('2d') !== null;
    } catch {
      canvas2d = false;
    }
  }
  return canvas2d;
}

/** Gives ECharts a GeoJSON under `name` for map series to draw, once per page. */
export function registerGeoJson(name: string, geoJson: { type: 'FeatureCollection'; features: unknown[] }) {
  if (registeredMaps.has(name)) return;
  registerMap(name, geoJson as Parameters<typeof registerMap>[1]);
  registeredMaps.add(name);
}

/** What a click on a chart's element says: the series, the index of the datum and its name. */
export interface ChartClick {
  seriesId: string | undefined;
  dataIndex: number;
  name: string;
}

/**
 * The one component that owns an ECharts instance: init on mount, setOption when the option changes,
 * resize with its box, dispose on unmount. Each chart's option comes from a pure function; this only
 * hands it on. Animation is always off: the wall renders on a software GPU and every frame counts.
 * Each finished drawing counts up `data-drawn` on the box, which tests and the benchmark wait on.
 */
export function EChart({
  option,
  className,
  testid,
  onClick,
  label,
}: {
  option: EChartsCoreOption;
  className?: string;
  testid?: string;
  onClick?: (click: ChartClick) => void;
  /** what the chart shows, for a screen reader (a canvas says nothing by itself) */
  label?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const clicked = useRef(onClick);
  useEffect(() => {
    clicked.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Without a 2D canvas (a locked-down browser, a DOM without one) the chart stays empty and says
    // so; the page around it, its figures and tables, still works.
    if (!canvasAvailable()) {
      el.setAttribute('data-drawn', 'unavailable');
      return;
    }
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    let drawn = 0;
    instance.on('finished', () => el.setAttribute('data-drawn', String(++drawn)));
    instance.on('click', (p) => {
      const params = p as { seriesId?: string; dataIndex?: number; name?: string };
      clicked.current?.({
        seriesId: params.seriesId,
        dataIndex: params.dataIndex ?? -1,
        name: params.name ?? '',
      });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current = null;
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    // A canvas draws text in the font loaded at that moment. While the page's fonts are still on their
    // way the chart draws at once in the default face (asking a canvas for a face not yet loaded cost
    // the briefing's first load a few hundred ms), and again in the app's own face when they are in.
    const fontsIn = !document.fonts || document.fonts.status === 'loaded';
    chart.current?.setOption(
      { ...(fontsIn ? { textStyle: { fontFamily: CHART_FONT } } : {}), ...option, animation: false },
      { notMerge: false, lazyUpdate: true },
    );
    if (fontsIn) return;
    let live = true;
    void document.fonts.ready.then(() => {
      if (live) chart.current?.setOption({ textStyle: { fontFamily: CHART_FONT } });
    });
    return () => {
      live = false;
    };
  }, [option]);

  return (
    <div
      ref={box}
      className={className}
      data-testid={testid}
      role={label ? 'img' : undefined}
      aria-label={label}
      style={onClick ? { cursor: 'pointer' } : undefined}
    />
  );
}

/** The chart's picture as a PNG data URL (for the report), or null when it is not drawn. */
export function chartPng(el: Element | null, background: string): string | null {
  const instance = el ? getInstanceByDom(el as HTMLElement) : undefined;
  return instance ? instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }) : null;
}
