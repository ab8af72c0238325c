package io.enjoy.conf.schema;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A rule across several settings, checked once each of them parsed. The message blames
 * {@code key}, the setting an admin has to change.
 *
 * @param key    the setting named in the error
 * @param reads  every setting the rule looks at; the rule is skipped if one of them already failed
 * @param broken true when the typed values (key → value) break the rule
 * @param reason what is wrong, completing "&lt;key&gt;: ..."
 */
public record CrossRule(String key, List<String> reads, Predicate<Map<String, Object>> broken, String reason) {}
