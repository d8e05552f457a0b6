package org.ratepayer.golden;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Golden files of HTTP answers: one readable text file per case (status line, the headers a client relies on,
 * the body), normalised so that only what legitimately differs between two runs (ids, keys, tokens, times,
 * ports) is replaced by numbered placeholders. In record mode ({@code -Dgolden.record=true}) the files are
 * (re)written; otherwise every case is compared and all differences of a test are reported together.
 */
final class Golden {

    static final Path DIR = Path.of("src/test/resources/golden");

    /** Headers that vary by themselves (framing, the clock) or are covered by the body; everything else is recorded. */
    private static final Set<String> IGNORED_HEADERS = Set.of("date", "content-length", "transfer-encoding", "connection",
            "keep-alive");

    private final boolean record = Boolean.getBoolean("golden.record");
    /** Literal values this run made (biller ids, GUIDs, keys, ports) and the stable names they get in every case. */
    private final Map<String, String> literals = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Set<Path> checked = new java.util.HashSet<>();
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    boolean recording() {
        return record;
    }

    /** From now on this value reads as {@code <name>} in every case. */
    void name(String value, String name) {
        if (value != null && !value.isEmpty()) {
            literals.put(value, "<" + name + ">");
        }
    }

    /** Compares (or records) one case: {@code caseName} is the file's path under golden/ without its extension. */
    void check(String caseName, String request, HttpResponse<byte[]> response) {
        check(caseName, request, response, UnaryOperator.identity());
    }

    /** As {@link #check(String, String, HttpResponse)}, with the body first reduced to what this case is about. */
    void check(String caseName, String request, HttpResponse<byte[]> response, UnaryOperator<String> body) {
        String actual = normalise(render(request, response, body));
        Path file = DIR.resolve(caseName + ".txt");
        checked.add(file);
        try {
            if (record) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                failures.add(caseName + ": no golden file " + file + " (record with -Dgolden.record=true)\n--- actual ---\n" + actual);
                return;
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                failures.add(caseName + " (" + file + ") differs:\n" + Diff.lines(expected, actual));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The API description may only grow: every path, operation, parameter and schema property recorded must still
     * be there with the same value; new ones are allowed.
     */
    void checkGrowsOnly(String caseName, String request, HttpResponse<byte[]> response) {
        String actual = normalise(render(request, response, UnaryOperator.identity()));
        Path file = DIR.resolve(caseName + ".txt");
        checked.add(file);
        try {
            if (record) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            String expectedHead = expected.substring(0, expected.indexOf("\n\n"));
            String actualHead = actual.substring(0, actual.indexOf("\n\n"));
            if (!expectedHead.equals(actualHead)) {
                failures.add(caseName + " status or headers differ:\n" + Diff.lines(expectedHead, actualHead));
            }
            List<String> missing = new ArrayList<>();
            contained("", json.readTree(expected.substring(expected.indexOf("\n\n") + 2)),
                    json.readTree(actual.substring(actual.indexOf("\n\n") + 2)), missing);
            if (!missing.isEmpty()) {
                failures.add(caseName + " (" + file + ") lost or changed what it described before:\n  "
                        + String.join("\n  ", missing));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void contained(String at, JsonNode expected, JsonNode actual, List<String> missing) {
        if (actual == null || actual.isMissingNode()) {
            missing.add(at + ": missing");
        } else if (expected.isObject() && actual.isObject()) {
            for (Map.Entry<String, JsonNode> e : expected.properties()) {
                contained(at + "/" + e.getKey(), e.getValue(), actual.get(e.getKey()), missing);
            }
        } else if (!expected.equals(actual)) {
            missing.add(at + ": was " + expected + ", now " + actual);
        }
    }

    /**
     * Golden files no case compared: a case dropped from the test would otherwise pass silently. Meaningful only after
     * every test of the class ran.
     */
    List<String> unchecked() {
        try (var files = Files.walk(DIR)) {
            return files.filter(f -> f.toString().endsWith(".txt") && !checked.contains(f)).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails the test with every difference found since the last call, each with its diff. */
    void verify() {
        if (!failures.isEmpty()) {
            String report = failures.size() + " golden response(s) differ:\n\n" + String.join("\n\n", failures);
            failures.clear();
            throw new AssertionError(report);
        }
    }

    private String render(String request, HttpResponse<byte[]> r, UnaryOperator<String> reduce) {
        StringBuilder sb = new StringBuilder();
        sb.append(request).append('\n').append("HTTP ").append(r.statusCode()).append('\n');
        Map<String, List<String>> headers = new TreeMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        headers.forEach((name, values) -> {
            if (IGNORED_HEADERS.contains(name) || name.equals(":status")) {
                return;
            }
            for (String v : values) {
                sb.append(name).append(": ").append(name.equals("set-cookie") ? cookie(v) : v).append('\n');
            }
        });
        sb.append('\n');
        String type = r.headers().firstValue("Content-Type").orElse("");
        byte[] bytes = r.body() == null ? new byte[0] : r.body();
        if (type.startsWith("application/pdf") || type.startsWith("application/octet-stream") || type.startsWith("image/")) {
            // A PDF carries its creation time; what a user notices is that a PDF comes back.
            sb.append("<binary, begins ").append(new String(bytes, 0, Math.min(5, bytes.length), StandardCharsets.ISO_8859_1))
                    .append(">\n");
            return sb.toString();
        }
        String text = reduce.apply(new String(bytes, StandardCharsets.UTF_8));
        sb.append(type.contains("json") ? JsonLayout.indent(sortedKeys(text)) : text);
        if (!text.endsWith("\n")) {
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The same JSON with the members of every object in name order. Several answers are built from {@code Map.of}, whose
     * iteration order changes from one JVM to the next; member order means nothing in JSON (RFC 8259), array order does
     * and is kept, and numbers keep their exact text (BigDecimal, same scale).
     */
    private String sortedKeys(String text) {
        if (text.isBlank()) {
            return text;
        }
        try {
            return sorting.writeValueAsString(sorting.readValue(text, Object.class));
        } catch (IOException e) {
            return text;
        }
    }

    private final ObjectMapper sorting = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** A cookie by its name and attributes: its value is a secret that changes every time, its expiry moves with the clock. */
    private static String cookie(String header) {
        String[] parts = header.split(";");
        StringBuilder sb = new StringBuilder(parts[0].split("=", 2)[0].trim()).append("=<value>");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (!p.toLowerCase(Locale.ROOT).startsWith("expires=")) {
                sb.append("; ").append(p);
            }
        }
        return sb.toString();
    }

    /** Values that differ between runs, in the order they are replaced; each distinct value gets its own number per case. */
    private static final List<Map.Entry<String, Pattern>> VARYING = List.of(
            Map.entry("csrf", Pattern.compile("(?<=name=\"_csrf\" value=\")[^\"]+|(?<=name=\"_csrf\" content=\")[^\"]+|(?<=_csrf=)[^&\\s]+")),
            Map.entry("key", Pattern.compile("rp_(?:test|prod)_[a-z0-9]+_[A-Za-z0-9_-]+")),
            Map.entry("method-token", Pattern.compile("tok_[a-z]+_[A-Za-z0-9_-]+")),
            Map.entry("link", Pattern.compile("(?<=/paynow/)(?!p/)[A-Za-z0-9_-]{20,}")),
            Map.entry("page", Pattern.compile("(?<=/paynow/p/)[A-Za-z0-9_-]{20,}")),
            Map.entry("masked-key", Pattern.compile("(?<=\"masked\": \"…)[A-Za-z0-9_-]+")),
            Map.entry("sha256", Pattern.compile("(?<=\"sha256\": \")[0-9a-f]{64}")),
            Map.entry("file-id", Pattern.compile("(?<=\"fileId\": )\\d+|(?<=<FileId>)\\d+")),
            Map.entry("batch-id", Pattern.compile("(?<=\"batchId\": )\\d+|(?<=/batches/)\\d{1,6}(?!\\d)")),
            Map.entry("approval", Pattern.compile("(?<=\"approvalCode\": \")\\d+|(?<=id=\"approval-code(?:-\\d{1,3})?\">)\\d+"
                    + "|(?<=<ApprovalCode>)\\d+|(?<=Approval code:? )\\d{6}")),
            Map.entry("time", Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?")),
            // Times the database stamps (payments, receipts) follow the real clock even when the application's is stopped.
            Map.entry("shown-time", Pattern.compile("(?:January|February|March|April|May|June|July|August|September|October"
                    + "|November|December) \\d{1,2}, \\d{4},? \\d{1,2}:\\d{2}(?::\\d{2})? ?[AP]M")),
            Map.entry("uuid", Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));

    String normalise(String text) {
        String out = text;
        List<String> known = new ArrayList<>(literals.keySet());
        known.sort((a, b) -> b.length() - a.length());
        for (String value : known) {
            // Whole values only: a biller id must not eat the digits of an amount or an invoice number.
            out = out.replaceAll("(?<![0-9A-Za-z])" + Pattern.quote(value) + "(?![0-9A-Za-z])",
                    Matcher.quoteReplacement(literals.get(value)));
        }
        for (Map.Entry<String, Pattern> v : VARYING) {
            Map<String, String> seen = new LinkedHashMap<>();
            Matcher m = v.getValue().matcher(out);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = m.group();
                boolean upper = v.getKey().equals("uuid") && value.equals(value.toUpperCase(Locale.ROOT))
                        && !value.equals(value.toLowerCase(Locale.ROOT));
                // One id in upper and in lower case is one id: the same number, the case shown by the placeholder's.
                String placeholder = seen.computeIfAbsent(v.getKey().equals("uuid") ? value.toLowerCase(Locale.ROOT) : value,
                        x -> String.valueOf(seen.size() + 1));
                String name = upper ? v.getKey().toUpperCase(Locale.ROOT) : v.getKey();
                m.appendReplacement(sb, Matcher.quoteReplacement("<" + name + "-" + placeholder + ">"));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        return out;
    }

    /** Compact JSON laid out one value per line, byte for byte the same tokens (numbers keep their scale). */
    static final class JsonLayout {
        private JsonLayout() {
        }

        static String indent(String compact) {
            StringBuilder sb = new StringBuilder();
            int depth = 0;
            boolean inString = false;
            for (int i = 0; i < compact.length(); i++) {
                char c = compact.charAt(i);
                if (inString) {
                    sb.append(c);
                    if (c == '\\') {
                        sb.append(compact.charAt(++i));
                    } else if (c == '"') {
                        inString = false;
                    }
                    continue;
                }
                switch (c) {
                    case '"' -> {
                        inString = true;
                        sb.append(c);
                    }
                    case '{', '[' -> {
                        char close = c == '{' ? '}' : ']';
                        int next = i + 1;
                        while (next < compact.length() && Character.isWhitespace(compact.charAt(next))) {
                            next++;
                        }
                        if (next < compact.length() && compact.charAt(next) == close) {
                            sb.append(c).append(close);
                            i = next;
                        } else {
                            sb.append(c).append('\n').append("  ".repeat(++depth));
                        }
                    }
                    case '}', ']' -> sb.append('\n').append("  ".repeat(--depth)).append(c);
                    case ',' -> sb.append(c).append('\n').append("  ".repeat(depth));
                    case ':' -> sb.append(": ");
                    case ' ', '\n', '\r', '\t' -> {
                    }
                    default -> sb.append(c);
                }
            }
            return sb.toString();
        }
    }

    /** A line diff (longest common subsequence) with a few lines of context, for a failure a person can read. */
    static final class Diff {
        private Diff() {
        }

        static String lines(String expected, String actual) {
            String[] a = expected.split("\n", -1);
            String[] b = actual.split("\n", -1);
            if ((long) a.length * b.length > 25_000_000L) {
                return "--- expected ---\n" + expected + "\n--- actual ---\n" + actual;
            }
            int[][] lcs = new int[a.length + 1][b.length + 1];
            for (int i = a.length - 1; i >= 0; i--) {
                for (int j = b.length - 1; j >= 0; j--) {
                    lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            List<String> out = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (i < a.length || j < b.length) {
                if (i < a.length && j < b.length && a[i].equals(b[j])) {
                    out.add("  " + a[i++]);
                    j++;
                } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                    out.add("+ " + b[j++]);
                } else {
                    out.add("- " + a[i++]);
                }
            }
            StringBuilder sb = new StringBuilder("  (- expected, + actual)\n");
            int last = -10;
            for (int k = 0; k < out.size(); k++) {
                boolean near = false;
                for (int d = Math.max(0, k - 3); d <= Math.min(out.size() - 1, k + 3); d++) {
                    near |= !out.get(d).startsWith("  ");
                }
                if (near) {
                    if (k > last + 1) {
                        sb.append("  ...\n");
                    }
                    sb.append(out.get(k)).append('\n');
                    last = k;
                }
            }
            return sb.toString();
        }
    }
}
