package org.ratepayer.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * An invoice-file upload's body is the file, whatever Content-Type the client sent: curl's
 * {@code --data-binary} says {@code application/x-www-form-urlencoded}, browsers and many tools send
 * {@code multipart/form-data}. Left alone, the servlet container would read such a body as form
 * fields (or parts, within the page-sized multipart limits) before the controller sees it. This
 * filter hides the content type from the container and from Spring, so parameters come from the
 * query string only and the controller reads the body itself ({@link UploadBody}); the type the
 * client sent stays available under {@link #ORIGINAL_CONTENT_TYPE}. See docs/invoice-files.md.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
final class RawUploadFilter extends OncePerRequestFilter {

    static final String ORIGINAL_CONTENT_TYPE = RawUploadFilter.class.getName() + ".contentType";
    private static final Pattern UPLOAD_PATH = Pattern.compile("/api/v1/billers/[^/]+/invoice-files/?");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !UPLOAD_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ORIGINAL_CONTENT_TYPE, request.getContentType());
        chain.doFilter(new BodyIsTheFile(request), response);
    }

    private static final class BodyIsTheFile extends HttpServletRequestWrapper {
        private final Map<String, String[]> query;

        BodyIsTheFile(HttpServletRequest request) {
            super(request);
            this.query = queryParameters(request.getQueryString());
        }

        @Override
        public String getContentType() {
            return "application/octet-stream";
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? Collections.enumeration(List.of(getContentType())) : super.getHeaders(name);
        }

        @Override
        public String getParameter(String name) {
            String[] values = query.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return query;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(query.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = query.get(name);
            return values == null ? null : values.clone();
        }

        private static Map<String, String[]> queryParameters(String queryString) {
            if (queryString == null || queryString.isEmpty()) {
                return Map.of();
            }
            MultiValueMap<String, String> raw = UriComponentsBuilder.newInstance().query(queryString).build().getQueryParams();
            Map<String, String[]> decoded = new java.util.LinkedHashMap<>();
            raw.forEach((name, values) -> decoded.put(decode(name),
                    values.stream().map(v -> v == null ? "" : decode(v)).toArray(String[]::new)));
            return Collections.unmodifiableMap(decoded);
        }

        /** A malformed escape is kept as sent: the file name it belongs to is sanitised later anyway. */
        private static String decode(String raw) {
            try {
                return UriUtils.decode(raw.replace('+', ' '), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return raw;
            }
        }
    }
}
