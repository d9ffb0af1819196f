package dev.tnsrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.openqa.selenium.By;

/**
 * Issue 11 in a real browser: a session whose SERVICE_NAME has thousands of characters keeps the connections table
 * within the window (cut in its column, the whole name in the tooltip), and Chromium holds the session cookie as
 * SameSite=Strict. A class of its own, as ScreensScenario: the in-container runner must not meet Selenium's types.
 */
final class LongTextScenario {

    private LongTextScenario() {
    }

    static void run(AdminScreens s, URI admin, String password, String service) throws Exception {
        s.browser.get(admin.toString());
        s.until(d -> d.getCurrentUrl().endsWith("/login.html"));
        s.find("#user").sendKeys("admin");
        s.find("#password").sendKeys(password);
        s.find("#login").click();
        s.until(d -> d.findElement(By.id("status")).getText().contains("cman_it"));
        assertEquals("Strict", s.browser.manage().getCookieNamed("JSESSIONID").getSameSite());

        s.browser.get(admin + "#connections");
        s.until(d -> (Boolean) s.browser.executeScript("return [...document.querySelectorAll('#connections tr')]"
                + ".some(r => r.textContent.includes(arguments[0]))", service));
        s.screenshot("08-long-service-name");
        @SuppressWarnings("unchecked")
        List<Number> widths = (List<Number>) s.browser.executeScript("const t = document.getElementById('connections')"
                + ".closest('table'); return [t.getBoundingClientRect().width, document.documentElement.scrollWidth,"
                + " window.innerWidth];");
        double table = widths.get(0).doubleValue();
        double page = widths.get(1).doubleValue();
        double window = widths.get(2).doubleValue();
        assertTrue(table <= window && page <= window, "table " + table + " px, page " + page + " px, window " + window);
        assertEquals(service, s.browser.executeScript("return [...document.querySelectorAll('#connections span.clip')]"
                + ".map(e => e.title).find(t => t.length > 100)"), "the whole name in the tooltip");
    }
}
