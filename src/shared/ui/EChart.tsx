import { useEffect, useRef } from 'react';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerECharts, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Tree-shaken: only what the wall's charts draw goes into the bundle. A chart needing another series
// type or component registers it here, in the one place that owns ECharts.
registerECharts([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

/**
 * The one component that owns an ECharts instance: init on mount, setOption when the option changes,
 * resize with its box, dispose on unmount. Each chart's option comes from a pure function; this only
 * hands it on. Animation is always off: the wall renders on a software GPU and every frame counts.
 */
export function EChart({
  option,
  className,
  testid,
}: {
  option: EChartsCoreOption;
  className?: string;
  testid?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current = null;
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...option, animation: false }, { notMerge: false, lazyUpdate: true });
  }, [option]);

  return <div ref={box} className={className} data-testid={testid} />;
}
