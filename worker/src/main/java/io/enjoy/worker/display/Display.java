package io.enjoy.worker.display;

import io.enjoy.analysis.display.MimeRenderable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The display runtime notebook cells call; statically imported into every kernel
 * ({@code display(histogram)}). Objects implementing {@link MimeRenderable} show their richest
 * form; anything else shows {@code String.valueOf(obj)} as text/plain. The kernel installs the
 * sink that turns a bundle into a display_data output of the running cell.
 */
public final class Display {
  private static volatile Consumer<Map<String, String>> sink = bundle -> System.out.println(bundle.get(MimeRenderable.TEXT_PLAIN));

  private Display() {}

  /** Shows an object as a display_data output of the running cell. */
  public static void display(Object obj) {
    sink.accept(bundleOf(obj));
  }

  /** Shows content of one MIME type (e.g. "text/html", "image/svg+xml"), with a text/plain fallback. */
  public static void display(String mimeType, String content) {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put(mimeType, content);
    bundle.putIfAbsent(MimeRenderable.TEXT_PLAIN, "<" + mimeType + ">");
    sink.accept(bundle);
  }

  /** The mime bundle of an object: its own for a {@link MimeRenderable}, else its text. */
  public static Map<String, String> bundleOf(Object obj) {
    if (obj instanceof MimeRenderable renderable) {
      try {
        Map<String, String> bundle = renderable.mimeBundle();
        if (bundle != null && bundle.containsKey(MimeRenderable.TEXT_PLAIN)) {
          return bundle;
        }
        Map<String, String> withText = new LinkedHashMap<>(bundle == null ? Map.of() : bundle);
        withText.put(MimeRenderable.TEXT_PLAIN, String.valueOf(obj));
        return withText;
      } catch (RuntimeException e) {
        return Map.of(MimeRenderable.TEXT_PLAIN, String.valueOf(obj) + " (rich display failed: " + e + ")");
      }
    }
    return Map.of(MimeRenderable.TEXT_PLAIN, String.valueOf(obj));
  }

  /** Installed by the kernel at start; not for notebook code. */
  public static void installSink(Consumer<Map<String, String>> newSink) {
    sink = newSink;
  }
}
