package org.ratepayer.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ratepayer.shared.json.JsonProblem;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * The first look at every request, before Spring Security and before anything reads a body. It
 * refuses, with a 4xx that names the header or parameter:
 * <ul>
 * <li>a header holding a control character, when the application reads it (Spring Security's firewall
 * applies the same rule, but from inside a controller, where its exception became a 500);</li>
 * <li>a query parameter whose value holds U+0000 (PostgreSQL cannot store it in text) or whose name
 * holds a control character;</li>
 * <li>on the pages (everything but the API, Pay Now's API and the partner web services, which
 * authenticate before they read a body), a body larger than a page's form can be (413), a body of
 * unknown length (411), and a form field holding U+0000.</li>
 * </ul>
 * Refusing a page's big body here, before the CSRF check reads the form, is what keeps a stranger from
 * making the server read megabytes; Tomcat then closes the connection rather than drain the rest.
 */
public final class HostileInputFilter extends OncePerRequestFilter {

    static final String NUL = "contains a NUL character (U+0000), which is not allowed";

    private final ProblemWriter problems;
    private final long maxPageBody;

    public HostileInputFilter(ProblemWriter problems, long maxPageBody) {
        this.problems = problems;
        this.maxPageBody = maxPageBody;
    }

    private record Refusal(int status, String field, String detail) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean page = isPage(path);
        Optional<Refusal> refusal = query(request.getQueryString());
        if (refusal.isEmpty() && page) {
            refusal = pageBody(request);
        }
        if (refusal.isPresent()) {
            refuse(request, response, path, refusal.get());
            return;
        }
        try {
            chain.doFilter(new HeaderChecking(request), response);
        } catch (BadHeaderException e) {
            refuseUnlessCommitted(request, response, path, e, e);
        } catch (ServletException | RuntimeException e) {
            BadHeaderException bad = badHeader(e);
            if (bad == null) {
                throw e;
            }
            refuseUnlessCommitted(request, response, path, bad, e);
        }
    }

    private void refuseUnlessCommitted(HttpServletRequest request, HttpServletResponse response, String path, BadHeaderException bad,
            Exception e) throws IOException, ServletException {
        if (response.isCommitted()) {
            throw e instanceof ServletException se ? se : new ServletException(e);
        }
        response.resetBuffer();
        refuse(request, response, path, new Refusal(400, bad.header(), bad.getMessage()));
    }

    private static BadHeaderException badHeader(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BadHeaderException b) {
                return b;
            }
        }
        return null;
    }

    /** Checks a header's value when the application reads it, as the firewall does, but refusing it as a named 400. */
    private static final class HeaderChecking extends HttpServletRequestWrapper {

        HeaderChecking(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            String value = super.getHeader(name);
            if (value != null && hasControl(value)) {
                throw new BadHeaderException(name);
            }
            return value;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            List<String> values = Collections.list(super.getHeaders(name));
            if (values.stream().anyMatch(HostileInputFilter::hasControl)) {
                throw new BadHeaderException(name);
            }
            return Collections.enumeration(values);
        }

        @Override
        public long getDateHeader(String name) {
            getHeader(name);
            return super.getDateHeader(name);
        }

        @Override
        public int getIntHeader(String name) {
            getHeader(name);
            return super.getIntHeader(name);
        }
    }

    /** The paths that take a body only after authenticating its sender, each with its own limit (or none, for invoice files). */
    static boolean isPage(String path) {
        return !(under(path, "/api") || under(path, "/actuator") || under(path, "/cloudpaymentsapi")
                || under(path, "/portal/webservices"));
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Read from the raw query string, so that looking never parses (and consumes) a form body. */
    static Optional<Refusal> query(String queryString) {
        if (queryString == null || queryString.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                continue; // Tomcat skips a pair with a broken %-escape too, so the application never sees it
            }
            Optional<Refusal> r = parameter(name, value);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> parameter(String name, String value) {
        if (hasControl(name)) {
            return Optional.of(new Refusal(400, name, "a parameter name holds a control character"));
        }
        if (value.indexOf('\0') >= 0) {
            return Optional.of(new Refusal(400, name, name + ": " + NUL));
        }
        return Optional.empty();
    }

    private Optional<Refusal> pageBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (chunked && length < 0) {
            return Optional.of(new Refusal(411, null, "a form sent to this page must say its length (Content-Length)"));
        }
        if (length > maxPageBody) {
            return Optional.of(new Refusal(413, null, "the request body is " + length + " bytes; this page takes at most "
                    + maxPageBody));
        }
        if (length > 0 && isForm(request.getContentType())) {
            for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
                for (String value : p.getValue()) {
                    Optional<Refusal> r = parameter(p.getKey(), value);
                    if (r.isPresent()) {
                        return r;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isForm(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/form-data");
    }

    /** Spring Security's firewall rule for header values: a control character (C0, DEL or C1, tab too) is refused. */
    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || !Character.isDefined(c)) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String path, Refusal r) throws IOException {
        String title = switch (r.status()) {
            case 411 -> "Length required";
            case 413 -> "Request too large";
            default -> "Bad request";
        };
        String field = r.field() == null ? null : JsonProblem.shorten(r.field());
        if (!isPage(path)) {
            ProblemDetail p = ProblemWriter.problem(r.status(), r.status() == 400 ? "bad-request" : "too-large", title,
                    printable(r.detail()));
            if (field != null) {
                p.setProperty("field", field);
            }
            problems.write(response, p);
            return;
        }
        // Written here rather than through the error page: an error dispatch would run the form parsing this refusal avoids.
        response.setStatus(r.status());
        response.setContentType("text/html;charset=UTF-8");
        String message = switch (r.status()) {
            case 413 -> "The form sent more than this page accepts. Go back and try again.";
            case 411 -> "The form was sent in a way this page does not accept. Go back and try again.";
            default -> "The form held characters this page does not accept"
                    + (field == null ? "" : " (in " + HtmlUtils.htmlEscape(field) + ")") + ". Go back and check what you typed.";
        };
        response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/css/ratepayer.css\"></head>"
                + "<body><header><h1>Ratepayer</h1></header><main><h2>" + title + "</h2><p>" + message
                + "</p><p>Nothing was charged by this request.</p><p>Error <span>" + r.status() + "</span>.</p></main></body></html>");
    }

    /** Control characters in what is echoed back are written as escapes. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
