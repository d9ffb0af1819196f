package dev.tnsrelay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.cmctl.Cmctl;
import dev.tnsrelay.testing.FakeTnsListener;
import dev.tnsrelay.testing.TestInstance;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule tester agrees with the gateway: for each case, what {@code show rules for <src> <dst> <service>}
 * answers is what the gateway does to the same connect sent for real by ojdbc from 127.0.0.1 — accepted (the
 * listener behind answers), rejected with ORA-12529, or dropped without a word.
 */
class RuleCheckIT {

    private static final String CMAN = "cman_test = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=0))\n"
            + "(RULE_LIST=\n"
            + "  (RULE=(SRC=*)(DST=*)(SRV=payroll)(ACT=reject))\n"
            + "  (RULE=(SRC=127.0.0.1)(DST=10.9.9.9)(SRV=*)(ACT=drop))\n"
            + "  (RULE=(SRC=10.0.0.0/8)(DST=*)(SRV=*)(ACT=accept))\n"
            + "  (RULE=(SRC=127.0.0.1)(DST=127.0.0.1)(SRV=sales)(ACT=accept))\n"
            + "  (RULE=(SRC=localhost)(DST=localhost)(SRV=hr)(ACT=accept))))\n";

    /** One connect: the next hop's host as the client writes it, the service, and what both must say. */
    private record Case(String destination, String service, int rule, String action) {
    }

    private static final Case[] CASES = {
        new Case("127.0.0.1", "payroll", 1, "reject"),
        new Case("10.9.9.9", "sales", 2, "drop"),
        new Case("127.0.0.1", "sales", 4, "accept"),
        new Case("localhost", "hr", 5, "accept"),
        new Case("127.0.0.1", "hr", 5, "accept"),
        new Case("127.0.0.1", "crm", 0, "reject"),
        new Case("localhost", "sales", 4, "accept"),
        new Case("10.9.9.8", "sales", 0, "reject"),
    };

    private static int ojdbc(String descriptor) {
        Properties p = new Properties();
        p.setProperty("user", "scott");
        p.setProperty("password", "tiger");
        p.setProperty("oracle.net.CONNECT_TIMEOUT", "15000");
        return assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:oracle:thin:@" + descriptor, p).close()).getErrorCode();
    }

    @Test
    void theTesterAndTheGatewayAgreeOnEveryCase(@TempDir Path dir) throws Exception {
        try (FakeTnsListener db = new FakeTnsListener(); TestInstance gw = TestInstance.start(dir, CMAN)) {
            Cmctl cmctl = new Cmctl(gw.admin());
            for (Case c : CASES) {
                RuleCheck check = gw.admin().checkRule(TestInstance.WATCHER, "127.0.0.1", c.destination(), c.service());
                assertEquals(c.rule(), check.position(), c + ": " + check);
                assertEquals(c.action(), check.action(), c + ": " + check);

                db.enqueue(new FakeTnsListener.Refuse(12514));
                int before = db.connections();
                String descriptor = "(DESCRIPTION=(SOURCE_ROUTE=YES)" + gw.address() + "(ADDRESS=(PROTOCOL=TCP)(HOST="
                        + c.destination() + ")(PORT=" + db.port() + "))(CONNECT_DATA=(SERVICE_NAME=" + c.service()
                        + ")))";
                int error = ojdbc(descriptor);
                switch (check.action()) {
                    case "accept" -> {
                        assertEquals(12514, error, c + ": the listener's answer, through the gateway");
                        assertTrue(db.takeConnect().connectData().contains("(SERVICE_NAME=" + c.service() + ")"));
                    }
                    case "reject" -> {
                        assertEquals(12529, error, c.toString());
                        assertEquals(before, db.connections(), c + ": never reached the listener");
                    }
                    default -> {
                        assertEquals(17800, error, c + ": closed without a word after the CONNECT");
                        assertEquals(before, db.connections(), c + ": never reached the listener");
                    }
                }
                String text = cmctl.run(TestInstance.WATCHER, "show rules for 127.0.0.1 " + c.destination() + " "
                        + c.service());
                assertTrue(text.contains(check.verdict()) && text.endsWith("The command completed successfully.\n"),
                        text);
            }
            String none = cmctl.run(TestInstance.WATCHER, "show rules for 127.0.0.1 127.0.0.1 crm");
            assertTrue(none.contains("no rule: ORA-12529"), none);
            String one = cmctl.run(TestInstance.WATCHER, "show rules for 127.0.0.1 127.0.0.1 sales");
            assertTrue(one.contains("  4 (RULE=(SRC=127.0.0.1)(DST=127.0.0.1)(SRV=sales)(ACT=accept))")
                    && one.contains("rule 4 accepts"), one);
        }
    }
}
