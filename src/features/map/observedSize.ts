type ObserverClass = new (callback: ResizeObserverCallback) => Pick<ResizeObserver, 'observe' | 'disconnect'>;

const layoutGetter = (name: 'clientWidth' | 'clientHeight') =>
  Object.getOwnPropertyDescriptor(Element.prototype, name)!.get!;

/**
 * deck.gl and luma.gl read their canvas's `clientWidth` and `clientHeight` on every animation frame,
 * drawn or not. After any change to the page (a feed row, a counter) that read forces the browser to
 * restyle and lay out the page there and then, inside the map's frame, instead of once before the
 * paint. This makes the two properties of one element answer with the size a ResizeObserver last saw:
 * the observer runs after the browser's own layout, where reading the real size costs nothing.
 *
 * A resize reaches the map one frame later than before. Returns a function that undoes it all.
 */
export function serveSizeFromObserver(el: HTMLElement, Observer: ObserverClass = ResizeObserver): () => void {
  const width = layoutGetter('clientWidth');
  const height = layoutGetter('clientHeight');
  let size = { w: width.call(el) as number, h: height.call(el) as number };
  const observer = new Observer(() => {
    size = { w: width.call(el) as number, h: height.call(el) as number };
  });
  Object.defineProperty(el, 'clientWidth', { configurable: true, get: () => size.w });
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => size.h });
  observer.observe(el);
  return () => {
    observer.disconnect();
    delete (el as { clientWidth?: number }).clientWidth;
    delete (el as { clientHeight?: number }).clientHeight;
  };
}
