package io.enjoy.analysis.display;

import java.util.Map;

/**
 * Something a notebook cell can show richly: the kernel's {@code display(obj)} asks the object
 * for a Jupyter "mime bundle" and puts it, unchanged, into the cell output's {@code data} field
 * (nbformat 4 {@code display_data} / {@code execute_result}).
 *
 * <h2>Contract of {@link #mimeBundle()}</h2>
 * <ul>
 *   <li>Keys are MIME types, values are the content as a string, exactly as nbformat stores it:
 *     <ul>
 *       <li>{@code "text/plain"} — <b>always present</b>; a short human-readable summary
 *           (what a terminal or a frontend without rich output shows).</li>
 *       <li>{@code "image/svg+xml"} — the complete SVG document as text (UTF-8, starts with
 *           {@code <svg}, carries {@code xmlns="http://www.w3.org/2000/svg"}, {@code width},
 *           {@code height} and {@code viewBox}, so it is readable both inline and saved as a file).</li>
 *       <li>{@code "image/png"} — the PNG bytes, base64-encoded without line breaks
 *           (nbformat's convention; no {@code data:} prefix).</li>
 *       <li>{@code "text/html"} — optional; an HTML fragment (not a whole document), for
 *           example a results table. Frontends must treat it as untrusted and sanitise it.</li>
 *     </ul></li>
 *   <li>The map is never null, is unmodifiable, and its iteration order is the order of
 *       preference (richest first, {@code text/plain} last); a frontend shows the first type it
 *       supports.</li>
 *   <li>Calling it is side-effect free and may be repeated; it may be expensive (rendering), so
 *       callers call it once per display. It does not block on I/O.</li>
 *   <li>It must not throw for a well-formed object; an object that cannot render its rich form
 *       returns only {@code text/plain}.</li>
 * </ul>
 *
 * <p>The kernel should fall back to {@code String.valueOf(obj)} as {@code text/plain} for objects
 * that do not implement this interface.
 */
public interface MimeRenderable {

    /** MIME type of the plain-text form that every bundle contains. */
    String TEXT_PLAIN = "text/plain";
    /** MIME type of an SVG document given as text. */
    String IMAGE_SVG = "image/svg+xml";
    /** MIME type of a PNG image given as base64 text. */
    String IMAGE_PNG = "image/png";
    /** MIME type of an HTML fragment. */
    String TEXT_HTML = "text/html";

    /**
     * The representations of this object, MIME type → content, richest first; always contains
     * {@link #TEXT_PLAIN}.
     */
    Map<String, String> mimeBundle();
}
