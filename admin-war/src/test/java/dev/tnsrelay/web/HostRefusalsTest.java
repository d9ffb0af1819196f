package dev.tnsrelay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * The WAR's own log line (issue 11, item 6): a refused Host header is the client's text, so it is written escaped
 * and bounded on one line — and a rebinding page that sends thousands gets one line a minute, not thousands.
 */
class HostRefusalsTest {

    @Test
    void aForgedOrHugeHostHeaderIsOneBoundedLineAndAFloodIsOneLine() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger web = Logger.getLogger("dev.tnsrelay.web");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(new SimpleFormatter().formatMessage(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        web.addHandler(capture);
        try {
            HostRefusals refusals = new HostRefusals();
            refusals.refused("evil.example\nuser=admin action=\"shutdown abort\"\r\n", "127.0.0.1");
            for (int i = 0; i < 10_000; i++) {
                refusals.refused("h".repeat(100_000), "127.0.0.1");
            }
            assertEquals(1, lines.size(), "one line for the first, the flood counted for the next: " + lines.size());
            String line = lines.get(0);
            assertTrue(line.indexOf('\n') < 0 && line.indexOf('\r') < 0 && line.length() < 1_000, line);
            assertTrue(line.contains("host \"evil.example\\nuser=admin action=\\\"shutdown abort\\\"\\r\\n\""), line);

            new HostRefusals().refused("h".repeat(100_000), "127.0.0.1");
            assertEquals(2, lines.size());
            assertTrue(lines.get(1).length() < 1_000 && lines.get(1).contains("h…(+99872 chars)"), lines.get(1));
        } finally {
            web.removeHandler(capture);
        }
    }
}
