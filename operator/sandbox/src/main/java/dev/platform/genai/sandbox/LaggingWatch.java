package dev.platform.genai.sandbox;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A watch whose events reach the client late, in order. The CRUD mock's watch listener keeps the
 * WebSocket it is handed when the watch opens and sends every event through it; handing it a
 * WebSocket that sends later delays the watch as a whole, which is what a lagging informer looks
 * like from the operator.
 */
final class LaggingWatch {
  private LaggingWatch() {}

  /**
   * @param pending counts the events scheduled and not yet sent
   */
  static MockResponse wrap(MockResponse response, Duration lag, AtomicInteger pending) {
    WebSocketListener inner = response.getWebSocketListener();
    if (inner == null) {
      return response;
    }
    ScheduledExecutorService sender =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sandbox-lagging-watch");
              t.setDaemon(true);
              return t;
            });
    return response.withWebSocketUpgrade(
        new WebSocketListener() {
          @Override
          public void onBeforeAccept(WebSocket ws, Response r) {
            inner.onBeforeAccept(ws, r);
          }

          @Override
          public void onOpen(WebSocket ws, Response r) {
            inner.onOpen(new Late(ws, sender, lag, pending), r);
          }

          @Override
          public void onMessage(WebSocket ws, String text) {
            inner.onMessage(ws, text);
          }

          @Override
          public void onClosing(WebSocket ws, int code, String reason) {
            inner.onClosing(ws, code, reason);
          }

          @Override
          public void onClosed(WebSocket ws, int code, String reason) {
            sender.shutdown();
            inner.onClosed(ws, code, reason);
          }

          @Override
          public void onFailure(WebSocket ws, Throwable t, Response r) {
            sender.shutdown();
            inner.onFailure(ws, t, r);
          }
        });
  }

  /** Sends each message after the lag; a single thread keeps their order. */
  private record Late(
      WebSocket ws, ScheduledExecutorService sender, Duration lag, AtomicInteger pending)
      implements WebSocket {
    @Override
    public RecordedRequest request() {
      return ws.request();
    }

    @Override
    public boolean send(String text) {
      return later(() -> ws.send(text));
    }

    @Override
    public boolean send(byte[] bytes) {
      return later(() -> ws.send(bytes));
    }

    @Override
    public boolean close(int code, String reason) {
      return later(() -> ws.close(code, reason));
    }

    private boolean later(Runnable send) {
      try {
        pending.incrementAndGet();
        sender.schedule(
            () -> {
              try {
                send.run();
              } finally {
                pending.decrementAndGet();
              }
            },
            lag.toMillis(),
            TimeUnit.MILLISECONDS);
        return true;
      } catch (RejectedExecutionException closed) {
        return false;
      }
    }
  }
}
