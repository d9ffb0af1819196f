package dev.tnsrelay.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven by its chromedriver, with screenshots kept as test output. */
final class AdminScreens implements AutoCloseable {

    final ChromeDriver browser;
    private final Path screenshots;
    private final WebDriverWait wait;

    AdminScreens(Path screenshots) throws Exception {
        this.screenshots = Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900",
                "--user-data-dir=" + Files.createTempDirectory(Path.of("target"), "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    void screenshot(String name) throws Exception {
        Files.write(screenshots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    WebElement find(String css) {
        return wait.until(d -> d.findElement(By.cssSelector(css)));
    }

    /** Waits until the condition holds; the live pages are redrawn under the test's feet, so stale reads retry. */
    void until(java.util.function.Function<WebDriver, Boolean> condition) {
        wait.ignoring(StaleElementReferenceException.class).until(condition);
    }

    void clickWhenThere(String css) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    @Override
    public void close() {
        browser.quit();
    }
}
