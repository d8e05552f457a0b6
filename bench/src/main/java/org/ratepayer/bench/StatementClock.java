package org.ratepayer.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Times every SQL statement and commit that goes through the application's DataSource while
 * recording, so that the import's wall time can be split into its statements and the Java work
 * between them, without touching the import's code. The COPY of the stage goes through the
 * driver's own API and is not seen here: it shows as the gap after the stage table is created.
 */
final class StatementClock {

    /**
     * One statement or commit; times in nanoseconds from {@link #startRecording()}; the server's plan
     * when plans were asked for and the statement ran long enough, else null.
     */
    record Event(String what, long start, long nanos, long rows, String plan) {
    }

    /** Statements at least this long get their executed plan, with actual rows, times and buffers. */
    static final int PLAN_MIN_MILLIS = 500;

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final List<Event> events = new ArrayList<>();
    private final boolean plans;
    private volatile boolean recording;
    private volatile long origin;

    /**
     * @param plans whether to have the server explain slow statements (auto_explain with ANALYZE),
     *              which itself slows the statements down by its per-row timing
     */
    StatementClock(boolean plans) {
        this.plans = plans;
    }

    void startRecording() {
        synchronized (events) {
            events.clear();
        }
        origin = System.nanoTime();
        recording = true;
    }

    List<Event> stopRecording() {
        recording = false;
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    long origin() {
        return origin;
    }

    DataSource wrap(DataSource target) {
        return new TimedDataSource(target);
    }

    private void record(String what, long start, long end, long rows, String plan) {
        if (recording) {
            synchronized (events) {
                events.add(new Event(what, start - origin, end - start, rows, plan));
            }
        }
    }

    /**
     * auto_explain at level INFO sends each plan to the client as a notice, which the driver keeps
     * as a warning on the statement: the plan arrives with the statement it belongs to, without
     * reading the server's log. Session settings, so they stay on the pooled connection.
     */
    private void explainOn(Connection target) throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute("load 'auto_explain'");
            s.execute("set auto_explain.log_min_duration = " + PLAN_MIN_MILLIS);
            s.execute("set auto_explain.log_analyze = on");
            s.execute("set auto_explain.log_buffers = on");
            s.execute("set auto_explain.log_triggers = on");
            s.execute("set auto_explain.log_level = 'info'");
        }
    }

    private static String plan(Object statement) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (SQLWarning w = ((Statement) statement).getWarnings(); w != null; w = w.getNextWarning()) {
            String message = w.getMessage();
            int at = message == null ? -1 : message.indexOf("plan:");
            if (at >= 0) {
                out.append(message.substring(at + "plan:".length()).strip()).append('\n');
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    static String label(String sql) {
        String flat = sql.replaceAll("\\s+", " ").replace("( ", "(").trim();
        return flat.length() <= 100 ? flat : flat.substring(0, 97) + "...";
    }

    /** Spring calls close() on the DataSource bean it replaces; Hikari must still be shut down. */
    final class TimedDataSource extends DelegatingDataSource implements AutoCloseable {

        TimedDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(super.getConnection(username, password));
        }

        @Override
        public void close() {
            if (getTargetDataSource() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("the data source did not close: " + e.getMessage(), e);
                }
            }
        }
    }

    private Connection connection(Connection target) throws SQLException {
        if (plans && recording) {
            explainOn(target);
        }
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(target, null));
    }

    private final class Handler implements InvocationHandler {
        private final Object target;
        private final String sql;

        Handler(Object target, String sql) {
            this.target = target;
            this.sql = sql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("equals") && args != null && args.length == 1) {
                return proxy == args[0];
            }
            if (name.equals("hashCode") && (args == null || args.length == 0)) {
                return System.identityHashCode(proxy);
            }
            if (target instanceof Connection && (name.equals("prepareStatement") || name.equals("createStatement"))) {
                Object statement = call(method, args);
                String text = name.equals("prepareStatement") ? (String) args[0] : null;
                Class<?> type = name.equals("prepareStatement") ? PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                        new Handler(statement, text));
            }
            boolean timed = (target instanceof Statement && EXECUTE.contains(name))
                    || (target instanceof Connection && name.equals("commit"));
            if (!timed) {
                return call(method, args);
            }
            String what = target instanceof Connection ? "commit"
                    : label(sql != null ? sql : args != null && args.length > 0 ? String.valueOf(args[0]) : "?");
            long start = System.nanoTime();
            Object result = call(method, args);
            long end = System.nanoTime();
            long rows = result instanceof Integer i ? i : result instanceof Long l ? l : -1;
            record(what, start, end, rows, plans && target instanceof Statement ? plan(target) : null);
            return result;
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
