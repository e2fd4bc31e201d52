/**
 * Runs tasks after the current I/O callbacks (setImmediate), all queued tasks in one go: for the Node
 * server, the access-log line and metrics of a request are recorded after its response has been
 * written instead of before. In `npm run bench` that took them off every request's latency. A task
 * that throws is reported and does not stop the ones after it.
 */
export function createAfterIo(onError: (error: unknown) => void): (task: () => void) => void {
  let queue: (() => void)[] = [];
  const run = () => {
    const tasks = queue;
    queue = [];
    for (const task of tasks) {
      try {
        task();
      } catch (error) {
        onError(error);
      }
    }
  };
  return (task) => {
    if (queue.push(task) === 1) setImmediate(run);
  };
}
