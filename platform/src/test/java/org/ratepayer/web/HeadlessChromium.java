package org.ratepayer.web;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's Chromium driven headless, phone-sized, with waits that make page tests read like a payer's steps. */
final class HeadlessChromium implements AutoCloseable {

    /**
     * The axe-core rule sets every page is held to: WCAG 2.0 and 2.1 at levels A and AA, and Deque's best
     * practices (one main landmark, one h1, headings in order, no empty table headers...).
     */
    static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

    /** axe-core from the test classpath (see the root pom), read once and injected into each page checked. */
    private static String axeScript;

    final WebDriver driver;

    private HeadlessChromium(WebDriver driver) {
        this.driver = driver;
    }

    /** Skips the test when Chromium is missing on a developer's machine; CI installs it, so there it must be present. */
    static HeadlessChromium open() throws IOException {
        return open(false);
    }

    /**
     * @param recordNetwork keep Chrome's DevTools network events (the performance log), for {@link #requestsSent()}: every
     *                      request the page and its frames made, with what it posted
     */
    static HeadlessChromium open(boolean recordNetwork) throws IOException {
        boolean present = Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI must have Chromium and chromedriver (apt-get install chromium chromium-driver), and they are missing");
        }
        assumeTrue(present, "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=412,915", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        if (recordNetwork) {
            org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
            logs.enable(org.openqa.selenium.logging.LogType.PERFORMANCE, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver);
    }

    /** One request the browser sent: where, how, and what it carried in its body (empty when none). */
    record SentRequest(String url, String method, String body) {
    }

    private final java.util.List<SentRequest> sent = new java.util.ArrayList<>();
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Every request the browser has sent so far, from the pages and from their frames (Chrome DevTools'
     * {@code Network.requestWillBeSent} events; the browser must have been opened with {@code open(true)}).
     */
    java.util.List<SentRequest> requestsSent() {
        for (org.openqa.selenium.logging.LogEntry e : driver.manage().logs().get(org.openqa.selenium.logging.LogType.PERFORMANCE)) {
            try {
                com.fasterxml.jackson.databind.JsonNode m = mapper.readTree(e.getMessage()).path("message");
                if (!"Network.requestWillBeSent".equals(m.path("method").asText())) {
                    continue;
                }
                com.fasterxml.jackson.databind.JsonNode r = m.path("params").path("request");
                StringBuilder body = new StringBuilder(r.path("postData").asText(""));
                for (com.fasterxml.jackson.databind.JsonNode entry : r.path("postDataEntries")) {
                    if (entry.has("bytes")) {
                        body.append(new String(java.util.Base64.getDecoder().decode(entry.path("bytes").asText()), StandardCharsets.UTF_8));
                    }
                }
                sent.add(new SentRequest(r.path("url").asText(), r.path("method").asText(), body.toString()));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return java.util.List.copyOf(sent);
    }

    void get(String url) {
        driver.get(url);
    }

    /** Waits for the element: a click that submits a form returns before the next page has loaded. */
    WebElement element(String id) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        } catch (NoSuchElementException | TimeoutException e) {
            throw new AssertionError("no #" + id + " on " + driver.getCurrentUrl() + ":\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    String text(String id) {
        return element(id).getText();
    }

    /**
     * Clicks; when the element submits a form, waits until the page it was on is gone, so the next look
     * finds the answer page and not an element of the same id on the page before (a second error message
     * after a second submission, say).
     */
    void click(String id) {
        WebElement e = element(id);
        boolean submits = "submit".equalsIgnoreCase(e.getDomAttribute("type"));
        WebElement page = submits ? driver.findElement(By.tagName("html")) : null;
        e.click();
        if (page != null) {
            try {
                new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> gone(page));
            } catch (TimeoutException stayed) {
                // the form did not leave the page (the browser's own validation, say): what it shows is the answer
            }
        }
    }

    /**
     * Whether the page an element belonged to has been left. Mid-navigation Chromium may answer that the node
     * "does not belong to the document" instead of calling it stale: the old document is gone all the same.
     */
    private static boolean gone(WebElement oldPage) {
        try {
            oldPage.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /**
     * Clicks a link that takes the whole window away from the frame it is in ({@code target="_top"}), then waits in
     * the top window for the URL. Chromium may answer the click itself with "target frame detached": the frame went
     * away while the command was returning, which is what the link is for.
     */
    void clickOutOfFrame(String id, String expectedUrl) {
        try {
            element(id).click();
        } catch (WebDriverException e) {
            if (!String.valueOf(e.getMessage()).contains("frame detached")) {
                throw e;
            }
        }
        driver.switchTo().defaultContent();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(expectedUrl));
        } catch (TimeoutException e) {
            throw new AssertionError("the window did not go to " + expectedUrl + "; it is at " + driver.getCurrentUrl(), e);
        }
    }

    void clickLink(String text) {
        driver.findElement(By.linkText(text)).click();
    }

    void fill(String id, String value) {
        WebElement e = element(id);
        e.clear();
        e.sendKeys(value);
    }

    Object script(String asyncScript) {
        return ((JavascriptExecutor) driver).executeAsyncScript(asyncScript);
    }

    /** Fetches the link with the page's own session and says status, content type and the first five bytes. */
    String fetchStart(String linkId) {
        return String.valueOf(script("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('%s').href).then(r => r.arrayBuffer().then(b =>
                  done(r.status + ' ' + r.headers.get('content-type') + ' ' + String.fromCharCode(...new Uint8Array(b.slice(0, 5))))));
                """.formatted(linkId)));
    }

    /**
     * Runs axe-core on the page the browser shows now (or on the frame it has switched to; a page's frames are not
     * entered: the processor's hosted fields are checked on their own, with {@link #inHostedFields}) and fails with
     * every violation: rule, impact, what it asks for and, for each offending element, its selector, its
     * HTML and axe's account of what is wrong. Call it where a payer would be looking at a new page state.
     */
    void assertAccessible(String pageName) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "complete".equals(js.executeScript("return document.readyState")));
        // WebDriver's scripts run outside the page's Content-Security-Policy, which allows no inline script.
        js.executeScript(axe());
        Object found = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations'], iframes: false})
                  .then(r => done(r.violations.map(v => ({id: v.id, impact: String(v.impact), help: v.help, url: v.helpUrl,
                      nodes: v.nodes.map(n => ({target: n.target.map(String).join(' '), html: n.html,
                                                summary: String(n.failureSummary || '')}))}))),
                        e => done('axe-core failed to run: ' + e));
                """, AXE_TAGS);
        // the document's own address: inside a frame the driver's current URL is the top page's
        String url = String.valueOf(js.executeScript("return location.href"));
        if (found instanceof String error) {
            throw new AssertionError(error + " on " + pageName + " (" + url + ")");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) found;
        if (!violations.isEmpty()) {
            throw new AssertionError(describe(pageName, url, violations));
        }
    }

    @SuppressWarnings("unchecked")
    private static String describe(String pageName, String url, List<Map<String, Object>> violations) {
        StringBuilder m = new StringBuilder().append(violations.size())
                .append(violations.size() == 1 ? " accessibility violation on " : " accessibility violations on ")
                .append(pageName).append(" (").append(url).append("):");
        for (Map<String, Object> v : violations) {
            m.append("\n- ").append(v.get("id")).append(" [").append(v.get("impact")).append("] ").append(v.get("help"))
                    .append(" (").append(v.get("url")).append(')');
            for (Map<String, Object> n : (List<Map<String, Object>>) v.get("nodes")) {
                m.append("\n    at ").append(n.get("target")).append("  ").append(n.get("html"));
                for (String line : String.valueOf(n.get("summary")).split("\n")) {
                    if (!line.isBlank()) {
                        m.append("\n      ").append(line.strip());
                    }
                }
            }
        }
        return m.toString();
    }

    private static synchronized String axe() {
        if (axeScript == null) {
            try (InputStream in = HeadlessChromium.class.getResourceAsStream("/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
                }
                axeScript = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeScript;
    }

    void findAccount(String payPageUrl, String account, String secondValue) {
        get(payPageUrl);
        fill("accountNumber", account);
        fill("secondValue", secondValue);
        click("find");
    }

    /**
     * Pays by card through the processor's hosted fields (docs/hosted-fields.md): the card is typed inside the sandbox
     * processor's frame, as a payer does, and the page posts only the token.
     */
    void payByCard(String amount, String number) {
        fill("amount", amount);
        click("method-card");
        typeCard(number);
        click("review");
    }

    /** Types a card into the sandbox processor's frame (the page's card fields under hosted entry). */
    void typeCard(String number) {
        inHostedFields("CARD", () -> {
            fill("cardNumber", number);
            fill("expMonth", "12");
            fill("expYear", "2099");
            fill("cvv", "123");
            fill("postalCode", "49331");
        });
    }

    /** Types a bank account into the sandbox processor's frame, once the page shows the bank fields. */
    void typeBank(String routing, String account) {
        inHostedFields("ACH", () -> {
            fill("routingNumber", routing);
            fill("bankAccountNumber", account);
        });
    }

    /**
     * Does {@code steps} inside the sandbox processor's frame for {@code method} ("CARD" or "ACH") of the page (or frame)
     * the driver is in, then comes back to it. The frame is the processor's, on its own origin: the page's script cannot reach into it, only a payer
     * (or the driver, acting as one) can.
     */
    void inHostedFields(String method, Runnable steps) {
        WebElement frame;
        try {
            frame = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElements(By.id("sandbox-fields-frame")).stream()
                    .filter(f -> String.valueOf(f.getDomAttribute("src")).contains("method=" + method)).findFirst().orElse(null));
        } catch (TimeoutException e) {
            throw new AssertionError("no sandbox fields frame for " + method + " on " + driver.getCurrentUrl() + ":\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
        driver.switchTo().frame(frame);
        try {
            steps.run();
        } finally {
            // back to the page that holds the fields, which may itself be framed (Pay Now in a partner's portal)
            driver.switchTo().parentFrame();
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
