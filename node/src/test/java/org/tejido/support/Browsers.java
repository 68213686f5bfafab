package org.tejido.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.tejido.support.TestUsers.Person;

/**
 * The machine's chromium (Debian's package) driven by Playwright, for the browser tests: one per test
 * class ({@link #launch()} in {@code @BeforeAll}, {@link #close()} in {@code @AfterAll}). Each
 * {@link #open} is a fresh browser context that records every console error or warning (a CSP
 * violation is one) and every request off the node's origin; {@link #assertClean()} fails on either.
 * The browser itself is kept in by a proxy that does not exist (loopback is never proxied), and its
 * own background traffic is switched off.
 */
public final class Browsers implements AutoCloseable {
    /** Where the tests' screenshots go; docs/screenshots/ holds the ones the docs show. */
    public static final Path SHOTS = Paths.get("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;
    private final List<String> consoleProblems = Collections.synchronizedList(new ArrayList<>());
    private final List<String> offOrigin = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> accessibilityChecked = ConcurrentHashMap.newKeySet();
    private BrowserContext context;

    private Browsers(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Browsers launch() {
        String executable = System.getProperty("browser.executable", "");
        if (executable.isBlank() || executable.startsWith("${")) {
            executable = System.getenv().getOrDefault("CHROMIUM_BIN", "");
        }
        if (executable.isBlank() && new File("/usr/bin/chromium").canExecute()) {
            // Debian's package, where .ci/run and the README's one-line install put it.
            executable = "/usr/bin/chromium";
        }
        assertThat(executable)
                .as("CHROMIUM_BIN: the machine's chromium (apt-get install chromium; .ci/run installs it; see"
                        + " docs/operations.md)")
                .isNotBlank();
        if (System.getProperty("playwright.nodejs.path") == null && System.getenv("PLAYWRIGHT_NODEJS_PATH") == null) {
            // The driver runs on the machine's Node.js: the bundle with Node.js for every platform is excluded.
            System.setProperty("playwright.nodejs.path", onPath("node"));
        }
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        int nowhere;
        try (ServerSocket free = new ServerSocket(0)) {
            nowhere = free.getLocalPort();
            Files.createDirectories(SHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get(executable))
                        .setArgs(List.of(
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run",
                                // Anything the browser itself tries to reach goes to a port where nothing
                                // listens; the node on loopback is reached directly.
                                "--proxy-server=127.0.0.1:" + nowhere)));
        return new Browsers(playwright, browser);
    }

    /**
     * A new page in a new browser context (no cookie from an earlier one), recording console problems
     * and requests that do not go to {@code origin}.
     */
    public Page open(String origin, boolean javascript, String locale) {
        closeContext();
        context = browser.newContext(new Browser.NewContextOptions()
                .setJavaScriptEnabled(javascript)
                .setLocale(locale)
                .setViewportSize(1280, 900));
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") || message.type().equals("warning")) {
                consoleProblems.add(message.type() + ": " + message.text());
            }
        });
        page.onPageError(error -> consoleProblems.add("page error: " + error));
        page.onRequest(request -> {
            if (!request.url().startsWith(origin + "/")) {
                offOrigin.add(request.url());
            }
        });
        return page;
    }

    /**
     * A new page in a new browser context whose console and requests are not recorded: for answers the
     * browser reports on its console by design (a 403 or 404 page), so that {@link #assertClean()} still
     * speaks for every other page.
     */
    public Page openUnrecorded(boolean javascript, String locale) {
        closeContext();
        context = browser.newContext(new Browser.NewContextOptions()
                .setJavaScriptEnabled(javascript)
                .setLocale(locale)
                .setViewportSize(1280, 900));
        return context.newPage();
    }

    /**
     * Signs in on the sign-in page the browser is on (after being sent there), with the one-time code
     * step when the person has a second factor.
     */
    public static void signIn(Page page, Person person) {
        page.locator("#name").fill(person.name());
        page.locator("#password").fill(person.password());
        page.locator("#password").press("Enter");
        if (person.totpSecret() != null) {
            page.waitForURL(url -> url.contains("/sign-in/code"));
            page.locator("#code").fill(person.code());
            page.locator("#code").press("Enter");
        }
        page.waitForURL(url -> !url.contains("/sign-in"));
    }

    /** No console error or warning and no request off the node's origin since this object was made. */
    public void assertClean() {
        assertThat(consoleProblems)
                .as("console errors and warnings (CSP violations among them)")
                .isEmpty();
        assertThat(offOrigin).as("requests off the node's origin").isEmpty();
    }

    /**
     * axe-core finds no WCAG 2.1 A or AA violation on the page as it is, the first time this browser (one
     * test class) reaches that state of a template; later visits of the same state, in the other
     * language, are not analysed again. A state's Spanish and English pages come from the same template
     * and differ only in the text from the message files: {@code PageTextTest} checks that both files
     * have every key with a non-blank value, and each flow checks its page's {@code lang}. axe costs
     * seconds a page on a busy machine, so checking each state once halves the browser tests' time.
     */
    public void noAccessibilityViolationsOnce(Page page, String state) {
        if (accessibilityChecked.add(state)) {
            noAccessibilityViolations(page, state + " (" + page.locator("html").getAttribute("lang") + ")");
        }
    }

    /** axe-core finds no WCAG 2.1 A or AA violation on the page as it is. */
    public static void noAccessibilityViolations(Page page, String what) {
        AxeResults results = new AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze();
        assertThat(results.getViolations())
                .as(what + ": "
                        + results.getViolations().stream().map(Rule::getId).collect(Collectors.joining(", ")))
                .isEmpty();
    }

    /** The whole page, as {@code target/screenshots/<name>.png}. */
    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    /** Presses Tab until the element of that id has the focus: the way a keyboard user gets there. */
    public static void tabTo(Page page, String id) {
        for (int i = 0; i < 400; i++) {
            if (page.locator("[id='" + id + "']:focus").count() == 1) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    /** The page's language is the one asked for. */
    public static void inLanguage(Page page, String lang) {
        assertThat(page.locator("html")).hasAttribute("lang", lang);
    }

    private void closeContext() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Override
    public void close() {
        closeContext();
        browser.close();
        playwright.close();
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, program);
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        throw new IllegalStateException(program + " is not on the PATH (Node.js runs Playwright's driver)");
    }
}
