package dev.tnsrelay.fuzz;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one fuzz target in Jazzer's fuzzing mode for a given time: what {@code bin/fuzz} starts, in the module
 * folder, with {@code JAZZER_FUZZ=1}. It seeds the generated corpus ({@code .cifuzz-corpus/<class>/<method>})
 * from the shared material, then runs the target's {@code @FuzzTest} through the JUnit Platform. Jazzer writes
 * each input that fails into the kept corpus ({@code src/test/resources/<package>/<Class>Inputs/<method>}),
 * where {@code mvn verify} runs it from then on. Exit status: 0 nothing found, 1 a finding, 2 a usage error.
 *
 * <p>The run length and input size go to libFuzzer as Jazzer's JUnit integration takes them today
 * ({@code jazzer.internal.arg.N}); JUnit's own {@code @Timeout} is switched off during the run, and Jazzer
 * applies the per-input timeout given here instead.
 */
public final class FuzzMain {

    /** An input that runs longer than this is a hang, and a finding. */
    static final int TIMEOUT_SECONDS = 10;

    /** One line of targets.txt. */
    record Target(String name, String className, String method, int maxLength, String description) {
    }

    private FuzzMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !args[1].matches("[1-9]\\d{0,6}")) {
            System.err.println("usage: FuzzMain <target> <seconds>");
            System.exit(2);
        }
        Target target = targets().stream().filter(t -> t.name().equals(args[0])).findFirst().orElse(null);
        if (target == null) {
            System.err.println("fuzz: no target " + args[0]);
            System.exit(2);
        }
        int seeded = seed(target);
        System.err.printf(Locale.ROOT, "fuzz: %s (%s#%s) for %s s, %d new seeds from the shared material%n",
                target.name(), target.className(), target.method(), args[1], seeded);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(target.className() + "#" + target.method() + "(byte[])"))
                .configurationParameter("junit.jupiter.execution.timeout.mode", "disabled")
                .configurationParameter("jazzer.internal.arg.0", "fuzz")
                .configurationParameter("jazzer.internal.arg.1", "-max_total_time=" + args[1])
                .configurationParameter("jazzer.internal.arg.2", "-max_len=" + target.maxLength())
                .configurationParameter("jazzer.internal.arg.3", "-timeout=" + TIMEOUT_SECONDS)
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.getFailures().forEach(f -> {
            System.err.println("fuzz: FINDING in " + f.getTestIdentifier().getDisplayName() + ":");
            f.getException().printStackTrace(System.err);
        });
        // java.base's view of the process (relay-core's module does not read jdk.management)
        long cpuNanos = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
        System.err.printf(Locale.ROOT, "fuzz: %s done: %d tests run, %d failed; process CPU %.1f s%n", target.name(),
                summary.getTestsStartedCount(), summary.getTotalFailureCount(), cpuNanos / 1e9);
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsStartedCount() > 0 ? 0 : 1);
    }

    /** The targets, from targets.txt beside this class. */
    static List<Target> targets() {
        try (InputStream in = FuzzMain.class.getResourceAsStream("targets.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.strip().split("\\s+", 4))
                    .map(f -> new Target(f[0], f[1].substring(0, f[1].indexOf('#')),
                            f[1].substring(f[1].indexOf('#') + 1), Integer.parseInt(f[2]), f[3]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int seed(Target target) {
        try {
            return Seeds.write(Seeds.of(target.name()), Path.of(".cifuzz-corpus", target.className(), target.method()));
        } catch (IllegalStateException e) {
            System.err.println("fuzz: no seeds from the shared material: " + e.getMessage());
            return 0;
        }
    }
}
