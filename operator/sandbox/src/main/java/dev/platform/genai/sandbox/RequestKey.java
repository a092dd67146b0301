package dev.platform.genai.sandbox;

/**
 * "VERB resource[/subresource]" for a request path, e.g. "PUT rolebindings" or "PATCH
 * genaiprojects/status".
 */
final class RequestKey {
  private RequestKey() {}

  static String of(String method, String rawPath) {
    String path = rawPath == null ? "" : rawPath;
    int q = path.indexOf('?');
    boolean watch = q >= 0 && path.substring(q).contains("watch=true");
    if (q >= 0) {
      path = path.substring(0, q);
    }
    String[] parts = path.split("/");
    // /api/v1/[namespaces/NS/]RES[/NAME[/SUB]] or /apis/G/V/[namespaces/NS/]RES[/NAME[/SUB]]
    int i = path.startsWith("/apis/") ? 4 : 3;
    if (parts.length > i + 1 && "namespaces".equals(parts[i]) && parts.length > i + 2) {
      i += 2;
    }
    String resource = parts.length > i ? parts[i] : path;
    String sub = parts.length > i + 2 ? "/" + parts[i + 2] : "";
    String verb = watch ? "WATCH" : method;
    return verb + " " + resource + sub;
  }

  static boolean isWrite(String key) {
    return key.startsWith("POST ")
        || key.startsWith("PUT ")
        || key.startsWith("PATCH ")
        || key.startsWith("DELETE ");
  }
}
