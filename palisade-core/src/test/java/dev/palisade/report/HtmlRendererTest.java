package dev.palisade.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.scan.ScanReport;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*\"([^\"]*)\"");

    /** No scripts, no external resources: every tag is checked (escaped text is not a tag). */
    private static void assertSelfContained(String html) {
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html.stripTrailing()).endsWith("</html>");
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script", "<link", "<iframe", "<img", "<object", "<embed", "url(",
                "@import", "http://", "https://");
        Matcher tag = TAG.matcher(lower);
        int tags = 0;
        while (tag.find()) {
            tags++;
            assertThat(tag.group()).doesNotContain("src=", "src =", " on", "javascript:");
            Matcher href = HREF.matcher(tag.group());
            if (href.find()) {
                assertThat(href.group(1)).as("links stay inside the page").startsWith("#");
            }
        }
        assertThat(tags).isGreaterThan(50);
    }

    @Test
    void summaryPageHasCountsAndAChartPerArea() {
        ScanReport report = Reports.mixed();
        String html = Reports.render(new HtmlRenderer(), report);
        assertSelfContained(html);
        String summary = html.substring(html.indexOf("<h2 id=\"summary\">"), html.indexOf("<h2>Contents</h2>"));
        assertThat(summary).contains("questions answered", "active findings", "Findings by severity", "Findings by area");
        long active = report.findings().stream().filter(f -> f.active()).count();
        assertThat(summary).contains("<strong>" + active + "</strong>active findings");
        assertThat(summary.split("<svg", -1).length - 1).isGreaterThanOrEqualTo(2);
    }

    @Test
    void selfContainedPage() {
        ScanReport report = Reports.mixed();
        String html = Reports.render(new HtmlRenderer(), report);

        assertSelfContained(html);
        for (int number = 1; number <= 12; number++) {
            assertThat(html).contains("id=\"q" + number + "\"");
        }
        assertThat(html).contains("id=\"findings\"", "Findings (" + report.findings().size() + ")",
                "privileged-container", "deploy/prod cluster/mixed.yaml");
    }

    @Test
    void markupInNamesAndLabelsIsEscaped() {
        ScanReport report = Reports.scan("hostile & odd.yaml", "report/hostile.yaml");
        assertThat(report.problems()).isEmpty();
        String html = Reports.render(new HtmlRenderer(), report);

        assertSelfContained(html);
        assertThat(html).doesNotContain("<b>", "</b>", "<img");
        // the workload name (answer tables and findings), its owner label (answer 11) and a container name
        assertThat(html).contains("Deployment shop/&lt;b&gt;storefront&lt;/b&gt;",
                "<td>&lt;b&gt;payments&lt;/b&gt;</td>",
                "container &quot;&lt;b&gt;web&lt;/b&gt;&quot;",
                "x&lt;script&gt;alert(1)&lt;/script&gt;",
                "&lt;img src=x onerror=alert(2)&gt;",
                "hostile &amp; odd.yaml");
    }

    @Test
    void escapesEveryMarkupCharacter() {
        assertThat(HtmlRenderer.esc("<a href='x'>Tom & \"Jerry\"</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39;&gt;Tom &amp; &quot;Jerry&quot;&lt;/a&gt;");
    }
}
