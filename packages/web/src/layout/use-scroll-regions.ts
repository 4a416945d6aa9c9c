import { useEffect } from 'react';

/** Tables whose rows scroll sideways inside their card. */
const SCROLLERS = '.ant-table-content, .ant-table-body';

/**
 * On a phone, wide tables scroll sideways inside their card; a keyboard user can only scroll one that takes the
 * focus (WCAG 2.1.1, axe's scrollable-region-focusable). This gives every such table `tabindex="0"` while it
 * overflows, as pages render and re-render, and takes it back when it fits again.
 */
export function useFocusableScrollRegions(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const mark = () => {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>(SCROLLERS))) {
        const overflows = el.scrollWidth > el.clientWidth + 1;
        if (overflows && !el.hasAttribute('tabindex')) {
          el.tabIndex = 0;
          el.dataset.scrollRegion = 'true';
        } else if (!overflows && el.dataset.scrollRegion === 'true') {
          el.removeAttribute('tabindex');
          delete el.dataset.scrollRegion;
        }
      }
    };
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(mark);
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', schedule);
    };
  }, [enabled]);
}
