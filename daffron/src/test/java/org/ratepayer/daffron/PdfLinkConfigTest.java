package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PdfLinkConfigTest {

    private static final String BASE = "http://cis-host.example:8086/eprint/";

    private static Map<Integer, String> settings(String base, String version) {
        Map<Integer, String> settings = new HashMap<>();
        settings.put(20, base);
        settings.put(119, version);
        return settings;
    }

    @Test
    void readsSettings20And119() {
        PdfLinkConfig config = PdfLinkConfig.fromSettings(settings(BASE, "3"), true);

        assertThat(config).isEqualTo(new PdfLinkConfig(BASE, 3, true));
    }

    @Test
    void version119DefaultsTo1WhenAbsent() {
        assertThat(PdfLinkConfig.fromSettings(Map.of(20, BASE), false).version()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void version119DefaultsTo1WhenBlank(String version) {
        assertThat(PdfLinkConfig.fromSettings(settings(BASE, version), false).version()).isEqualTo(1);
    }

    @Test
    void version119ToleratesSurroundingWhitespace() {
        assertThat(PdfLinkConfig.fromSettings(settings(BASE, " 4 "), false).version()).isEqualTo(4);
    }

    @Test
    void refusesANonNumericVersion() {
        assertThatThrownBy(() -> PdfLinkConfig.fromSettings(settings(BASE, "v2"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 119 (remote PDF service version) is not a number: 'v2'");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, -1})
    void refusesAVersionOutside1To4(int version) {
        assertThatThrownBy(() -> new PdfLinkConfig(BASE, version, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 119 (remote PDF service version) must be 1 to 4, was " + version);
    }

    @Test
    void refusesAnOutOfRangeVersionFromSettings() {
        assertThatThrownBy(() -> PdfLinkConfig.fromSettings(settings(BASE, "5"), false))
                .hasMessage("setting 119 (remote PDF service version) must be 1 to 4, was 5");
    }

    @Test
    void refusesAMissingBaseUrl() {
        assertThatThrownBy(() -> PdfLinkConfig.fromSettings(Map.of(119, "2"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 20 (remote PDF base URL) is missing");
        assertThatThrownBy(() -> new PdfLinkConfig(" ", 1, false))
                .hasMessage("setting 20 (remote PDF base URL) is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://cis-host.example/eprint/", "file:///eprint/", "cis-host.example:8086/eprint/",
            "/eprint/", "mailto:ops@cis-host.example"})
    void refusesABaseUrlThatIsNotHttp(String base) {
        assertThatThrownBy(() -> new PdfLinkConfig(base, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 20 (remote PDF base URL) must be an http or https URL: '" + base + "'");
    }

    @Test
    void acceptsHttpsAndUpperCaseSchemes() {
        assertThat(new PdfLinkConfig("https://cis-host.example/eprint/", 1, false).baseUri().getScheme())
                .isEqualTo("https");
        assertThat(new PdfLinkConfig("HTTP://cis-host.example/eprint/", 1, false).baseUri().getHost())
                .isEqualTo("cis-host.example");
    }

    @Test
    void refusesAnUnparsableBaseUrl() {
        assertThatThrownBy(() -> new PdfLinkConfig("http://cis host/eprint/", 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 20 (remote PDF base URL) is not a valid URL: 'http://cis host/eprint/'");
    }

    @Test
    void refusesABaseUrlWithoutAHost() {
        assertThatThrownBy(() -> new PdfLinkConfig("http:/eprint/", 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 20 (remote PDF base URL) has no host: 'http:/eprint/'");
    }
}
