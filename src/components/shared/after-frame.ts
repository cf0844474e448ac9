/**
 * Runs `fn` in a task after the next frame has been painted: from a requestAnimationFrame
 * callback, a message posted to a channel is delivered after that frame's style, layout and
 * paint (on a hidden page, once it is shown again).
 */
let channel: MessageChannel | undefined;
const queue: (() => void)[] = [];

export function afterFrame(fn: () => void): void {
  queue.push(fn);
  if (queue.length > 1) return;
  requestAnimationFrame(() => {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = flush;
    }
    channel.port2.postMessage(0);
  });
}

function flush(): void {
  for (const fn of queue.splice(0)) {
    try {
      fn();
    } catch (error) {
      // One failing callback must not keep the others from running.
      console.error(error);
    }
  }
}
