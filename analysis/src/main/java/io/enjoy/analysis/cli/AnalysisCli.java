package io.enjoy.analysis.cli;

import io.enjoy.analysis.data.EventFileException;
import io.enjoy.analysis.toy.Dataset;
import io.enjoy.analysis.toy.ToyModel;
import io.enjoy.analysis.topmass.SampleSummary;
import io.enjoy.analysis.topmass.Samples;
import io.enjoy.analysis.topmass.TopMassAnalysis;
import io.enjoy.analysis.topmass.TopMassResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Command line of the analysis module ({@code bin/enjoy analysis ...}):
 * <pre>
 *   topmass  --data DIR [--plots DIR | --no-plots] [--threads N] [--json FILE]
 *   generate --out DIR [--seed N] [--ttbar N] [--wjets N] [--data N] [--signal-fraction F]
 *            [--data-top-mass M | --hidden-mass]
 * </pre>
 * Exit status: 0 success, 2 bad usage, 1 bad input data or a failed step; the message names the cause.
 */
public final class AnalysisCli {

    static final String USAGE = """
            usage: enjoy analysis <command> [options]
              topmass  --data DIR [--plots DIR | --no-plots] [--threads N] [--json FILE]
                       runs the top-mass exercise on DIR/MC_TTBar_NJets2.csv, DIR/MC_WJets_NJets2.csv and
                       DIR/data_NJets4.csv, prints the results table and writes SVG plots (default DIR/plots)
              generate --out DIR [--seed N] [--ttbar N] [--wjets N] [--data N] [--signal-fraction F]
                       [--data-top-mass M | --hidden-mass]
                       writes a toy data set in the exercise's format (defaults: seed 1, 100000 tt̄,
                       100000 W+jets, 20000 data events, signal fraction 0.5, data top mass 172.5 GeV;
                       --hidden-mass draws the data mass in [168, 177] GeV and writes it to DIR/.truth only)
            """;

    private AnalysisCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Map<String, String> opts;
            switch (args[0]) {
                case "topmass" -> {
                    opts = options(args, Set.of("--data", "--plots", "--threads", "--json"), Set.of("--no-plots"));
                    return topmass(opts, out);
                }
                case "generate" -> {
                    opts = options(args, Set.of("--out", "--seed", "--ttbar", "--wjets", "--data", "--signal-fraction", "--data-top-mass"),
                            Set.of("--hidden-mass"));
                    return generate(opts, out);
                }
                default -> throw new UsageException("unknown command '" + args[0] + "' (expected topmass or generate)");
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (EventFileException | IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String m) {
            super(m);
        }
    }

    private static Map<String, String> options(String[] args, Set<String> valued, Set<String> flags) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (flags.contains(a)) {
                m.put(a, "true");
            } else if (valued.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new UsageException("option " + a + " needs a value");
                }
                m.put(a, args[++i]);
            } else {
                throw new UsageException("unknown option '" + a + "' for " + args[0]);
            }
        }
        return m;
    }

    private static int integer(Map<String, String> o, String key, int dflt, int min) {
        String v = o.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n < min) {
                throw new UsageException(key + " must be at least " + min + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(key + " needs an integer, got '" + v + "'");
        }
    }

    private static double number(Map<String, String> o, String key, double dflt) {
        String v = o.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(key + " needs a number, got '" + v + "'");
        }
    }

    private static int topmass(Map<String, String> o, PrintStream out) throws IOException {
        String d = o.get("--data");
        if (d == null) {
            throw new UsageException("topmass needs --data DIR");
        }
        Path dir = Path.of(d);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--data " + dir + " is not a directory");
        }
        for (String f : List.of(Dataset.TTBAR_FILE, Dataset.WJETS_FILE, Dataset.DATA_FILE)) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new IllegalArgumentException("missing input file " + dir.resolve(f) + " (expected "
                        + Dataset.TTBAR_FILE + ", " + Dataset.WJETS_FILE + " and " + Dataset.DATA_FILE + ")");
            }
        }
        int threads = integer(o, "--threads", Runtime.getRuntime().availableProcessors(), 1);
        long t0 = System.nanoTime();
        SampleSummary tt = Samples.summarise(dir.resolve(Dataset.TTBAR_FILE), threads);
        SampleSummary wj = Samples.summarise(dir.resolve(Dataset.WJETS_FILE), threads);
        SampleSummary da = Samples.summarise(dir.resolve(Dataset.DATA_FILE), threads);
        long t1 = System.nanoTime();
        TopMassResult r = TopMassAnalysis.run(tt, wj, da);
        long t2 = System.nanoTime();
        out.print(r.table());
        if (!o.containsKey("--no-plots")) {
            Path plots = Path.of(o.getOrDefault("--plots", dir.resolve("plots").toString()));
            List<Path> written = PlotsWriter.write(r, tt, wj, plots);
            out.printf(Locale.ROOT, "plots: %d SVG files in %s%n", written.size(), plots);
        }
        if (o.containsKey("--json")) {
            Files.writeString(Path.of(o.get("--json")), ResultJson.of(r));
        }
        out.printf(Locale.ROOT, "events: tt̄ %d, W+jets %d, data %d; reading+physics %.2f s, fits %.2f s%n",
                tt.size(), wj.size(), da.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        return 0;
    }

    private static int generate(Map<String, String> o, PrintStream out) throws IOException {
        String d = o.get("--out");
        if (d == null) {
            throw new UsageException("generate needs --out DIR");
        }
        long seed = integer(o, "--seed", 1, 0);
        boolean hidden = o.containsKey("--hidden-mass");
        if (hidden && o.containsKey("--data-top-mass")) {
            throw new UsageException("--hidden-mass and --data-top-mass exclude each other");
        }
        double mass = hidden ? 168 + 9 * new SplittableRandom(seed ^ 0x5DEECE66DL).nextDouble() : number(o, "--data-top-mass", 172.5);
        Dataset ds = new Dataset(seed, integer(o, "--ttbar", 100_000, 1), integer(o, "--wjets", 100_000, 1),
                integer(o, "--data", 20_000, 1), number(o, "--signal-fraction", 0.5), mass, ToyModel.defaults());
        Path dir = Path.of(d);
        ds.write(dir);
        if (hidden) {
            Files.writeString(dir.resolve(".truth"), String.format(Locale.ROOT, "data_top_mass=%.6f%n", mass));
        }
        out.println("wrote " + ds.describe() + " to " + dir + (hidden ? " (data top mass hidden in " + dir.resolve(".truth") + ")"
                : String.format(Locale.ROOT, " (data top mass %.3f GeV)", mass)));
        return 0;
    }
}
