package dev.tnsrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/systemd: the unit as systemd reads it ({@code systemd-analyze verify}, installed by
 * scripts/prerequisites), laid out under a root as docs/hosting.md installs it — the unit in /etc/systemd/system,
 * the environment file in /etc/tnsrelay, bin/tnsrelay in /opt/tnsrelay/bin, the system's own units beside them.
 * systemd says what it ignores without failing, so any word about the two files fails the test; and the unit
 * names only variables the environment file sets, all of which bin/tnsrelay reads.
 */
class SystemdUnitTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path UNIT = REPO.resolve("packaging/systemd/tnsrelay.service");
    private static final Path ENV = REPO.resolve("packaging/systemd/tnsrelay.env");

    @Test
    void systemdAnalyzeVerifiesTheUnitWithoutAWord(@TempDir Path root) throws Exception {
        Path units = Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.copy(UNIT, units.resolve("tnsrelay.service"));
        Files.copy(ENV, Files.createDirectories(root.resolve("etc/tnsrelay")).resolve("tnsrelay.env"));
        Path bin = Files.createDirectories(root.resolve("opt/tnsrelay/bin"));
        Files.copy(REPO.resolve("bin/tnsrelay"), bin.resolve("tnsrelay"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String dir : List.of("lib/systemd/system", "usr/lib/systemd/system")) {
            copyUnits(Path.of("/").resolve(dir), root.resolve(dir));
        }
        Process p = new ProcessBuilder("systemd-analyze", "verify", "--root=" + root,
                units.resolve("tnsrelay.service").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> about = out.lines().filter(l -> l.contains("tnsrelay")).toList();
        assertEquals(List.of(), about, "what systemd says about the unit or its files:\n" + out);

        Files.writeString(units.resolve("tnsrelay.service"), Files.readString(UNIT).replace("Type=exec", "Type=exce"));
        Process typo = new ProcessBuilder("systemd-analyze", "verify", "--root=" + root,
                units.resolve("tnsrelay.service").toString()).redirectErrorStream(true).start();
        String typoOut = new String(typo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(typo.waitFor(60, TimeUnit.SECONDS));
        assertTrue(typoOut.contains("tnsrelay.service:") && typoOut.contains("exce"),
                "the same check sees a mistake: " + typoOut);
    }

    @Test
    void theUnitUsesOnlyWhatTheEnvironmentFileSetsAndBinTnsrelayReads() throws IOException {
        String unit = Files.readString(UNIT);
        List<String> set = Files.readAllLines(ENV).stream().filter(l -> l.matches("[A-Z_]+=.*"))
                .map(l -> l.substring(0, l.indexOf('='))).toList();
        var used = java.util.regex.Pattern.compile("\\$\\{?([A-Z_]+)").matcher(unit);
        while (used.find()) {
            assertTrue(set.contains(used.group(1)), used.group(1) + " is used by the unit but not set in tnsrelay.env");
        }
        String script = Files.readString(REPO.resolve("bin/tnsrelay"));
        for (String name : set) {
            if (!name.equals("TNSRELAY_OPTS")) { // the unit's own: Payara Micro's options on ExecStart
                assertTrue(script.contains(name) || name.equals("TNS_ADMIN") || name.equals("TNSRELAY_HOME"),
                        name + " is set in tnsrelay.env but bin/tnsrelay does not read it");
            }
        }
    }

    /** The system's units, as files (symbolic links between them followed), for systemd to load under the root. */
    private static void copyUnits(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) { // follows links; unit drop-in folders are not needed for a verify
                    Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
