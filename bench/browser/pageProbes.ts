/**
 * Measurements taken inside the page, on the page's own clock (performance.now, so that
 * Playwright's round trips are not counted). Written as text: the bench is type-checked without
 * the DOM library. "Painted" means the next animation frame after a change, plus one task, which
 * is when the frame has been produced.
 */

/**
 * Before navigation: when the first rows were painted (the preview drawn from the trace's head,
 * or the waterfall when there is no preview) and when the waterfall's own rows were: their
 * elements, and the names and bars their canvases draw (each canvas says how many rows it drew).
 */
export const RECORD_FIRST_ROWS = `
  const painted = (key) => requestAnimationFrame(() => setTimeout(() => (window[key] = performance.now()), 0));
  const drawn = (selector) => Number(document.querySelector(selector)?.dataset.rows ?? 0) > 0;
  new MutationObserver((_, observer) => {
    if (window.__firstRowsAt === undefined && document.querySelector('[data-row], [data-preview-row]')) {
      window.__firstRowsAt = performance.now();
      painted('__firstRowsPainted');
    }
    if (
      window.__fullRowsAt === undefined &&
      document.querySelector('[data-row]') &&
      drawn('canvas.wf-name-canvas') &&
      drawn('canvas.wf-timeline-canvas')
    ) {
      window.__fullRowsAt = performance.now();
      painted('__fullRowsPainted');
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-rows'] });`;

/**
 * Milliseconds since navigation: the trace response's end, the first rows and the waterfall
 * painted, and (when the rows came first from the columns route) the columns' end and the spans
 * read. The worker downloads the trace, so its ends come from the page's User Timing marks
 * (workers/traceClient.ts) rather than from resource timing, which only sees the page's fetches.
 */
export const READ_LOAD = `(() => {
  const mark = (name) => performance.getEntriesByName('tracelens:' + name)[0];
  const json = mark('json-downloaded');
  const columns = mark('columns-downloaded');
  const spansRead = mark('spans-read');
  const response = performance.getEntriesByType('resource').find((e) => /\\/api\\/traces\\/[0-9a-fA-F]+$/.test(e.name));
  return {
    responseEnd: json ? json.startTime : response ? response.responseEnd : NaN,
    transferBytes: json ? json.detail.bytes : response ? response.encodedBodySize || response.transferSize : NaN,
    columnsEnd: columns ? columns.startTime : NaN,
    columnsBytes: columns ? columns.detail.bytes : NaN,
    spansRead: spansRead ? spansRead.startTime : NaN,
    firstRowsPainted: window.__firstRowsPainted ?? NaN,
    fullRowsPainted: window.__fullRowsPainted ?? NaN,
  };
})()`;

/** True once the spans behind the rows are read (or there was nothing behind them). */
export const SPANS_READ = `window.__fullRowsPainted !== undefined && !document.querySelector('.spans-status:not(.spans-status--failed)')`;

const NEXT_PAINT = 'new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))';

/** Clicks the button with this exact text and resolves with the milliseconds to the next paint. */
export const timedClick = (label: string) => `(async () => {
  const target = [...document.querySelectorAll('button')].find((b) => b.textContent === ${JSON.stringify(label)});
  if (!target) throw new Error('no button ' + ${JSON.stringify(label)});
  const t0 = performance.now();
  target.click();
  await ${NEXT_PAINT};
  return performance.now() - t0;
})()`;

/** Types a find query, presses Enter and resolves when the match count is painted. */
export const timedFind = (query: string) => `(async () => {
  const box = document.querySelector('input[type="search"][aria-label="Find in trace"]') ||
    [...document.querySelectorAll('input')].find((i) => i.getAttribute('aria-label') === 'Find in trace');
  if (!box) throw new Error('no find box');
  const status = () => box.closest('[role="search"]').querySelector('[role="status"]');
  const before = status().textContent;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  setter.call(box, ${JSON.stringify(query)});
  box.dispatchEvent(new Event('input', { bubbles: true }));
  // Typed; then Enter searches at once (typing alone searches 250 ms after the last key).
  await ${NEXT_PAINT};
  const t0 = performance.now();
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  const answered = ${JSON.stringify(query)} === ''
    ? () => !/\\d/.test(status().textContent)
    : () => status().textContent !== before && /\\d/.test(status().textContent);
  while (!answered()) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (performance.now() - t0 > 180000) throw new Error('find did not answer');
  }
  await ${NEXT_PAINT};
  return { ms: performance.now() - t0, status: status().textContent };
})()`;

/**
 * Scrolls the waterfall one step per frame and returns each step's time to paint, sorted, and the
 * display's frame interval (the median of 30 animation frames before it). A step's time includes
 * the wait for the next frame, so it is about one interval when the step's work fits in its frame
 * and one more for each frame it misses. Each step starts with a `scroll-step` performance mark
 * (and the last ends with `scroll-end`), so a Chromium trace recorded around it tells each step's
 * main-thread work (see frameWork.ts).
 */
export const SCROLL_FRAMES = `(async () => {
  const scroller = document.querySelector('.waterfall__scroll');
  const stamps = [];
  for (let i = 0; i <= 30; i++) stamps.push(await new Promise((resolve) => requestAnimationFrame(resolve)));
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  const times = [];
  for (let i = 1; i <= 120; i++) {
    performance.mark('scroll-step');
    const t0 = performance.now();
    scroller.scrollTop += 360;
    await ${NEXT_PAINT};
    times.push(performance.now() - t0);
  }
  performance.mark('scroll-end');
  scroller.scrollTop = 0;
  return { times: times.sort((a, b) => a - b), frameMs: intervals[15] };
})()`;

/** The ids of the trace page's views, from the view switcher (the rendered registry). */
export const VIEW_IDS = `[...document.querySelectorAll('[role="tab"][id^="trace-view-tab-"]')].map((t) => t.id.slice('trace-view-tab-'.length))`;

/** Opens a view from its tab and resolves when it says it is drawn (data-view-ready). */
export const timedView = (id: string) => `(async () => {
  const tab = document.getElementById(${JSON.stringify(`trace-view-tab-${id}`)});
  const t0 = performance.now();
  tab.click();
  while (!document.querySelector('#trace-view-panel [data-view-ready="true"]')) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (performance.now() - t0 > 60000) return { ms: NaN, url: location.search };
  }
  await ${NEXT_PAINT};
  return { ms: performance.now() - t0, url: location.search };
})()`;
