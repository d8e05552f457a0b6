package org.ratepayer.web;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's Chromium driven headless, phone-sized, with waits that make page tests read like a payer's steps. */
final class HeadlessChromium implements AutoCloseable {

    final WebDriver driver;

    private HeadlessChromium(WebDriver driver) {
        this.driver = driver;
    }

    /** Skips the test when Chromium is missing on a developer's machine; CI installs it, so there it must be present. */
    static HeadlessChromium open() throws IOException {
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
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver);
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
        boolean submits = "submit".equalsIgnoreCase(e.getAttribute("type"));
        WebElement page = submits ? driver.findElement(By.tagName("html")) : null;
        e.click();
        if (page != null) {
            try {
                new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));
            } catch (TimeoutException stayed) {
                // the form did not leave the page (the browser's own validation, say): what it shows is the answer
            }
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

    void findAccount(String payPageUrl, String account, String secondValue) {
        get(payPageUrl);
        fill("accountNumber", account);
        fill("secondValue", secondValue);
        click("find");
    }

    void payByCard(String amount, String number) {
        fill("amount", amount);
        click("method-card");
        fill("cardNumber", number);
        fill("expMonth", "12");
        fill("expYear", "2099");
        fill("cvv", "123");
        fill("postalCode", "49331");
        click("review");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
