package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by chromium-driver, pointed at the console of the server under test.
 * Every wait is explicit (WebDriverWait); each window has its own sessionStorage, so one window is one
 * logged-in person.
 */
public final class Browser implements AutoCloseable {
    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    public Browser(String base) {
        this(base, List.of());
    }

    /** With more Chromium switches (e.g. a proxy: {@code SsoConsoleIT}). */
    public Browser(String base, List<String> extraArguments) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        for (String f : List.of(CHROMIUM, DRIVER)) {
            if (!new File(f).canExecute()) {
                throw new IllegalStateException("cannot find " + f + ": install chromium and chromium-driver (.ci/run does it with apt-get)");
            }
        }
        try {
            Files.createDirectories(Path.of("target"));
            this.profile = Files.createTempDirectory(Path.of("target"), "chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--disable-extensions", "--window-size=1280,900", "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.addArguments(extraArguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** A fresh explicit wait (15 s): FluentWait's settings mutate, so no wait is shared. */
    public WebDriverWait await() {
        return (WebDriverWait) new WebDriverWait(driver, PATIENCE)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /** Opens a console path (or a full URL) in the current window. */
    public Browser open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        return this;
    }

    /** A new window: a fresh sessionStorage, so nobody is logged in there. Returns its handle. */
    public String newWindow() {
        driver.switchTo().newWindow(WindowType.WINDOW);
        return driver.getWindowHandle();
    }

    public String window() {
        return driver.getWindowHandle();
    }

    public Browser switchTo(String window) {
        driver.switchTo().window(window);
        return this;
    }

    /** The path of the current page (without origin, query or fragment). */
    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public Browser awaitPath(String regex) {
        await().until(d -> path().matches(regex));
        return this;
    }

    public WebElement find(By by) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** The heading of the page, once the page has rendered it. */
    public String heading() {
        return find(By.cssSelector("main h1")).getText();
    }

    public Browser awaitHeading(String text) {
        await().until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
        return this;
    }

    /** The message at the top of the page once one of {@code kind} (success, error, info) contains {@code text}. */
    public String awaitMessage(String kind, String text) {
        By by = By.cssSelector("#messages .msg[data-kind='" + kind + "']");
        return await().withMessage(() -> "a " + kind + " message containing '" + text + "'; messages now: " + messages())
                .until(d -> d.findElements(by).stream().map(WebElement::getText).filter(t -> t.contains(text)).findFirst().orElse(null));
    }

    public String messages() {
        return driver.findElements(By.cssSelector("#messages .msg")).stream().map(WebElement::getText).collect(Collectors.joining(" | "));
    }

    /** The form control labelled {@code label} inside {@code scope} (the label's text up to any hint). */
    public WebElement field(SearchContext scope, String label) {
        WebElement l = await().until(d -> scope.findElements(By.xpath(".//label[normalize-space()=" + xpathLiteral(label) + "]"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    public WebElement field(String label) {
        return field(driver, label);
    }

    public Browser type(SearchContext scope, String label, String value) {
        WebElement input = field(scope, label);
        input.clear();
        input.sendKeys(value);
        return this;
    }

    public Browser type(String label, String value) {
        return type(driver, label, value);
    }

    public Browser click(SearchContext scope, String buttonText) {
        await().until(d -> scope.findElements(By.xpath(".//button[normalize-space()=" + xpathLiteral(buttonText) + "]"))
                .stream().filter(e -> e.isDisplayed() && e.isEnabled()).findFirst().orElse(null)).click();
        return this;
    }

    public Browser click(String buttonText) {
        return click(driver, buttonText);
    }

    public Browser clickLink(String text) {
        find(By.linkText(text)).click();
        return this;
    }

    /** The open modal dialog. */
    public WebElement dialog() {
        return find(By.cssSelector("dialog[open]"));
    }

    public Browser awaitNoDialog() {
        await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog[open]"), 0));
        return this;
    }

    /** The text of the error shown inside the open dialog, once there is one. */
    public String dialogError() {
        return await().until(d -> {
            String t = dialog().findElement(By.cssSelector(".dialog-errors")).getText();
            return t.isBlank() ? null : t;
        });
    }

    /** The user list's row of {@code email}. */
    public WebElement row(String email) {
        return find(By.cssSelector("tr[data-email='" + email + "']"));
    }

    public Browser awaitNoRow(String email) {
        await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-email='" + email + "']"), 0));
        return this;
    }

    /** The actions offered in the row's menu ("Edit", "Deactivate"…); empty when the row offers none. */
    public List<String> rowActions(String email) {
        return row(email).findElements(By.cssSelector("[data-action]")).stream()
                .map(e -> e.getAttribute("data-action")).toList();
    }

    /** Opens the row's menu and picks {@code action}. */
    public Browser rowAction(String email, String action) {
        WebElement row = row(email);
        row.findElement(By.cssSelector("details.menu summary")).click();
        await().until(ExpectedConditions.elementToBeClickable(row.findElement(By.cssSelector("[data-action='" + action + "']")))).click();
        return this;
    }

    /** Whether the focused element is inside the open dialog. */
    public boolean focusInDialog() {
        return Boolean.TRUE.equals(js("return !!(document.activeElement && document.activeElement.closest('dialog[open]'));"));
    }

    public String focusedText() {
        return (String) js("return document.activeElement ? (document.activeElement.textContent || '').trim() : '';");
    }

    public Browser press(CharSequence key) {
        driver.switchTo().activeElement().sendKeys(key);
        return this;
    }

    public Browser escape() {
        return press(Keys.ESCAPE);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Every visible form control on the page has a label (an accessible name from a <label>). */
    public void assertControlsLabelled() {
        Object unlabelled = js("return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
                + ".filter(i => i.offsetParent !== null && i.labels.length === 0).map(i => i.name);");
        assertThat((List<?>) unlabelled).as("form controls without a label").isEmpty();
    }

    /** No Content-Security-Policy violation and no script error in the browser console so far. */
    public void assertNoConsoleErrors() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // a refused API call (4xx) is logged by the browser as a failed resource: that is the API answering
                .filter(e -> !e.getMessage().contains("/api/v1/") || e.getMessage().contains("Content Security Policy"))
                .toList();
        assertThat(severe).extracting(LogEntry::getMessage).as("browser console errors").isEmpty();
    }

    /** Saves a PNG of the whole page (the viewport stretched to the page's height for the shot) under target/screenshots. */
    public Path screenshot(String name) {
        long width = ((Number) js("return window.innerWidth;")).longValue();
        long height = ((Number) js("return Math.max(window.innerHeight, document.documentElement.scrollHeight);")).longValue();
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", Math.min(height, 4000), "deviceScaleFactor", 1, "mobile", false));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Local storage stays empty: the session token lives in this window's sessionStorage only. */
    public Map<String, Object> storage() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) js("return {local: localStorage.length, session: Object.keys(sessionStorage)};");
        return m;
    }

    static String xpathLiteral(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        return "concat('" + s.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover profile under target/ is harmless
        }
    }
}
