package org.ratepayer.bench;

import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.ratepayer.shared.web.CallerAuthenticator;
import org.ratepayer.balances.BalanceService;
import org.ratepayer.cis.CisConnector;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Splits a balance request's time inside the platform without touching its code: a servlet filter
 * in front of every other (Spring Security's chain included) times the whole server side; method
 * interceptors time the API-key check, {@link BalanceService#balance} and the CIS connector's call;
 * {@link StatementClock} around the DataSource times every SQL statement and commit. All of it only
 * while recording, each a few microseconds per request.
 */
final class RefreshTimers {

    static final String SERVER = "server: whole request inside Tomcat's filter chain";
    static final String AUTH = "ApiKeyAuthenticator.billerKey (API key check, its SQL included)";
    static final String SERVICE = "BalanceService.balance (its SQL and CIS call included)";
    static final String CIS = "CisConnector.balance (MultiSpeak call through CXF)";

    private final StatementClock statements = new StatementClock(false);
    private final Map<String, LongAdder[]> timers = new ConcurrentHashMap<>();
    private volatile boolean recording;

    /** Installs the filter, the interceptors and the DataSource wrapper into the context to be started. */
    ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
        return ctx -> {
            FilterRegistrationBean<Filter> filter = new FilterRegistrationBean<>((request, response, chain) -> {
                long start = System.nanoTime();
                try {
                    chain.doFilter(request, response);
                } finally {
                    record(SERVER, System.nanoTime() - start);
                }
            });
            filter.setName("benchServerTimer");
            filter.setOrder(Ordered.HIGHEST_PRECEDENCE);
            ctx.getBeanFactory().registerSingleton("benchServerTimer", filter);
            ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource ds && name.equals("dataSource")) {
                        return statements.wrap(ds);
                    }
                    if (bean instanceof CallerAuthenticator) {
                        return timed(bean, "billerKey", AUTH, true);
                    }
                    if (bean instanceof BalanceService) {
                        return timed(bean, "balance", SERVICE, true);
                    }
                    if (bean instanceof CisConnector) {
                        return timed(bean, "balance", CIS, false);
                    }
                    return bean;
                }
            });
        };
    }

    void startRecording() {
        timers.clear();
        statements.startRecording();
        recording = true;
    }

    /**
     * Stops recording; returns one row per timer and per distinct SQL statement: how often it ran per
     * request and its mean time per request, in milliseconds, over {@code requests} requests.
     */
    List<Map<String, Object>> stopRecording(long requests) {
        recording = false;
        List<StatementClock.Event> events = statements.stopRecording();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String what : List.of(SERVER, AUTH, SERVICE, CIS)) {
            LongAdder[] t = timers.get(what);
            if (t != null) {
                rows.add(row("timer", what, t[0].sum(), t[1].sum(), requests));
            }
        }
        Map<String, long[]> sql = new LinkedHashMap<>();
        for (StatementClock.Event e : events) {
            long[] s = sql.computeIfAbsent(e.what(), k -> new long[2]);
            s[0]++;
            s[1] += e.nanos();
        }
        long count = 0;
        long nanos = 0;
        for (Map.Entry<String, long[]> e : sql.entrySet()) {
            rows.add(row("sql", e.getKey(), e.getValue()[0], e.getValue()[1], requests));
            count += e.getValue()[0];
            nanos += e.getValue()[1];
        }
        rows.add(row("sql", "all SQL statements and commits", count, nanos, requests));
        return rows;
    }

    private static Map<String, Object> row(String kind, String what, long count, long nanos, long requests) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("what", what);
        m.put("per_request", Report.round(requests == 0 ? 0 : (double) count / requests, 2));
        m.put("ms_per_request", Report.round(requests == 0 ? 0 : nanos / 1e6 / requests, 4));
        m.put("ms_each", Report.round(count == 0 ? 0 : nanos / 1e6 / count, 4));
        return m;
    }

    private void record(String what, long nanos) {
        if (recording) {
            LongAdder[] t = timers.computeIfAbsent(what, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
            t[0].increment();
            t[1].add(nanos);
        }
    }

    /**
     * The bean behind a proxy that times calls of {@code method}. Classes are subclassed (CGLIB);
     * the Daffron connector is a final class, so it is proxied by its interface.
     */
    private Object timed(Object bean, String method, String what, boolean byClass) {
        MethodInterceptor timer = invocation -> {
            if (!invocation.getMethod().getName().equals(method)) {
                return invocation.proceed();
            }
            long start = System.nanoTime();
            try {
                return invocation.proceed();
            } finally {
                record(what, System.nanoTime() - start);
            }
        };
        if (bean instanceof Advised advised && !advised.isFrozen()) {
            advised.addAdvice(0, timer);
            return bean;
        }
        ProxyFactory factory = new ProxyFactory(bean);
        if (byClass) {
            factory.setProxyTargetClass(true);
        } else {
            factory.setInterfaces(CisConnector.class);
        }
        factory.addAdvice(timer);
        return factory.getProxy(bean.getClass().getClassLoader());
    }
}
