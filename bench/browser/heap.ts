/**
 * JavaScript heap in use, after a full collection, of the page and of each of its workers (the
 * trace worker holds the spans), through the Chrome DevTools Protocol.
 */
import type { Browser, Page } from 'playwright';

export interface HeapFigures {
  pageMB: number;
  workersMB: number;
}

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export async function heapAfterGc(browser: Browser, page: Page): Promise<HeapFigures> {
  const client = await page.context().newCDPSession(page);
  await client.send('HeapProfiler.enable');
  await client.send('HeapProfiler.collectGarbage');
  const { usedSize } = await client.send('Runtime.getHeapUsage');
  await client.detach();

  // Workers are separate targets; each is asked through a browser-level session.
  const browserSession = await browser.newBrowserCDPSession();
  const { targetInfos } = (await browserSession.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  let workers = 0;
  let nextId = 1;
  for (const target of targetInfos.filter((t) => t.type === 'worker')) {
    const { sessionId } = (await browserSession.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    })) as { sessionId: string };
    const ask = (method: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const id = nextId++;
        const onMessage = (event: { sessionId: string; message: string }) => {
          const reply = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown> };
          if (event.sessionId !== sessionId || reply.id !== id) return;
          browserSession.off('Target.receivedMessageFromTarget', onMessage);
          resolve(reply.result ?? {});
        };
        browserSession.on('Target.receivedMessageFromTarget', onMessage);
        void browserSession.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method }),
        });
      });
    await ask('HeapProfiler.collectGarbage');
    const usage = await ask('Runtime.getHeapUsage');
    workers += Number(usage.usedSize ?? 0);
    await browserSession.send('Target.detachFromTarget', { sessionId });
  }
  await browserSession.detach();
  return { pageMB: mb(usedSize), workersMB: mb(workers) };
}
