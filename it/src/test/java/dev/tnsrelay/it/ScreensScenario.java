package dev.tnsrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.FakeTnsListener;
import java.net.URI;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openqa.selenium.By;

/**
 * What an administrator does in the screens, in a real browser: log in, watch a live session of a real ojdbc
 * client appear, close it, and mistype a rule. Screenshots of each step go to target/screenshots.
 */
final class ScreensScenario {

    private ScreensScenario() {
    }

    static void run(AdminScreens s, URI admin, String password, Supplier<CompletableFuture<SQLException>> client,
            FakeTnsListener db) throws Exception {
        s.browser.get(admin.toString());
        s.until(d -> d.getCurrentUrl().endsWith("/login.html"));
        s.find("#user").sendKeys("admin");
        s.find("#password").sendKeys("not-the-password");
        s.find("#login").click();
        s.until(d -> d.findElement(By.id("login-error")).getText().contains("wrong"));
        s.screenshot("01-login-refused");
        s.find("#password").clear();
        s.find("#password").sendKeys(password);
        s.find("#login").click();
        s.until(d -> d.findElement(By.id("status")).getText().contains("cman_it"));
        s.screenshot("02-status");

        CompletableFuture<SQLException> session = client.get();
        assertTrue(db.awaitBytesAfterAccept(20), "the ojdbc session is established end to end");
        s.browser.get(admin + "#connections");
        s.until(d -> d.findElements(By.cssSelector("#connections tr")).stream()
                .anyMatch(r -> r.getText().contains("crm") && r.getText().contains("established")));
        s.screenshot("03-live-session");
        s.clickWhenThere("#connections tr button.close");
        s.until(d -> d.findElement(By.id("message")).getText().contains("1 connection closed"));
        s.until(d -> d.findElements(By.cssSelector("#connections tr")).isEmpty());
        s.screenshot("04-session-closed");
        SQLException cut = session.get(30, TimeUnit.SECONDS);
        assertTrue(cut.getMessage() != null, "the client saw its session end: " + cut);

        s.browser.get(admin + "#rules");
        s.until(d -> d.findElements(By.cssSelector("#rules tr")).size() == 2);
        s.find("#rule-text").clear();
        s.find("#rule-text").sendKeys("(RULE=(SRC=10.1.*)(DST=*)(SRV=*)(ACT=accept))");
        s.find("#rule-add").click();
        s.until(d -> d.findElement(By.id("rule-error")).getText().contains("10.1.0.0/16"));
        assertEquals("(SRC=10.1.*)", s.find("#rule-error mark").getText(), "the error is marked where it is");
        assertEquals(2, s.browser.findElements(By.cssSelector("#rules tr")).size(), "nothing was added");
        s.screenshot("05-rule-error");
    }

    /** After a shutdown: the screens say the instance is stopped, its gateways too, and offer to start it up. */
    static void stopped(AdminScreens s, URI admin, String password) throws Exception {
        s.browser.get(admin.toString());
        s.until(d -> d.getCurrentUrl().endsWith("/login.html"));
        s.find("#user").sendKeys("admin");
        s.find("#password").sendKeys(password);
        s.find("#login").click();
        s.until(d -> d.findElement(By.id("status")).getText().contains("STOPPED"));
        assertEquals("cman_it (STOPPED)", s.find("#instance").getText());
        assertTrue(s.find("#startup").isDisplayed(), "Start up is offered");
        assertFalse(s.find("#shutdown-abort").isDisplayed(), "shutting down again is not");
        s.screenshot("06-instance-stopped");
        s.browser.get(admin + "#gateways");
        s.until(d -> !d.findElements(By.cssSelector("#gateways tr")).isEmpty() && d.findElements(By.cssSelector(
                "#gateways tr")).stream().allMatch(r -> r.getText().contains("STOPPED")));
        assertTrue(s.browser.findElements(By.cssSelector("#gateways tr button")).isEmpty(),
                "no suspend or resume on a stopped gateway");
        s.screenshot("07-gateways-stopped");
    }
}
