package org.ratepayer.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of CPU samples (jdk.ExecutionSample), summarised over one measured stretch three
 * ways: samples per thread group; for the platform's request threads, the stage each sample falls in
 * (the innermost platform method on its stack, so SQL driver frames count for the repository method
 * that issued them); and the hottest methods and libraries by self time. The recording stays on
 * disk for {@code jfr print --events jdk.ExecutionSample FILE} or JDK Mission Control.
 *
 * <p>Start it before the code to be measured has been compiled: starting the first recording in a
 * warm JVM made the JIT recompile for the rest of the run (the platform's throughput fell to a
 * quarter, the compiler taking 2.6 ms of CPU per request). The summary counts only the samples
 * taken inside the window given to {@link #stop}.
 */
final class JfrProfile {

    private static final int TOP = 25;

    /**
     * Stage markers, tried on each frame from the top of the stack down; the first frame that matches
     * one names the stage (class-name prefix, method name or null for any, stage). Libraries a stage
     * calls (PgJDBC, Hikari, Spring JDBC and transactions, CXF, JAXB, the JDK) are no markers, so
     * their frames count for the platform method below them that called them. Filters nest, so a
     * sample in Spring MVC is also under the platform's own security filter: the innermost marker wins.
     */
    private static final String[][] STAGES = {
            {"org.ratepayer.balances.BalanceRepository", "known", "BalanceRepository.known (SQL: account, balance, invoice)"},
            {"org.ratepayer.balances.BalanceRepository", "store", "BalanceRepository.store (SQL: upsert balance, update flags, commit)"},
            {"org.ratepayer.balances.BalanceRepository", "confirm", "BalanceRepository.confirm (SQL: unchanged answer, move refreshed_at)"},
            {"org.ratepayer.balances.BalanceRepository", null, "BalanceRepository (other)"},
            {"org.ratepayer.billers.BillerRepository", "keyOwner", "API key check: BillerRepository.keyOwner (SQL: biller_key)"},
            {"org.ratepayer.billers.BillerRepository", "find", "BillerService.require (SQL: select biller)"},
            {"org.ratepayer.billers.BillerKeys", null, "API key check: fingerprint (SHA-256)"},
            {"org.ratepayer.billers.BillerService", "require", "BillerService.require (SQL: select biller)"},
            {"org.ratepayer.billers.BillerService", "cachedConfig", "BillerService.cachedConfig"},
            {"org.ratepayer.billers.", null, "billers (other)"},
            {"org.ratepayer.multispeak.RequestHeaders", null, "MultiSpeak: request header (UUID, timestamp)"},
            {"org.ratepayer.multispeak.", null, "MultiSpeak call (CXF client, JAXB, HttpURLConnection)"},
            {"org.ratepayer.daffron.DaffronBalanceMapper", null, "Daffron answer mapping"},
            {"org.ratepayer.daffron.", null, "Daffron connector (other)"},
            {"org.ratepayer.cis.CisConnectors", null, "CisConnectors (connector lookup, CisBiller view)"},
            {"io.micrometer.", null, "Micrometer (the request's observation, counters; Spring Security's are off)"},
            {"org.ratepayer.balances.BalanceService", null, "BalanceService (own code)"},
            {"org.ratepayer.billers.internal.ApiKeyAuthenticator", null, "API key check (other)"},
            {"com.fasterxml.jackson.", null, "JSON response (Jackson)"},
            {"org.springframework.http.converter.", null, "JSON response (Spring message converters)"},
            {"org.springframework.security.", null, "Spring Security filter chain"},
            {"org.springframework.web.", null, "Spring MVC (filters, dispatch, handler, arguments)"},
            {"org.springframework.http.", null, "Spring MVC (filters, dispatch, handler, arguments)"},
            {"org.ratepayer.shared.web.ApiAuthenticationFilter", null, "ApiAuthenticationFilter (own code)"},
            {"org.ratepayer.balances.web.", null, "controller, other API code"},
            {"org.apache.catalina.", null, "Tomcat (servlet container)"},
            {"org.apache.coyote.", null, "Tomcat (HTTP connector)"},
            {"org.apache.tomcat.", null, "Tomcat (HTTP connector)"},
    };

    /** Self-time libraries by package prefix, first match wins. */
    private static final String[][] LIBRARIES = {
            {"org.postgresql.", "PgJDBC driver"},
            {"com.zaxxer.hikari.", "Hikari pool"},
            {"org.apache.cxf.", "CXF"},
            {"org.apache.neethi.", "CXF"},
            {"org.glassfish.jaxb.", "JAXB runtime"},
            {"com.sun.xml.", "JAXB / JDK XML"},
            {"com.ctc.wstx.", "Woodstox XML"},
            {"org.codehaus.stax2.", "Woodstox XML"},
            {"com.sun.org.apache.", "JDK XML (Xerces/Xalan)"},
            {"javax.xml.", "JDK XML (Xerces/Xalan)"},
            {"jdk.xml.", "JDK XML (Xerces/Xalan)"},
            {"org.xml.", "JDK XML (Xerces/Xalan)"},
            {"com.fasterxml.jackson.", "Jackson"},
            {"org.springframework.security.", "Spring Security"},
            {"org.springframework.jdbc.", "Spring JDBC"},
            {"org.springframework.transaction.", "Spring transactions"},
            {"org.springframework.web.", "Spring MVC"},
            {"org.springframework.http.", "Spring MVC"},
            {"org.springframework.aop.", "Spring AOP"},
            {"org.springframework.cglib.", "Spring AOP"},
            {"org.springframework.core.", "Spring core"},
            {"org.springframework.util.", "Spring core"},
            {"org.springframework.beans.", "Spring core"},
            {"org.springframework.", "Spring (other)"},
            {"org.apache.catalina.", "Tomcat"},
            {"org.apache.coyote.", "Tomcat"},
            {"org.apache.tomcat.", "Tomcat"},
            {"jakarta.servlet.", "Tomcat"},
            {"org.eclipse.jetty.", "Jetty"},
            {"io.micrometer.", "Micrometer"},
            {"ch.qos.logback.", "logging"},
            {"org.slf4j.", "logging"},
            {"org.ratepayer.", "Ratepayer code"},
            {"sun.net.", "JDK networking (HttpURLConnection, sockets)"},
            {"java.net.", "JDK networking (HttpURLConnection, sockets)"},
            {"sun.nio.", "JDK networking (HttpURLConnection, sockets)"},
            {"java.nio.", "JDK NIO / buffers"},
            {"sun.security.", "JDK crypto"},
            {"java.security.", "JDK crypto"},
            {"com.sun.crypto.", "JDK crypto"},
            {"javax.crypto.", "JDK crypto"},
            {"java.lang.reflect.", "JDK reflection, method handles"},
            {"jdk.internal.reflect.", "JDK reflection, method handles"},
            {"java.lang.invoke.", "JDK reflection, method handles"},
            {"java.util.regex.", "JDK regex"},
            {"java.util.concurrent.", "JDK concurrency"},
            {"java.util.", "JDK collections, java.util"},
            {"java.lang.String", "JDK strings"},
            {"java.lang.AbstractStringBuilder", "JDK strings"},
            {"java.lang.StringBuilder", "JDK strings"},
            {"java.lang.StringLatin1", "JDK strings"},
            {"java.lang.StringUTF16", "JDK strings"},
            {"java.lang.StringConcatHelper", "JDK strings"},
            {"java.time.", "JDK time"},
            {"java.math.", "JDK BigDecimal"},
            {"java.", "JDK (other)"},
            {"jdk.", "JDK (other)"},
            {"sun.", "JDK (other)"},
    };

    private final Recording recording = new Recording();

    private JfrProfile() {
    }

    /** Starts sampling every Java thread's stack every {@code period} while it runs Java code. */
    static JfrProfile start(Duration period) {
        JfrProfile p = new JfrProfile();
        p.recording.setName("balance-refresh");
        p.recording.enable("jdk.ExecutionSample").withPeriod(period).withStackTrace();
        p.recording.setToDisk(true);
        p.recording.start();
        return p;
    }

    /** Stops, writes the recording to {@code file} and summarises the samples taken from {@code from} to {@code to}. */
    Map<String, Object> stop(Path file, Instant from, Instant to) throws IOException {
        recording.stop();
        recording.dump(file);
        recording.close();
        Map<String, Long> byGroup = new LinkedHashMap<>();
        Map<String, Long> stages = new HashMap<>();
        Map<String, Long> platformLibraries = new HashMap<>();
        Map<String, Long> platformMethods = new HashMap<>();
        Map<String, Long> simulatorLibraries = new HashMap<>();
        long platformSamples = 0;
        long simulatorSamples = 0;
        long total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStartTime().isBefore(from)
                    || e.getStartTime().isAfter(to)) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            total++;
            RecordedThread thread = e.getThread("sampledThread");
            String name = thread == null ? null : thread.getJavaName();
            String group = group(name);
            byGroup.merge(group, 1L, Long::sum);
            List<RecordedFrame> frames = stack.getFrames();
            String top = className(frames.get(0));
            if (group.startsWith("platform")) {
                platformSamples++;
                stages.merge(stage(frames), 1L, Long::sum);
                platformLibraries.merge(library(top), 1L, Long::sum);
                platformMethods.merge(top + "." + frames.get(0).getMethod().getName(), 1L, Long::sum);
            } else if (group.startsWith("CIS")) {
                simulatorSamples++;
                simulatorLibraries.merge(library(top), 1L, Long::sum);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("samples", total);
        m.put("samples_by_thread_group", shares(byGroup, total, 0));
        m.put("platform_samples", platformSamples);
        m.put("platform_stages", shares(stages, platformSamples, 0));
        m.put("platform_self_by_library", shares(platformLibraries, platformSamples, TOP));
        m.put("platform_top_methods", shares(platformMethods, platformSamples, TOP));
        m.put("simulator_samples", simulatorSamples);
        m.put("simulator_self_by_library", shares(simulatorLibraries, simulatorSamples, 12));
        return m;
    }

    /** Counts as "percent (count)" rows, largest first; {@code limit} 0 for all. */
    private static List<Map<String, Object>> shares(Map<String, Long> counts, long total, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit > 0 ? limit : Long.MAX_VALUE).forEach(e -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("what", e.getKey());
                    r.put("samples", e.getValue());
                    r.put("percent", Report.round(total == 0 ? 0 : 100.0 * e.getValue() / total, 1));
                    rows.add(r);
                });
        return rows;
    }

    private static String group(String threadName) {
        if (threadName == null) {
            return "other";
        }
        if (threadName.startsWith("bench-client-")) {
            return "load driver";
        }
        if (threadName.startsWith("http-nio-")) {
            return "platform (Tomcat threads)";
        }
        if (threadName.startsWith("cis-simulator")) {
            return "CIS simulator (Jetty threads)";
        }
        return "other: " + threadName.replaceAll("[0-9]+", "N");
    }

    private static String stage(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String cls = className(f);
            String method = f.getMethod().getName();
            for (String[] s : STAGES) {
                if (cls.startsWith(s[0]) && (s[1] == null || s[1].equals(method))) {
                    return s[2];
                }
            }
        }
        return "none of the above on the stack (thread pool, JDK)";
    }

    private static String library(String className) {
        for (String[] l : LIBRARIES) {
            if (className.startsWith(l[0])) {
                return l[1];
            }
        }
        return "other: " + className;
    }

    private static String className(RecordedFrame f) {
        return f.getMethod().getType().getName();
    }
}
