import { describe, expect, it } from 'vitest';
import { PRIORITY, WorkScheduler } from './workScheduler';

/** A scheduler whose macrotasks run when the test says, so interleavings are exact. */
function manual() {
  const tasks: (() => void)[] = [];
  const scheduler = new WorkScheduler((run) => tasks.push(run));
  const step = () => tasks.shift()?.();
  const drain = () => {
    while (tasks.length > 0) step();
  };
  return { scheduler, step, drain, tasks };
}

describe('WorkScheduler', () => {
  it('runs a user request, then preparation, then background work, whatever the order queued', () => {
    const { scheduler, drain } = manual();
    const ran: string[] = [];
    scheduler.add(PRIORITY.background, () => void ran.push('insights'));
    scheduler.add(PRIORITY.preparation, () => void ran.push('prepare'));
    scheduler.add(PRIORITY.user, () => void ran.push('flame'));
    drain();
    expect(ran).toEqual(['flame', 'prepare', 'insights']);
  });

  it('answers a request that arrives mid-way through sliced work before the next slice', () => {
    const { scheduler, step, drain } = manual();
    const ran: string[] = [];
    let slicesLeft = 3;
    scheduler.add(PRIORITY.preparation, () => {
      ran.push(`slice ${slicesLeft}`);
      return --slicesLeft > 0;
    });
    step();
    scheduler.add(PRIORITY.user, () => void ran.push('details'));
    drain();
    expect(ran).toEqual(['slice 3', 'details', 'slice 2', 'slice 1']);
  });

  it('runs one job per macrotask and stops asking for tasks when idle', () => {
    const { scheduler, step, tasks } = manual();
    let count = 0;
    scheduler.add(PRIORITY.user, () => void count++);
    scheduler.add(PRIORITY.user, () => void count++);
    expect(tasks).toHaveLength(1);
    step();
    expect(count).toBe(1);
    step();
    expect(count).toBe(2);
    expect(tasks).toHaveLength(0);
    expect(scheduler.pending()).toEqual([0, 0, 0]);
  });

  it('drops queued work of a priority on clear, including a sliced job in progress', () => {
    const { scheduler, step, drain } = manual();
    let slices = 0;
    scheduler.add(PRIORITY.preparation, () => {
      slices++;
      return true;
    });
    step();
    scheduler.clear(PRIORITY.preparation);
    drain();
    expect(slices).toBe(1);
  });

  it('keeps going after a job throws', () => {
    const { scheduler, step, drain } = manual();
    const ran: string[] = [];
    scheduler.add(PRIORITY.user, () => {
      throw new Error('broken');
    });
    scheduler.add(PRIORITY.user, () => void ran.push('next'));
    expect(step).toThrow('broken');
    drain();
    expect(ran).toEqual(['next']);
  });

  it('runs on real macrotasks by default', async () => {
    const scheduler = new WorkScheduler();
    const done = new Promise<string>((resolve) => scheduler.add(PRIORITY.user, () => resolve('ran')));
    await expect(done).resolves.toBe('ran');
  });
});
