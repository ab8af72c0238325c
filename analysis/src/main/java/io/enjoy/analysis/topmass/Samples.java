package io.enjoy.analysis.topmass;

import io.enjoy.analysis.Interrupts;
import io.enjoy.analysis.data.Event;
import io.enjoy.analysis.data.EventReader;
import io.enjoy.analysis.data.RowParser;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads exercise files into {@link SampleSummary}s. The calling thread reads lines; parsing and
 * the per-event physics run in batches on a small pool (one thread per available core), with a
 * bounded number of batches in flight, so memory stays small and the order of events is kept.
 * Errors keep the reader's message (file, line, column).
 */
public final class Samples {

    private static final int BATCH = 2048;

    private Samples() {
    }

    /** The summary of one file, using all available cores. */
    public static SampleSummary summarise(Path file) {
        return summarise(file, Runtime.getRuntime().availableProcessors());
    }

    public static SampleSummary summarise(Path file, int threads) {
        if (threads <= 1) {
            try (EventReader r = EventReader.open(file)) {
                return SampleSummary.of(r);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "enjoy-analysis-parse");
            t.setDaemon(true);
            return t;
        });
        try (EventReader reader = EventReader.open(file)) {
            RowParser parser = reader.rowParser();
            SampleSummary out = SampleSummary.empty();
            ArrayDeque<Future<SampleSummary>> inFlight = new ArrayDeque<>();
            while (true) {
                Interrupts.check("reading " + file);
                List<String> lines = new ArrayList<>(BATCH);
                List<Long> numbers = new ArrayList<>(BATCH);
                String l;
                while (lines.size() < BATCH && (l = reader.nextLine()) != null) {
                    lines.add(l);
                    numbers.add(reader.lineNumber());
                }
                if (!lines.isEmpty()) {
                    inFlight.add(pool.submit(() -> {
                        List<Event> events = new ArrayList<>(lines.size());
                        for (int i = 0; i < lines.size(); i++) {
                            events.add(parser.parse(lines.get(i), numbers.get(i)));
                        }
                        return SampleSummary.ofBatch(events);
                    }));
                }
                while (!inFlight.isEmpty() && (inFlight.size() > 2 * threads || lines.isEmpty())) {
                    out.append(join(inFlight.poll()));
                }
                if (lines.isEmpty()) {
                    return out;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static SampleSummary join(Future<SampleSummary> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("reading was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
