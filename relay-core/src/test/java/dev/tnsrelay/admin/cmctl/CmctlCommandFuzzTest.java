package dev.tnsrelay.admin.cmctl;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tnsrelay.admin.AdminError;
import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.fuzz.Contract;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Fuzz target for the cmctl grammar: a command line is a command, or the administrator's error (TNS-04xxx). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CmctlCommandFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        try {
            CmctlCommand c = CmctlCommand.parse(line);
            c.filter().at(java.time.Instant.EPOCH);
            c.filter().text();
        } catch (AdminException e) {
            Contract.explained(e);
            if (e.error().kind() != AdminError.Kind.MISTAKE) {
                throw new AssertionError("a command line that does not parse is the administrator's mistake, not "
                        + e.error(), e);
            }
        }
    }
}
