package io.enjoy.analysis;

import java.util.concurrent.CancellationException;

/**
 * Cooperative cancellation for long loops (reading files, fits, scans, generation): the kernel
 * stops a notebook cell by interrupting its thread, and every long loop in this library calls
 * {@link #check(String)} so the cell stops promptly instead of running to the end.
 */
public final class Interrupts {

    private Interrupts() {
    }

    /**
     * Throws a {@link CancellationException} if the current thread was interrupted. The interrupt
     * flag is kept set, so callers further up still see it.
     *
     * @param what what was running, for the message ("reading data.csv", "MIGRAD", ...)
     */
    public static void check(String what) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException(what + " was interrupted");
        }
    }
}
