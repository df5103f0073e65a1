import type { KioskConfig } from './config';
import './kiosk.css';

/** Keys and pointer events a show-only wall swallows before any handler of the page sees them. */
const SWALLOWED = [
  'keydown',
  'keyup',
  'keypress',
  'wheel',
  'pointerdown',
  'mousedown',
  'click',
  'dblclick',
  'contextmenu',
];

/**
 * Applies the kiosk's `?cursor=hide` and `?interactive=0` to the whole page, once at start-up. Show
 * only is enforced twice: CSS takes the pointer from every element, and a listener on the window's
 * capture phase stops keys and clicks before the map, the panels or a presenter's keys see them.
 */
export function applyKiosk(kiosk: KioskConfig, win: Window = window): void {
  const root = win.document.documentElement;
  root.classList.toggle('kiosk-no-cursor', kiosk.hideCursor);
  root.classList.toggle('kiosk-show-only', !kiosk.interactive);
  if (kiosk.interactive) return;
  const swallow = (e: Event) => {
    e.stopPropagation();
    e.preventDefault();
  };
  for (const type of SWALLOWED) win.addEventListener(type, swallow, { capture: true, passive: false });
}
