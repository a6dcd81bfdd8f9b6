import { describe, expect, it } from "vitest";
import { QueueFullError, WriteQueue } from "@/lib/server/ingest/queue";

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe("WriteQueue", () => {
  it("counts a batch from admission until its write settles", async () => {
    const queue = new WriteQueue(100);
    const g = gate();
    const first = queue.run(10, () => g.promise);
    const second = queue.run(10, async () => "second");
    expect(queue.pendingSamples).toBe(20);
    await second;
    expect(queue.pendingSamples).toBe(10);
    g.open();
    await first;
    expect(queue.pendingSamples).toBe(0);
  });

  it("refuses a batch that would overfill it, and accepts again once drained", async () => {
    const queue = new WriteQueue(25);
    const g = gate();
    const running = queue.run(20, () => g.promise);
    expect(() => queue.run(10, async () => {})).toThrow(QueueFullError);
    g.open();
    await running;
    await expect(queue.run(10, async () => "ok")).resolves.toBe("ok");
  });

  it("counts the store's backlog, so an applier that falls behind fills the queue", async () => {
    let backlog = 20;
    const queue = new WriteQueue(25, () => backlog);
    expect(queue.pendingSamples).toBe(20);
    expect(() => queue.run(10, async () => {})).toThrow(QueueFullError);
    backlog = 0;
    await expect(queue.run(10, async () => "ok")).resolves.toBe("ok");
  });

  it("takes one oversized batch when empty, and keeps going after a failed one", async () => {
    const queue = new WriteQueue(5);
    await expect(queue.run(50, async () => { throw new Error("disk full"); })).rejects.toThrow("disk full");
    await expect(queue.run(50, async () => 1)).resolves.toBe(1);
    expect(queue.pendingSamples).toBe(0);
  });
});
