import net from "node:net";

/** What a server answered to a request sent over a raw socket. */
export interface RawHttpAnswer {
  /** The status line and headers received ("" when the server closed without answering). */
  head: string;
  /** The status code (0 when the server closed without answering). */
  status: number;
  /** Bytes of `chunks` written before the answer came (or the connection closed). */
  sent: number;
}

/**
 * Speaks HTTP/1.1 over a raw socket, for what `fetch` cannot do: writes `head` (request line and headers, as given),
 * then `chunks` one at a time, `intervalMs` apart, until the server answers or closes. How much was sent by then tells
 * whether the answer waited for the body (an early 413) or came while the client was still trickling (a 408). With no
 * answer `giveUpMs` after the last chunk, it resolves with status 0 (the server was waiting for more).
 */
export function rawHttp(
  port: number,
  head: string,
  chunks: string[] = [],
  intervalMs = 200,
  giveUpMs = 10_000,
): Promise<RawHttpAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    let sent = 0;
    let settled = false;
    const pending = [...chunks];
    let giveUp: NodeJS.Timeout | undefined;
    const timer = setInterval(() => {
      const chunk = pending.shift();
      if (chunk === undefined) {
        giveUp ??= setTimeout(done, giveUpMs);
        return;
      }
      if (socket.destroyed) return;
      socket.write(chunk);
      sent += Buffer.byteLength(chunk);
    }, intervalMs);
    const done = () => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      const answered = received.split("\r\n\r\n")[0];
      resolve({ head: answered, status: Number(answered.split(" ")[1] ?? 0) || 0, sent });
    };
    socket.on("data", (data) => {
      received += data.toString("latin1");
      if (received.includes("\r\n\r\n")) done();
    });
    socket.on("close", done);
    socket.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ECONNRESET" || error.code === "EPIPE" ? done() : reject(error),
    );
    socket.write(head);
  });
}
