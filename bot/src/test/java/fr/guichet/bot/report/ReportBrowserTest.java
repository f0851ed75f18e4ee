package fr.guichet.bot.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report opened in a real browser: headless Chromium lays the page out (the charts must
 * have a size and their labels a font) and takes a screenshot, which must show the charts.
 * Chromium runs with a new empty profile, no network at all (every host resolves to nothing),
 * and no background service. Skipped, saying why, only when no Chromium can be found.
 */
class ReportBrowserTest {

    /** Measures each chart once laid out, and writes the figures into the page (read by --dump-dom). */
    static final String PROBE = """
            <script>
            (function () {
              var lines = [];
              document.querySelectorAll('.chart svg').forEach(function (svg) {
                var box = svg.getBoundingClientRect();
                var texts = 0;
                svg.querySelectorAll('text').forEach(function (t) {
                  var b = t.getBBox();
                  if (b.width > 0 && b.height > 0) { texts++; }
                });
                var bars = 0;
                svg.querySelectorAll('rect, path').forEach(function (r) {
                  var b = r.getBBox();
                  if (b.width > 0 && b.height > 0) { bars++; }
                });
                lines.push(svg.id + ' ' + Math.round(box.width) + ' ' + Math.round(box.height) + ' ' + texts + ' ' + bars);
              });
              var pre = document.createElement('pre');
              pre.id = 'mesures';
              pre.textContent = lines.join('\\n');
              document.body.appendChild(pre);
            })();
            </script>
            """;
    static final Pattern MEASURE = Pattern.compile("(g\\d+-svg) (\\d+) (\\d+) (\\d+) (\\d+)");

    static Report report;

    @TempDir
    Path tmp;

    @BeforeAll
    static void render() {
        report = ReportFixture.shared().report(ReportFixture.PLAN.period());
    }

    /** Chromium's binary: GUICHET_CHROMIUM, else the usual names on the PATH and in /usr/bin. */
    static Optional<Path> chromium() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("GUICHET_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        List<String> names = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            names.forEach(n -> candidates.add(Path.of(dir, n)));
        }
        names.forEach(n -> candidates.add(Path.of("/usr/bin", n)));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    static Path browserOrSkip() {
        Optional<Path> browser = chromium();
        assumeTrue(browser.isPresent(), "Chromium introuvable (ni GUICHET_CHROMIUM, ni chromium, chromium-browser ou"
                + " google-chrome dans le PATH ou /usr/bin) : le rapport n'est pas ouvert dans un navigateur. Sous Debian :"
                + " apt-get install chromium (.ci/run le fait).");
        return browser.get();
    }

    /** Runs Chromium headless on a file of the page; returns what it printed on stdout. */
    String chromium(Path browser, Path page, String... action) throws Exception {
        Path profile = Files.createDirectory(tmp.resolve("profil-" + System.nanoTime()));
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile, "--hide-scrollbars", "--window-size=1280,2400"));
        command.addAll(List.of(action));
        command.add(page.toUri().toString());
        Path stdout = tmp.resolve("chromium.out");
        Path stderr = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("Chromium still running after 2 minutes: " + tail(stderr));
        }
        assertEquals(0, p.exitValue(), "Chromium failed: " + tail(stderr));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    @Test
    void everyChartIsLaidOutWithItsLabelsInABrowser() throws Exception {
        Path browser = browserOrSkip();
        String html = HtmlReport.render(report);
        Path page = tmp.resolve("rapport-mesure.html");
        Files.writeString(page, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);
        String dom = chromium(browser, page, "--dump-dom");

        long expected = report.figures().stream().filter(f -> !f.isEmpty() && f.chart() != null).count();
        Matcher m = MEASURE.matcher(dom);
        List<String> measured = new ArrayList<>();
        while (m.find()) {
            measured.add(m.group());
            int width = Integer.parseInt(m.group(2));
            int height = Integer.parseInt(m.group(3));
            assertTrue(width >= 300 && height >= 150, "a chart shown at a readable size: " + m.group());
            assertTrue(Integer.parseInt(m.group(4)) >= 5, "title, axis labels and ticks drawn in a font: " + m.group());
            assertTrue(Integer.parseInt(m.group(5)) >= 5, "bars and axes drawn: " + m.group());
        }
        assertEquals(expected, measured.size(), "every chart measured: " + measured + "\n" + (dom.length() > 500 ? "" : dom));
        assertTrue(expected >= 7);
    }

    @Test
    void theScreenshotShowsTheCharts() throws Exception {
        Path browser = browserOrSkip();
        Path page = tmp.resolve("rapport.html");
        Files.writeString(page, HtmlReport.render(report), StandardCharsets.UTF_8);
        Path png = tmp.resolve("capture.png");
        chromium(browser, page, "--screenshot=" + png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        int ink = 0;
        int barBlue = 0;
        int barOrange = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) {
                    ink++;
                }
                barBlue += near(rgb, 0x0072B2) ? 1 : 0;
                barOrange += near(rgb, 0xE69F00) ? 1 : 0;
            }
        }
        double share = ink / (double) (image.getWidth() * image.getHeight());
        assertTrue(share > 0.05, "not a blank page: " + share);
        assertTrue(barBlue > 5_000 && barOrange > 1_000, "the bars of the first charts are painted: " + barBlue + ", " + barOrange);
        // kept for whoever wants to look (docs/rapport-exemple.png was taken this way)
        Path kept = Path.of("target", "rapport-exemple.png");
        Files.createDirectories(kept.getParent());
        Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
    }

    static boolean near(int rgb, int target) {
        int dr = Math.abs(((rgb >> 16) & 0xFF) - ((target >> 16) & 0xFF));
        int dg = Math.abs(((rgb >> 8) & 0xFF) - ((target >> 8) & 0xFF));
        int db = Math.abs((rgb & 0xFF) - (target & 0xFF));
        return dr + dg + db < 24;
    }
}
