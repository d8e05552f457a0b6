package org.ratepayer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Progress lines, the printed figures and the one-line JSON result, alike for every benchmark. */
final class Report {

    private Report() {
    }

    static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    /** One labelled line of the printed figures. */
    static void row(String label, String format, Object... args) {
        System.out.printf(Locale.ROOT, "  %-15s %s%n", label, String.format(Locale.ROOT, format, args));
    }

    /** Writes the figures as one JSON line, replacing the file. */
    static void writeJson(Path file, Map<String, Object> figures) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        String line = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures);
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
