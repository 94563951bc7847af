package io.spotdraftsync.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (both installed by {@code .ci/run}:
 * {@code apt-get install chromium chromium-driver}). Selenium is given both paths, so Selenium Manager never tries
 * to download a driver or a browser (this machine has no internet). The flags keep Chromium from opening any
 * connection of its own (updates, sync, QUIC), which the closed network would refuse.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * Selenium warns at every start that it has no DevTools (CDP) binding for this Chromium version: the tests use
     * WebDriver only, so that warning is noise. Held here because java.util.logging keeps loggers weakly.
     */
    private static final Logger CDP_WARNINGS = quiet("org.openqa.selenium.devtools");
    private static final Logger CHROMIUM_WARNINGS = quiet("org.openqa.selenium.chromium");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Fails with what to install when the browser or its driver is missing. */
    public static HeadlessChromium start() throws IOException {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException(BROWSER + " and " + DRIVER + " are needed by the browser tests: "
                    + "apt-get install -y chromium chromium-driver (as .ci/run does)");
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile, "--window-size=1280,900",
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        // every page records what its Content-Security-Policy refused, from before its own scripts run (chromedriver's
        // CDP pass-through: no DevTools binding needed)
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", """
                window.__cspViolations = [];
                document.addEventListener('securitypolicyviolation',
                    (e) => window.__cspViolations.push(e.violatedDirective + ' refused ' + (e.blockedURI || 'inline')));
                """));
        return new HeadlessChromium(driver, profile);
    }

    /** What the Content-Security-Policy of the page shown refused since it was loaded (directive and what). */
    @SuppressWarnings("unchecked")
    public java.util.List<String> contentSecurityPolicyViolations() {
        Object found = ((JavascriptExecutor) driver).executeScript("return window.__cspViolations || null;");
        if (found == null) {
            throw new IllegalStateException("the page shown records no Content-Security-Policy violations (not loaded since start?)");
        }
        return (java.util.List<String>) found;
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The whole page, not only the window: the window is made as tall as the page first. */
    public Path screenshot(Path file) throws IOException {
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.ceil(Math.max(document.body.scrollHeight, document.documentElement.scrollHeight));");
        Dimension size = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(6000, height + 140)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                FileSystemUtils.deleteRecursively(profile);
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
