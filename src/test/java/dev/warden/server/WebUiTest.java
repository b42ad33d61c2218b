package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The approvers' web page in a real headless Chromium (Debian's chromium + chromedriver, see
 * .ci/setup-chromium.sh): sign in with a token, see the pending call in full, approve or reject
 * with a reason; the cookie is HttpOnly, Secure and SameSite=Strict; a POST without the CSRF
 * token changes nothing.
 */
class WebUiTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir Path tmp;
    ServerFixture f;
    WebDriver browser;
    String base;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "chromium not installed (/usr/bin/chromium, /usr/bin/chromedriver): run .ci/setup-chromium.sh");
        f = new ServerFixture(tmp, """
                version: 1
                rules:
                  - id: team/force-push
                    effect: approve
                    match: ["Bash(git push --force:*)"]
                    message: force-pushing rewrites shared history
                    approval: {expires: 60s}
                """);
        base = "http://localhost:" + f.runtime.port();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File(tmp.resolve("chromedriver.log").toString())).build();
        browser = new ChromeDriver(service, o);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // A click that submits a form returns before the next page is there: look for elements for a while.
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (f != null) {
            f.close();
        }
    }

    private CompletableFuture<ServerFixture.Response> gatedCall(String session) {
        String body = f.preToolUse(session, "git push --force origin");
        return CompletableFuture.supplyAsync(() -> f.send("POST", "/hooks/claude", f.aliceAgent, body, "application/json",
                Map.of("X-Warden-Hook-Timeout", "60")));
    }

    private String awaitPending() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var list = f.get("/v1/approvals", f.approver).json().path("approvals");
            if (!list.isEmpty()) {
                return list.get(0).path("id").asString();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no pending request");
    }

    private void signIn(String token) {
        browser.get(base + "/ui");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/login");
        browser.findElement(By.id("token")).sendKeys(token);
        var button = browser.findElement(By.id("login"));
        button.click();
        // Wait until the submitted form's page is gone, so what follows reads the answer page.
        // Chrome reports the old button either as stale or, mid-navigation, as a node that "does
        // not belong to the document": both mean the login page has been replaced.
        var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> {
            try {
                button.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
        wait.until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.readyState")));
    }

    @Test
    void anApproverSignsInSeesTheExactCallAndApprovesIt() throws Exception {
        var call = gatedCall("web-1");
        String id = awaitPending();

        signIn("wdn_wrong-wrong-wrong-wrong-wrong");
        assertThat(browser.findElement(By.id("error")).getText()).contains("not valid");
        signIn(f.aliceAgent);
        assertThat(browser.findElement(By.id("error")).getText()).contains("Agent tokens cannot sign in");
        signIn(f.approver);
        assertThat(browser.getCurrentUrl()).endsWith("/ui/approvals");
        assertThat(browser.findElement(By.id("who")).getText()).contains("bob");

        Cookie c = browser.manage().getCookieNamed(WebUi.COOKIE);
        assertThat(c).isNotNull();
        assertThat(c.isHttpOnly()).isTrue();
        assertThat(c.isSecure()).isTrue();
        assertThat(c.getSameSite()).isEqualTo("Strict");

        assertThat(browser.findElement(By.cssSelector("tr[data-id='" + id + "']")).getText()).contains("git push --force origin")
                .contains("alice");
        browser.findElement(By.linkText(id)).click();
        assertThat(browser.findElement(By.id("command")).getText()).isEqualTo("git push --force origin");
        assertThat(browser.findElement(By.id("findings")).getText()).contains("git.force-push");
        assertThat(browser.findElement(By.id("reasons")).getText()).contains("force-pushing rewrites shared history");
        assertThat(browser.findElement(By.id("requester")).getText()).isEqualTo("alice");
        assertThat(browser.findElement(By.id("session")).getText()).isEqualTo("web-1");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("pending");

        browser.findElement(By.id("approve-reason")).sendKeys("release day");
        browser.findElement(By.id("approve")).click();
        assertThat(browser.findElement(By.id("done")).getText()).contains("approved");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("approved");
        assertThat(browser.findElement(By.id("decided-by")).getText()).isEqualTo("bob");

        ServerFixture.Response r = call.get(30, TimeUnit.SECONDS);
        assertThat(r.json().path("hookSpecificOutput").path("permissionDecision").asString()).isEqualTo("allow");
        assertThat(r.json().path("hookSpecificOutput").path("permissionDecisionReason").asString()).contains("approved by bob (release day)");
    }

    @Test
    void aRejectionNeedsAReasonAndReachesTheAgent() throws Exception {
        var call = gatedCall("web-2");
        String id = awaitPending();
        signIn(f.approver);
        browser.get(base + "/ui/approvals/" + id);
        browser.findElement(By.id("reject-reason")).sendKeys("open a pull request instead");
        browser.findElement(By.id("reject")).click();
        assertThat(browser.findElement(By.id("done")).getText()).contains("rejected");
        ServerFixture.Response r = call.get(30, TimeUnit.SECONDS);
        assertThat(r.json().path("hookSpecificOutput").path("permissionDecisionReason").asString())
                .contains("rejected by bob: open a pull request instead");
    }

    @Test
    void aPostWithoutTheCsrfTokenChangesNothing() throws Exception {
        gatedCall("web-3");
        String id = awaitPending();
        signIn(f.approver);
        String session = browser.manage().getCookieNamed(WebUi.COOKIE).getValue();
        // The cookie alone (as a cross-site form would send it, were SameSite not there) is not enough.
        ServerFixture.Response forged = f.send("POST", "/ui/approvals/" + id + "/approve", null, "reason=forged",
                "application/x-www-form-urlencoded", Map.of("Cookie", WebUi.COOKIE + "=" + session));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");
        ServerFixture.Response wrong = f.send("POST", "/ui/approvals/" + id + "/approve", null, "csrf=guess&reason=forged",
                "application/x-www-form-urlencoded", Map.of("Cookie", WebUi.COOKIE + "=" + session));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(f.get("/v1/approvals/" + id, f.approver).json().path("status").asString()).isEqualTo("pending");
    }

    @Test
    void hostileCommandsAreShownAsTextNotMarkup() throws Exception {
        String body = f.preToolUse("web-4", "git push --force origin '<script>alert(1)</script>' \"<b>x</b>\"");
        CompletableFuture.supplyAsync(() -> f.send("POST", "/hooks/claude", f.aliceAgent, body, "application/json",
                Map.of("X-Warden-Hook-Timeout", "60")));
        String id = awaitPending();
        signIn(f.approver);
        browser.get(base + "/ui/approvals/" + id);
        assertThat(browser.findElement(By.id("command")).getText()).contains("<script>alert(1)</script>").contains("<b>x</b>");
        browser.manage().timeouts().implicitlyWait(Duration.ZERO); // an absent element is the expected answer here
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.getPageSource()).contains("&lt;script&gt;");
    }

    @Test
    void withoutASignInThePagesRedirectToTheLogin() {
        browser.get(base + "/ui/approvals/apr_anything");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/login");
    }
}
