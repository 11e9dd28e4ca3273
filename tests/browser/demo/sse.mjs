// A minimal Server-Sent Events reader over fetch, for probing GET /api/realtime from node.
// Every wait is bounded.

/**
 * Opens `url` as an event stream.
 * @param {string} url
 * @returns {Promise<{next: (timeoutMs: number, match?: (message: SseMessage) => boolean) => Promise<SseMessage>, close: () => void}>}
 * @typedef {{id: string, event: string, data: string}} SseMessage
 */
export async function openEventStream(url, { connectTimeoutMs = 5_000 } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), connectTimeoutMs);
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "text/event-stream" }, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
  const type = response.headers.get("content-type") ?? "";
  if (response.status !== 200 || !type.startsWith("text/event-stream")) {
    controller.abort();
    const hint = type.startsWith("text/html") ? " (the pb_public index.html fallback: no such route)" : "";
    throw new Error(`GET ${new URL(url).pathname} answered ${response.status} ${type || "(no content type)"}${hint}`);
  }

  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const queue = [];
  let buffer = "";
  let ended = false;
  let wake = () => {};

  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true }).replaceAll("\r\n", "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message = { id: "", event: "message", data: "" };
          const data = [];
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            let value = colon < 0 ? "" : line.slice(colon + 1);
            if (value.startsWith(" ")) value = value.slice(1);
            if (field === "id") message.id = value;
            else if (field === "event") message.event = value;
            else if (field === "data") data.push(value);
          }
          message.data = data.join("\n");
          if (data.length > 0 || message.id) queue.push(message);
        }
        wake();
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
      wake();
    }
  })();

  return {
    async next(timeoutMs, match = () => true) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = queue.findIndex(match);
        if (index >= 0) return queue.splice(index, 1)[0];
        if (ended) throw new Error("the event stream ended");
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms`);
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    close() {
      controller.abort();
    },
  };
}
