package dev.tnsrelay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolveCommandTest {

    @TempDir
    Path admin;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String tnsAdminEnv, String... args) {
        return ResolveCommand.run(args, tnsAdminEnv == null ? Map.of() : Map.of("TNS_ADMIN", tnsAdminEnv),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheMethodAndTheDescriptor() throws IOException {
        Files.writeString(admin.resolve("tnsnames.ora"),
                "sales = (DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=db1)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=sales)))\n");
        assertEquals(0, run(admin.toString(), "sales"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Used TNSNAMES adapter to resolve the alias"), text);
        assertTrue(text.contains("(ADDRESS = (PROTOCOL = tcp)(HOST = db1)(PORT = 1521))"), text);
        assertTrue(text.contains("(SERVICE_NAME = sales)"), text);
    }

    @Test
    void theOptionWinsOverTheEnvironmentAndEasyConnectNeedsNoFiles() {
        assertEquals(0, run("/nonexistent", "--tns-admin", admin.toString(), "db2:1600/hr"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Used EZCONNECT adapter"));
    }

    @Test
    void failuresAndUsage() throws IOException {
        Files.writeString(admin.resolve("sqlnet.ora"), "NAMES.DIRECTORY_PATH = (TNSNAMES)\n");
        assertEquals(1, run(admin.toString(), "nothing"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("TNS-03505: Failed to resolve name"), text);
        assertTrue(text.contains("ORA-12154"), text);
        assertEquals(2, run(null));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage: resolve"));
    }
}
